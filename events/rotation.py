"""The rotation of on-site regional conferences: who hosts next.

The next host is the next university in rotation order that has neither hosted
nor declined in the current cycle, is not in the country of the last host,
can seat the expected attendance and has no blackout on the planned dates.
Among those, the country that hosted least recently (or never) comes first,
then rotation order after the last host.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from .models import HostingRecord, RotationMember


@dataclass
class Proposal:
    member: RotationMember | None
    cycle: int
    skipped: list[tuple[RotationMember, str]]


def current_cycle() -> int:
    members = RotationMember.objects.count()
    latest = HostingRecord.objects.order_by("-cycle").values_list("cycle", flat=True).first()
    if latest is None:
        return 1
    done = HostingRecord.objects.filter(cycle=latest).count()
    return latest + 1 if members and done >= members else latest


def next_position() -> int:
    """The rotation position of a university that joins now: after the last one."""
    last = RotationMember.objects.aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def propose(*, start: date, end: date, attendance: int | None) -> Proposal:
    cycle = current_cycle()
    members = list(RotationMember.objects.select_related("university").order_by("position"))
    taken = set(HostingRecord.objects.filter(cycle=cycle).values_list("university_id", flat=True))
    hosted = list(
        HostingRecord.objects.filter(outcome=HostingRecord.Outcome.HOSTED)
        .select_related("university")
        .order_by("-decided_at")
    )
    last = hosted[0].university if hosted else None
    last_hosted_by_country: dict[str, int] = {}
    for rank, record in enumerate(hosted):  # rank 0 = most recent
        last_hosted_by_country.setdefault(record.university.country, rank)
    after = 0
    if last is not None:
        positions = [m.university_id for m in members]
        if last.pk in positions:
            after = positions.index(last.pk) + 1
    ordered = members[after:] + members[:after]
    skipped, eligible = [], []
    for order, member in enumerate(ordered):
        university = member.university
        if university.pk in taken:
            continue
        if last is not None and university.country == last.country:
            skipped.append((member, "same_country"))
        elif (
            attendance and member.venue_capacity is not None and member.venue_capacity < attendance
        ):
            skipped.append((member, "capacity"))
        elif member.blocked(start, end):
            skipped.append((member, "blackout"))
        else:
            never = len(hosted) + 1
            recency = last_hosted_by_country.get(university.country, never)
            eligible.append((-recency, order, member))
    eligible.sort(key=lambda item: (item[0], item[1]))
    return Proposal(member=eligible[0][2] if eligible else None, cycle=cycle, skipped=skipped)
