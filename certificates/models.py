import re
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Registration

# No 0/O or 1/I to misread when a code is typed from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_PATTERN = re.compile(rf"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")

# The reason a certificate is revoked when a corrected one replaces it.
REISSUED = "reissued"


def new_certificate_code() -> str:
    """Ten letters and digits: 32**10 (about 10**15) codes, not to be guessed."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalised_code(typed: str) -> str | None:
    """The code as stored, from what someone typed or scanned (any case, spaces and
    dashes aside); None for anything that cannot be a code, so that no lookup is made."""
    code = re.sub(r"[\s-]", "", typed or "").upper()
    return code if CODE_PATTERN.fullmatch(code) else None


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def valid(self) -> "CertificateQuerySet":
        return self.filter(revoked_at__isnull=True)

    def revoked(self) -> "CertificateQuerySet":
        return self.filter(revoked_at__isnull=False)

    def of_event(self, event: object) -> "CertificateQuerySet":
        return self.filter(registration__event=event)


class Certificate(models.Model):
    """A certificate of attendance, as issued: the name printed and the language are
    kept, so that the same PDF comes out every time it is downloaded."""

    # PROTECT: a certificate issued is a record; a registration is released, not deleted.
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(
        _("verification code"),
        max_length=CODE_LENGTH,
        unique=True,
        default=new_certificate_code,
        editable=False,
    )
    name = models.CharField(_("name as printed"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True, max_length=1000)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")
        ordering = ["issued_at", "pk"]
        constraints = [
            # However many coordinators press "issue" at once, one valid certificate each.
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_registration",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", kwargs={"code": self.code})

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def was_reissued(self) -> bool:
        return self.revoke_reason == REISSUED


class VisaLetter(models.Model):
    """The visa invitation letter issued to an on-site participant who asked for one:
    its reference and who signed it, so that every copy says the same."""

    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="visa_letter"
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    signatory = models.CharField(_("signed by"), max_length=200)

    class Meta:
        verbose_name = _("visa invitation letter")
        verbose_name_plural = _("visa invitation letters")
        ordering = ["issued_at", "pk"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The letter's number: the year, the event and the letter (never the
        registration's code, which is the participant's check-in secret)."""
        return f"CARP/{self.issued_at:%Y}/{self.registration.event_id}/{self.pk}"
