"""Time zones named for people: ``{{ event.time_zone|zone_label:event.start }}``."""

from datetime import UTC, date, datetime, time, tzinfo

from django import template

from core.timezones import zone_label as label_of

register = template.Library()


@register.filter
def zone_label(zone: str | tzinfo | None, at: datetime | date | None = None) -> str:
    """ "Almaty time, UTC+5" in the active language, the offset taken at ``at``: the
    moment shown, or midday of the day shown; now when not given."""
    if isinstance(at, datetime):
        moment: datetime | None = at
    elif isinstance(at, date):
        moment = datetime.combine(at, time(12), tzinfo=UTC)
    else:
        moment = None
    return label_of(zone, moment)
