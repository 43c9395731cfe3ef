import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .countries import Country
from .models import Language, ResearchArea, Strength, University


class UniversityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, former name or abbreviation")}),
    )
    country = django_filters.ChoiceFilter(choices=Country.choices, label=_("Country"))
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact", label=_("City"))
    area = django_filters.ModelChoiceFilter(
        queryset=ResearchArea.objects.all(),
        field_name="strengths__area",
        to_field_name="slug",
        label=_("Research area"),
    )
    level = django_filters.ChoiceFilter(
        choices=Strength.Level.choices,
        method="filter_level",
        label=_("Strength level (at least)"),
    )
    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(),
        field_name="languages",
        to_field_name="code",
        label=_("Language of instruction"),
    )
    kind = django_filters.ChoiceFilter(choices=University.Kind.choices, label=_("Type"))
    verified = django_filters.BooleanFilter(
        label=_("Verified only"),
        widget=forms.CheckboxInput,
        method="filter_verified",
    )
    sort = django_filters.OrderingFilter(
        fields=(("name_en", "name"), ("country", "country"), ("updated_at", "updated")),
        field_labels={
            "name_en": _("Name"),
            "country": _("Country"),
            "updated_at": _("Last update"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = University
        fields: list[str] = []

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_verified(self, queryset, name, value):
        return queryset.filter(verified=True) if value else queryset

    def filter_level(self, queryset, name, value):
        area = self.form.cleaned_data.get("area")
        strengths = Strength.objects.filter(level__gte=value)
        if area:
            strengths = strengths.filter(area=area)
        return queryset.filter(pk__in=strengths.values("university"))

    @property
    def qs(self):
        # Joins through strengths can repeat a university.
        return super().qs.distinct()
