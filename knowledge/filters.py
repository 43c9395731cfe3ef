import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from curricula.filters import SkillNameFilter
from industry.models import Organisation
from universities.models import ResearchArea, University

from .models import COUNTRY_CHOICES, ItemCountry, KnowledgeFile, KnowledgeItem

SORTS = [("oldest", _("Oldest first")), ("title", _("Title"))]


class LibraryFilter(django_filters.FilterSet):
    """The library's filters; every one that follows a relation selects the items by
    a subquery, so an item is listed once whatever matched."""

    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Title, summary, text or author")}),
    )
    kind = django_filters.ChoiceFilter(choices=KnowledgeItem.Kind.choices, label=_("Kind"))
    theme = django_filters.ModelChoiceFilter(
        queryset=ResearchArea.objects.all(),
        to_field_name="slug",
        field_name="themes",
        method="filter_theme",
        label=_("Theme"),
    )
    skill = SkillNameFilter(field_name="skills")
    country = django_filters.ChoiceFilter(
        choices=COUNTRY_CHOICES, method="filter_country", label=_("Country")
    )
    language = django_filters.ChoiceFilter(
        choices=settings.LANGUAGES, method="filter_language", label=_("Language of the files")
    )
    # Only those with a published item: a choice that finds nothing is noise, and
    # thousands of organisations would make the page heavy on a slow connection.
    university = django_filters.ModelChoiceFilter(
        queryset=University.objects.active().filter(
            Exists(
                KnowledgeItem.universities.through.objects.filter(
                    university=OuterRef("pk"), knowledgeitem__status=KnowledgeItem.Status.PUBLISHED
                )
            )
        ),
        to_field_name="slug",
        method="filter_university",
        label=_("University"),
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.active().filter(
            Exists(
                KnowledgeItem.organisations.through.objects.filter(
                    organisation=OuterRef("pk"),
                    knowledgeitem__status=KnowledgeItem.Status.PUBLISHED,
                )
            )
        ),
        to_field_name="slug",
        method="filter_organisation",
        label=_("Organisation"),
    )
    year = django_filters.NumberFilter(
        field_name="published_on__year",
        label=_("Year"),
        widget=forms.NumberInput(attrs={"min": 1990, "max": 2100}),
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by", choices=SORTS, empty_label=_("Newest first"), label=_("Sort by")
    )

    class Meta:
        model = KnowledgeItem
        fields: list[str] = []

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_theme(self, queryset, name, value):
        through = KnowledgeItem.themes.through.objects.filter(researcharea=value)
        return queryset.filter(pk__in=through.values("knowledgeitem"))

    def filter_country(self, queryset, name, value):
        return queryset.filter(pk__in=ItemCountry.objects.filter(country=value).values("item"))

    def filter_language(self, queryset, name, value):
        return queryset.filter(pk__in=KnowledgeFile.objects.filter(language=value).values("item"))

    def filter_university(self, queryset, name, value):
        through = KnowledgeItem.universities.through.objects.filter(university=value)
        return queryset.filter(pk__in=through.values("knowledgeitem"))

    def filter_organisation(self, queryset, name, value):
        through = KnowledgeItem.organisations.through.objects.filter(organisation=value)
        return queryset.filter(pk__in=through.values("knowledgeitem"))

    def sort_by(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        sort = data.get("sort")
        if sort == "oldest":
            return queryset.order_by("published_on", "created_at", "pk")
        if sort == "title":
            return queryset.order_by("title_en", "pk")
        if data.get("q"):
            return queryset.order_by("-rank", "-published_on", "-pk")
        return queryset.newest_first()


class NewsFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=[(k, KnowledgeItem.Kind(k).label) for k in KnowledgeItem.NEWS_KINDS],
        label=_("Kind"),
        empty_label=_("News and commentary"),
    )
    theme = LibraryFilter.base_filters["theme"]

    class Meta:
        model = KnowledgeItem
        fields: list[str] = []

    filter_theme = LibraryFilter.filter_theme
