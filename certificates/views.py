from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.decorators import permission_required
from core.views import form_page
from events.models import Event, Registration

from . import services
from .eligibility import eligible_registrations, gives_certificates
from .forms import ReissueForm, RevokeForm
from .models import Certificate, VisaLetter, normalised_code
from .pdf import certificate_pdf, event_dates, visa_letter_pdf

DESCRIBED = (
    "registration__user",
    "registration__event__host",
    "registration__event__series",
    "replaced_by",
)


def _event(*, pk: int) -> Event:
    return get_object_or_404(Event, pk=pk)


def _certificate(*, code: str) -> Certificate:
    normalised = normalised_code(code)
    if normalised is None:
        raise Http404
    return get_object_or_404(Certificate.objects.select_related(*DESCRIBED), code=normalised)


def _registration(*, pk: int) -> Registration:
    return get_object_or_404(Registration.objects.select_related("event", "user"), pk=pk)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: is this a certificate we issued, and is it still valid? Any string is
    answered, an unknown one with a 404 page that says so."""
    normalised = normalised_code(code)
    certificate = (
        Certificate.objects.select_related(*DESCRIBED).filter(code=normalised).first()
        if normalised
        else None
    )
    if certificate is None:
        return render(request, "certificates/unknown.html", {"code": code[:40]}, status=404)
    event = certificate.registration.event
    return render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "event": event, "dates": event_dates(event)},
    )


@permission_required("certificates.download_certificate", _certificate)
def download(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    return _pdf(certificate_pdf(certificate), f"certificate-{certificate.code}.pdf")


@permission_required("certificates.manage_certificates", _event)
def event_certificates(request: HttpRequest, event: Event) -> HttpResponse:
    """Coordinators: who earns a certificate, who has one, what was revoked, and the
    visa letters asked for."""
    certificates = list(
        Certificate.objects.of_event(event)
        .select_related("registration__user", "replaced_by")
        .order_by("registration__user__full_name", "issued_at", "pk")
    )
    holding = {c.registration_id for c in certificates if c.is_valid}
    waiting = [
        registration
        for registration in eligible_registrations(event).select_related("user").order_by("pk")
        if registration.pk not in holding
    ]
    visa = services.visa_letter_candidates(event).select_related("user", "visa_letter")
    return render(
        request,
        "certificates/event.html",
        {
            "event": event,
            "dates": event_dates(event),
            "gives_certificates": gives_certificates(event),
            "waiting": waiting,
            "valid": [c for c in certificates if c.is_valid],
            "revoked": [c for c in certificates if not c.is_valid],
            "visa_registrations": list(visa.order_by("pk")),
        },
    )


def _refused(request: HttpRequest, event: Event, error: Exception) -> HttpResponse:
    messages.info(request, str(error))
    return redirect("certificates:event", pk=event.pk)


@require_http_methods(["GET", "POST"])
@permission_required("certificates.manage_certificates", _event)
def issue(request: HttpRequest, event: Event) -> HttpResponse:
    """GET shows how many certificates would be issued; POST issues them."""
    if request.method == "GET":
        count = (
            eligible_registrations(event)
            .exclude(pk__in=Certificate.objects.values("registration_id"))
            .count()
        )
        return render(request, "certificates/issue.html", {"event": event, "count": count})
    try:
        issued = services.certificates_issue(event=event, actor=request.user)
    except services.NotNow as error:
        return _refused(request, event, error)
    if issued:
        messages.success(
            request,
            ngettext(
                "%(count)d certificate issued and e-mailed.",
                "%(count)d certificates issued and e-mailed.",
                issued,
            )
            % {"count": issued},
        )
    else:
        messages.info(request, _("Everyone who earns a certificate already has one."))
    return redirect("certificates:event", pk=event.pk)


@require_http_methods(["GET", "POST"])
@permission_required("certificates.manage_certificates", _certificate)
def revoke(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    event = certificate.registration.event
    form = RevokeForm(request.POST or None)

    def done() -> HttpResponse:
        try:
            services.certificate_revoke(
                certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.NotNow as error:
            return _refused(request, event, error)
        messages.success(request, _("The certificate is revoked."))
        return redirect("certificates:event", pk=event.pk)

    return form_page(
        request,
        forms=[form],
        template="certificates/revoke.html",
        context={"form": form, "certificate": certificate, "event": event},
        on_valid=done,
    )


@require_http_methods(["GET", "POST"])
@permission_required("certificates.manage_certificates", _certificate)
def reissue(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    event = certificate.registration.event
    form = ReissueForm(request.POST or None, initial={"name": certificate.name})

    def done() -> HttpResponse:
        try:
            new = services.certificate_reissue(
                certificate=certificate, actor=request.user, name=form.cleaned_data["name"]
            )
        except services.NotNow as error:
            return _refused(request, event, error)
        messages.success(
            request, _("A corrected certificate, %(code)s, has been e-mailed.") % {"code": new.code}
        )
        return redirect("certificates:event", pk=event.pk)

    return form_page(
        request,
        forms=[form],
        template="certificates/reissue.html",
        context={"form": form, "certificate": certificate, "event": event},
        on_valid=done,
    )


@require_POST
@permission_required("certificates.issue_visa_letters", _registration)
def visa_letter_issue(request: HttpRequest, registration: Registration) -> HttpResponse:
    try:
        services.visa_letter_issue(registration=registration, actor=request.user)
    except services.NotNow as error:
        return _refused(request, registration.event, error)
    messages.success(
        request,
        _("The visa invitation letter of %(name)s has been e-mailed.")
        % {"name": registration.user.display_name},
    )
    return redirect(reverse("certificates:event", kwargs={"pk": registration.event_id}))


@permission_required("certificates.issue_visa_letters", _registration)
def visa_letter_download(request: HttpRequest, registration: Registration) -> HttpResponse:
    letter = (
        VisaLetter.objects.filter(registration=registration)
        .select_related("registration__event__host", "registration__user")
        .first()
    )
    if letter is None:
        raise Http404
    return _pdf(visa_letter_pdf(letter), f"invitation-letter-{letter.pk}.pdf")
