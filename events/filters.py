import django_filters
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from universities.countries import Country
from universities.models import Language, ResearchArea

from .models import Event, EventSeries


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, label=_("Kind"))
    format = django_filters.ChoiceFilter(choices=Event.Format.choices, label=_("Format"))
    country = django_filters.ChoiceFilter(
        field_name="host__country", choices=Country.choices, label=_("Country")
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=ResearchArea.objects.all(),
        field_name="areas",
        to_field_name="slug",
        label=_("Topic"),
    )
    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(),
        field_name="languages",
        to_field_name="code",
        label=_("Language"),
    )
    series = django_filters.ModelChoiceFilter(
        queryset=EventSeries.objects.all(), to_field_name="slug", label=_("Series")
    )

    class Meta:
        model = Event
        fields: list[str] = []

    @property
    def qs(self):
        queryset = super().qs
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        # Only the many-to-many filters can repeat an event.
        return queryset.distinct() if data.get("topic") or data.get("language") else queryset


def published_listing(data: QueryDict | None) -> EventFilter:
    """The public events (published or cancelled) as the visitor filtered them."""
    events = (
        Event.objects.published().select_related("host", "series").prefetch_related("languages")
    )
    return EventFilter(data, queryset=events)
