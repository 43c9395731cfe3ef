"""The actions of the industry exchange that change a need, a response or an
organisation with one POST. Those that take something away (closing, hiding,
declining, archiving) answer a GET with a page that asks first and says what the
action will touch; the page's form makes the POST."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.decorators import permission_required

from . import consequences, services
from .models import NeedResponse, SkillNeed
from .views import need_or_404, organisation_or_404, response_or_404


def _confirm(request, *, title, effects, action, fields, button, cancel):
    """The page that asks before a destructive action and says what it will touch;
    its form posts ``fields`` to ``action``."""
    return render(
        request,
        "industry/confirm.html",
        {
            "title": title,
            "effects": effects,
            "action": action,
            "fields": fields,
            "button": button,
            "cancel": cancel,
        },
    )


NEED_STATUS_QUESTIONS = {
    SkillNeed.Status.OPEN: (gettext_lazy("Reopen “%(need)s”?"), gettext_lazy("Reopen")),
    SkillNeed.Status.FILLED: (
        gettext_lazy("Mark “%(need)s” as filled?"),
        gettext_lazy("Mark as filled"),
    ),
    SkillNeed.Status.CLOSED: (gettext_lazy("Close “%(need)s”?"), gettext_lazy("Close")),
}


NEED_STATUS_ALREADY = {
    SkillNeed.Status.OPEN: gettext_lazy("The need is open already."),
    SkillNeed.Status.FILLED: gettext_lazy("The need is marked as filled already."),
    SkillNeed.Status.CLOSED: gettext_lazy("The need is closed already."),
}


@require_http_methods(["GET", "POST"])
@permission_required("industry.edit_need", need_or_404)
def need_status(request, need):
    """GET asks (filling or closing takes the need off the board); POST does it."""
    status = (request.POST if request.method == "POST" else request.GET).get("status")
    if status not in SkillNeed.Status.values:
        messages.error(request, _("Choose open, filled or closed."))
        return redirect(need)
    label = SkillNeed.Status(status).label
    if request.method == "GET":
        question, button = NEED_STATUS_QUESTIONS[SkillNeed.Status(status)]
        return _confirm(
            request,
            title=question % {"need": need.title},
            effects=consequences.need_status(need, status),
            action=reverse("industry:need_status", args=[need.pk]),
            fields={"status": status},
            button=button,
            cancel=need.get_absolute_url(),
        )
    if services.need_set_status(need=need, status=status):
        messages.success(request, _("The need is now %(status)s.") % {"status": label})
    else:
        messages.info(request, NEED_STATUS_ALREADY[SkillNeed.Status(status)])
    return redirect(need)


@require_http_methods(["GET", "POST"])
@permission_required("industry.moderate", need_or_404)
def need_hide(request, need):
    """GET asks before hiding; POST hides (``hidden=1``) or shows again."""
    if request.method == "GET":
        return _confirm(
            request,
            title=_("Hide “%(need)s”?") % {"need": need.title},
            effects=consequences.need_hide(need),
            action=reverse("industry:need_hide", args=[need.pk]),
            fields={"hidden": "1"},
            button=_("Hide as abusive"),
            cancel=need.get_absolute_url(),
        )
    hidden = request.POST.get("hidden") == "1"
    if services.need_set_hidden(need=need, hidden=hidden):
        messages.success(
            request, _("The need is hidden.") if hidden else _("The need is shown again.")
        )
    else:
        messages.info(
            request,
            _("The need is hidden already.") if hidden else _("The need is shown already."),
        )
    return redirect(need)


@require_POST
@permission_required("industry.moderate", need_or_404)
def need_nudge(request, need):
    nudged = services.need_nudge(need=need)
    if nudged.universities == 0:
        messages.info(request, _("No university's published programmes match this need yet."))
    elif nudged.enqueued == 0:
        messages.info(
            request, _("The best-matching universities have been told about this need this week.")
        )
    else:
        messages.success(request, _("The best-matching universities will be told about this need."))
    return redirect(need)


@require_http_methods(["GET", "POST"])
@permission_required("industry.decide_response", response_or_404)
def response_decide(request, response):
    """GET asks before declining; POST accepts or declines, once."""
    status = (request.POST if request.method == "POST" else request.GET).get("status")
    if status not in (NeedResponse.Status.ACCEPTED, NeedResponse.Status.DECLINED):
        messages.error(request, _("Choose accept or decline."))
        return redirect(response)
    if request.method == "GET":
        declining = status == NeedResponse.Status.DECLINED
        return _confirm(
            request,
            title=(
                _("Decline the response of %(university)s?")
                if declining
                else _("Accept the response of %(university)s?")
            )
            % {"university": response.university},
            effects=consequences.response_decide(response, status),
            action=reverse("industry:response_decide", args=[response.pk]),
            fields={"status": status},
            button=_("Decline") if declining else _("Accept"),
            cancel=response.get_absolute_url(),
        )
    try:
        services.response_decide(response=response, status=status)
    except services.AlreadyDone as error:
        messages.info(request, str(error))
    else:
        messages.success(request, _("The university will be told of your decision."))
    return redirect(response)


@require_http_methods(["GET", "POST"])
@permission_required("industry.moderate", response_or_404)
def response_hide(request, response):
    """GET asks before hiding; POST hides (``hidden=1``) or shows again."""
    if request.method == "GET":
        return _confirm(
            request,
            title=_("Hide the response of %(university)s?") % {"university": response.university},
            effects=consequences.response_hide(response),
            action=reverse("industry:response_hide", args=[response.pk]),
            fields={"hidden": "1"},
            button=_("Hide as abusive"),
            cancel=response.get_absolute_url(),
        )
    hidden = request.POST.get("hidden") == "1"
    if services.response_set_hidden(response=response, hidden=hidden):
        messages.success(
            request, _("The response is hidden.") if hidden else _("The response is shown again.")
        )
    else:
        messages.info(
            request,
            _("The response is hidden already.") if hidden else _("The response is shown already."),
        )
    return redirect(response)


@require_http_methods(["GET", "POST"])
@permission_required("industry.archive_organisation", organisation_or_404)
def organisation_archive(request, organisation):
    """GET says what archiving touches; POST archives (nothing is deleted)."""
    if request.method == "GET":
        return _confirm(
            request,
            title=_("Archive %(organisation)s?") % {"organisation": organisation},
            effects=consequences.organisation_archive(organisation),
            action=reverse("industry:organisation_archive", args=[organisation.slug]),
            fields={},
            button=_("Archive"),
            cancel=organisation.get_absolute_url(),
        )
    try:
        services.organisation_archive(organisation=organisation)
    except services.AlreadyDone as error:
        messages.info(request, str(error))
    else:
        messages.success(
            request,
            _("%(organisation)s is archived; it can be restored from this page.")
            % {"organisation": organisation},
        )
    return redirect(organisation)


@require_POST
@permission_required("industry.archive_organisation", organisation_or_404)
def organisation_restore(request, organisation):
    try:
        services.organisation_restore(organisation=organisation)
    except services.AlreadyDone as error:
        messages.info(request, str(error))
    else:
        messages.success(
            request, _("%(organisation)s is restored.") % {"organisation": organisation}
        )
    return redirect(organisation)
