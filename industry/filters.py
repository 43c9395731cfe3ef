import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import months_ahead
from curricula.filters import SkillNameFilter
from universities.countries import Country

from .models import Organisation, SkillNeed

HORIZONS = [("3", _("within 3 months")), ("6", _("within 6 months")),
            ("12", _("within 12 months")), ("24", _("within 24 months"))]  # fmt: skip


class NeedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Title, background or skill")}),
    )
    country = django_filters.ChoiceFilter(choices=Country.choices, label=_("Country"))
    sector = django_filters.ChoiceFilter(
        field_name="organisation__sector", choices=Organisation.Sector.choices, label=_("Sector")
    )
    kind = django_filters.ChoiceFilter(choices=SkillNeed.Kind.choices, label=_("Kind"))
    skill = SkillNameFilter(field_name="skills")
    status = django_filters.ChoiceFilter(
        method="filter_status",
        choices=[*SkillNeed.Status.choices, ("all", _("Any status"))],
        empty_label=_("Open"),
        label=_("Status"),
    )
    horizon = django_filters.ChoiceFilter(
        method="filter_horizon", choices=HORIZONS, label=_("Needed by")
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        choices=[("deadline", _("Deadline")), ("headcount", _("Headcount"))],
        empty_label=_("Newest"),
        label=_("Sort by"),
    )

    class Meta:
        model = SkillNeed
        fields: list[str] = []

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_status(self, queryset, name, value):
        return queryset if value == "all" else queryset.filter(status=value)

    def filter_horizon(self, queryset, name, value):
        limit = months_ahead(int(value), today=timezone.localdate())
        return queryset.filter(needed_by__lte=limit)

    def sort_by(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        if not data.get("status"):
            queryset = queryset.open()
        sort = data.get("sort")
        if sort == "deadline":
            return queryset.order_by("needed_by", "-pk")
        if sort == "headcount":
            return queryset.order_by("-headcount", "-pk")
        return queryset.order_by("-created_at", "-pk")
