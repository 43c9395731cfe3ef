"""The newsletter's pages: subscribe, confirm, unsubscribe, the archive, and the
coordinators' preparation and sending of each month's issues."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt

from core import phrases
from core.decorators import permission_required
from core.views import form_page

from . import services
from .contents import issue_contents
from .forms import CONSENT, IssueForm, SubscribeForm
from .links import LinkExpired, LinkInvalid, subscriber_of
from .models import Consent, Issue, Subscriber

ARCHIVE_PAGE = 20


def subscribe(request):
    user = request.user if request.user.is_authenticated else None
    initial = {"language": translation.get_language()}
    if user is not None:
        initial.update(email=user.email, language=user.preferred_language or initial["language"])
    form = SubscribeForm(request.POST or None, initial=initial)
    subscribed = (
        Subscriber.objects.active().filter(email__iexact=user.email).exists() if user else False
    )

    def save():
        result = services.subscriber_subscribe(
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            themes=form.cleaned_data["themes"],
            consent_text=str(CONSENT),
            user=user,
        )
        if result.confirmed:
            messages.success(request, _("You are subscribed. The next issue will reach you."))
        elif result.confirmation_sent:
            messages.success(
                request,
                _(
                    "Almost done: we sent you an e-mail with a link to confirm. The link is "
                    "valid for 48 hours."
                ),
            )
        else:
            messages.info(
                request,
                _(
                    "We sent you a confirmation link a few minutes ago: look for it in your "
                    "mailbox (and in the spam folder)."
                ),
            )
        return redirect("newsletter:subscribe")

    return form_page(
        request,
        forms=[form],
        template="newsletter/subscribe.html",
        context={"form": form, "subscribed": subscribed},
        on_valid=save,
        error=_("Nothing was saved: please correct the fields marked below."),
    )


@login_required
def subscribe_one_click(request):
    """A signed-in user subscribes their account's address, in their language (the
    page's button posts here; an address typed in comes back to the page)."""
    if request.method != "POST":
        return redirect("newsletter:subscribe")
    user = request.user
    result = services.subscriber_subscribe(
        email=user.email,
        language=user.preferred_language or translation.get_language(),
        themes=[],
        consent_text=str(CONSENT),
        user=user,
    )
    if result.confirmed:
        messages.success(request, _("You are subscribed. The next issue will reach you."))
    else:
        messages.success(
            request,
            _(
                "Almost done: we sent you an e-mail with a link to confirm. The link is "
                "valid for 48 hours."
            ),
        )
    return redirect("newsletter:subscribe")


def confirm(request, token):
    try:
        subscriber = subscriber_of(token)
    except LinkExpired:
        return render(request, "newsletter/link.html", {"state": "expired"}, status=410)
    except LinkInvalid:
        return render(request, "newsletter/link.html", {"state": "invalid"}, status=400)
    changed = services.subscriber_confirm(subscriber=subscriber)
    state = "confirmed" if changed else "already"
    return render(request, "newsletter/link.html", {"state": state, "subscriber": subscriber})


@csrf_exempt  # the secret is the token in the address; mail programs post without a form
def unsubscribe(request, token):
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise Http404
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        source = Consent.Source.LIST_UNSUBSCRIBE if one_click else Consent.Source.EMAIL_LINK
        services.subscriber_unsubscribe(subscriber=subscriber, source=source)
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


def archive(request):
    issues = Issue.objects.sent().order_by("-month", "language")
    page = Paginator(issues, ARCHIVE_PAGE).get_page(request.GET.get("page"))
    return render(request, "newsletter/archive.html", {"page_obj": page, "issues": page})


def issue_detail(request, pk):
    issue = get_object_or_404(Issue, pk=pk)
    if issue.status != Issue.Status.SENT and not request.user.has_perm("newsletter.manage_issues"):
        raise Http404
    return render(
        request,
        "newsletter/issue_detail.html",
        {"issue": issue, "contents": issue_contents(issue)},
    )


@permission_required("newsletter.manage_issues")
def manage(request):
    if request.method == "POST":
        services.issues_assemble(month=timezone.localdate())
        messages.success(request, _("This month's issues are ready to preview."))
        return redirect("newsletter:manage")
    issues = Issue.objects.order_by("-month", "language")[:40]
    return render(request, "newsletter/manage.html", {"issues": issues})


@permission_required("newsletter.manage_issues")
def issue_edit(request, pk):
    issue = get_object_or_404(Issue, pk=pk)
    if issue.status == Issue.Status.SENT:
        return redirect(issue)
    form = IssueForm(request.POST or None, instance=issue)

    def save():
        try:
            services.issue_update(issue=issue, introduction=form.cleaned_data["introduction"])
        except services.IssueAlreadySent:
            messages.error(request, _("This issue has been sent; it can no longer be changed."))
            return redirect(issue)
        messages.success(request, _("The introduction is saved."))
        return redirect("newsletter:issue_edit", pk=issue.pk)

    with translation.override(issue.language):
        contents = issue_contents(issue)
    recipients = Subscriber.objects.active().filter(language=issue.language).count()
    return form_page(
        request,
        forms=[form],
        template="newsletter/issue_edit.html",
        context={"issue": issue, "form": form, "contents": contents, "recipients": recipients},
        on_valid=save,
        error=phrases.NOTHING_SAVED,
    )


@permission_required("newsletter.manage_issues")
def issue_send(request, pk):
    issue = get_object_or_404(Issue, pk=pk)
    recipients = Subscriber.objects.active().filter(language=issue.language).count()
    if request.method == "POST":
        try:
            sent = services.issue_send(issue=issue)
        except services.IssueAlreadySent:
            messages.info(request, _("This issue has been sent already; nobody gets it twice."))
            return redirect(issue)
        messages.success(
            request,
            ngettext(
                "The issue is on its way to %(count)s subscriber.",
                "The issue is on its way to %(count)s subscribers.",
                sent,
            )
            % {"count": sent},
        )
        return redirect(issue)
    if issue.status == Issue.Status.SENT:
        return redirect(issue)
    return render(
        request,
        "knowledge/confirm.html",
        {
            "title": _("Send the issue of %(month)s?") % {"month": issue.month.strftime("%m/%Y")},
            "effects": [
                ngettext(
                    "%(count)s subscriber receives it by e-mail, once.",
                    "%(count)s subscribers receive it by e-mail, each once.",
                    recipients,
                )
                % {"count": recipients},
                _("It appears in the public archive and can no longer be changed."),
            ],
            "action": reverse("newsletter:issue_send", kwargs={"pk": issue.pk}),
            "button": _("Send the issue"),
            "cancel": reverse("newsletter:issue_edit", kwargs={"pk": issue.pk}),
        },
    )
