import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .countries import Country
from .models import Language, ResearchArea, Strength, University


class UniversityNameFilter(django_filters.CharFilter):
    """A university typed by its name in any script, a former name or abbreviation, or
    its address code (slug).

    A text box instead of a list of every university keeps the page small and quick
    to render when the region has hundreds of them.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("University"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"placeholder": _("University name or abbreviation")})
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()[:200]
        if not value:
            return qs
        by_slug = University.objects.filter(slug=value)
        matches = by_slug if by_slug.exists() else University.objects.search(value)
        return qs.filter(**{f"{self.field_name}__in": matches.values("pk")})


class UniversityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, former name or abbreviation")}),
    )
    country = django_filters.ChoiceFilter(choices=Country.choices, label=_("Country"))
    city = django_filters.CharFilter(method="filter_city", label=_("City"))
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
            # django-filter would make these once, in English, when the module loads.
            "-name": _("Name (descending)"),
            "-country": _("Country (descending)"),
            "-updated": _("Last update (descending)"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = University
        fields: list[str] = []

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_city(self, queryset, name, value):
        return queryset.in_city(value[:100])

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
