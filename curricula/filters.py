import django_filters
from django import forms
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from universities.countries import Country
from universities.filters import UniversityNameFilter
from universities.models import Language

from .forms import find_skill
from .models import Field, Intake, Programme


class SkillNameFilter(django_filters.CharFilter):
    """A skill typed by its name (English or Russian) or its code (slug).

    A text box instead of a list of every skill keeps filter pages small on slow
    connections; an unknown skill matches nothing.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Skill"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": _("Skill name or code")}))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or not value.strip():
            return qs
        skill = find_skill(value[:200])
        if skill is None:
            return qs.none()
        return qs.filter(**{self.field_name: skill}).distinct()


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Title, description or skill")}),
    )
    country = django_filters.ChoiceFilter(
        field_name="university__country", choices=Country.choices, label=_("Country")
    )
    university = UniversityNameFilter(field_name="university")
    degree = django_filters.ChoiceFilter(choices=Programme.Degree.choices, label=_("Degree level"))
    field = django_filters.ModelChoiceFilter(
        queryset=Field.objects.filter(level="detailed"),
        to_field_name="code",
        label=_("Field of education"),
    )
    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(),
        field_name="languages",
        to_field_name="code",
        label=_("Language of instruction"),
        distinct=True,
    )
    delivery = django_filters.ChoiceFilter(
        choices=Programme.Delivery.choices, label=_("Delivery mode")
    )
    skill = SkillNameFilter(field_name="skills")
    ects_min = django_filters.NumberFilter(
        field_name="ects", lookup_expr="gte", label=_("ECTS from")
    )
    ects_max = django_filters.NumberFilter(field_name="ects", lookup_expr="lte", label=_("ECTS to"))
    joint = django_filters.BooleanFilter(
        method="filter_joint", label=_("Joint or double degree"), widget=forms.CheckboxInput
    )
    free = django_filters.BooleanFilter(
        method="filter_free", label=_("Tuition-free"), widget=forms.CheckboxInput
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        label=_("Sort by"),
        empty_label=_("Relevance"),
        choices=[("title", _("Title")), ("deadline", _("Application deadline"))],
    )

    class Meta:
        model = Programme
        fields: list[str] = []

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_joint(self, queryset, name, value):
        return queryset.filter(partners__isnull=False).distinct() if value else queryset

    def filter_free(self, queryset, name, value):
        return queryset.filter(tuition_free=True) if value else queryset

    def sort_by(self, queryset, name, value):
        # Applied in ``qs`` so that it also decides the order of a search.
        return queryset

    @property
    def qs(self):
        # Only the filters that join a many-to-many relation make rows repeat, and they
        # add DISTINCT themselves; without it the count and page use plain indexes.
        queryset = super().qs
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        sort = data.get("sort")
        if sort == "deadline":
            upcoming = (
                Intake.objects.filter(
                    programme=OuterRef("pk"), application_deadline__gte=timezone.localdate()
                )
                .order_by("application_deadline")
                .values("application_deadline")[:1]
            )
            deadline = F("next_deadline").asc(nulls_last=True)
            return queryset.annotate(next_deadline=Subquery(upcoming)).order_by(
                deadline, "title_en", "pk"
            )
        if sort != "title" and data.get("q") and "rank" in queryset.query.annotations:
            return queryset.order_by("-rank", "title_en", "pk")
        return queryset.order_by("title_en", "pk")
