"""Accreditations nearing their end, told to the university's editors by e-mail.

Each accreditation is told once: ``expiry_told_at`` is claimed with a conditional
update in the transaction that writes its e-mails, so two runs never tell it twice.
A renewal is a new row, told again when it nears its own end; an accreditation whose
end is changed on the admissions page is told again too (the service clears the mark).
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from core import outbox
from core.emails import absolute_url

from .models import Accreditation

EXPIRING = "curricula/email/accreditation_expiring"
WARN_DAYS = 31


def _admissions_url(accreditation: Accreditation, user: User) -> str:
    """The programme's admissions page, in ``user``'s language."""
    programme = accreditation.programme
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        path = reverse(
            "curricula:programme_admissions",
            kwargs={"university": programme.university.slug, "slug": programme.slug},
        )
    return absolute_url(path)


def due(today: date) -> list[int]:
    """The accreditations of active programmes ending within ``WARN_DAYS`` from ``today``
    (not yet ended) that nobody was told of."""
    return list(
        Accreditation.objects.filter(
            expiry_told_at__isnull=True,
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=WARN_DAYS),
        )
        .exclude(programme__status="archived")
        .order_by("valid_until", "pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def accreditation_tell(*, accreditation_id: int) -> bool:
    """Claim ``accreditation_id`` and e-mail each editor of its university (one outbox
    row each, key ``curricula:accreditation-expiring:<pk>:<user pk>``), naming the
    programme, the agency and the end, with a link to the admissions page. Returns
    False when another run told it first."""
    claimed = Accreditation.objects.filter(pk=accreditation_id, expiry_told_at__isnull=True).update(
        expiry_told_at=timezone.now()
    )
    if not claimed:
        return False
    accreditation = Accreditation.objects.select_related("programme__university", "agency").get(
        pk=accreditation_id
    )
    programme = accreditation.programme
    for user in programme.university.staff_users().order_by("pk"):
        outbox.enqueue(
            template=EXPIRING,
            recipients=[user],
            context={
                "accreditation": accreditation,
                "programme": programme,
                "agency": accreditation.agency,
                "valid_until": accreditation.valid_until,
                "url": _admissions_url(accreditation, user),
            },
            key=f"curricula:accreditation-expiring:{accreditation.pk}:{user.pk}",
            topic=f"curricula:accreditation-expiring:{accreditation.pk}",
        )
    return True


def expiring_warn(today: date | None = None) -> int:
    """Tell the editing staff of each university of its programmes' accreditations
    ending within a month, once per accreditation. Returns how many were told.

    Side effects: outbox e-mails, ``expiry_told_at`` set."""
    today = today or timezone.localdate()
    return sum(accreditation_tell(accreditation_id=pk) for pk in due(today))
