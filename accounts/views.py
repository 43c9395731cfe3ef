import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy, translate_url
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView
from django_filters.views import FilterView

from core.audit import Action, record
from core.decorators import permission_required
from core.forms import form_values
from core.models import AuditEntry
from core.views import PaginatedFilterMixin, form_page

from . import memberships, privacy
from .audit import kind_label
from .filters import AuditFilter
from .forms import (
    AccountCloseForm,
    MembershipDecisionForm,
    MembershipRequestForm,
    MFAResetForm,
    ProfileForm,
)
from .services import (
    MembershipError,
    account_close,
    membership_decide,
    membership_request,
    mfa_reset,
    profile_update,
    user_set_language,
)


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["membership_groups"] = [
            (
                kind,
                kind.model.objects.filter(user=user)
                .select_related(kind.model.target_field)
                .order_by("-requested_at"),
            )
            for kind in memberships.all_kinds()
        ]
        context["has_decisions"] = any(
            kind.model.objects.decidable_by(user).exists() for kind in memberships.all_kinds()
        )
        return context

    def form_valid(self, form):
        user = profile_update(user=self.request.user, values=form_values(form))
        messages.success(self.request, _("Your profile has been saved."))
        # The language may have changed: show the profile in the new one.
        return HttpResponseRedirect(translate_url(str(self.success_url), user.preferred_language))


@login_required
def membership_request_view(request, kind):
    kind = memberships.get_kind(kind)
    form = MembershipRequestForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            membership_request(
                kind=kind,
                user=request.user,
                target=form.cleaned_data["target"],
                message=form.cleaned_data["message"],
            )
        except MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Your request has been sent. You will get an e-mail when it is decided."),
            )
            return redirect("accounts:profile")
    return render(request, "accounts/membership_request.html", {"form": form, "kind": kind})


@login_required
def pending_memberships_view(request):
    groups = []
    for kind in memberships.all_kinds():
        pending = (
            kind.model.objects.decidable_by(request.user)
            .select_related("user", kind.model.target_field)
            .order_by("requested_at")
        )
        groups.append((kind, pending, MembershipDecisionForm(kind=kind)))
    return render(request, "accounts/pending_memberships.html", {"groups": groups})


@login_required
@require_POST
def membership_decide_view(request, kind, pk):
    kind = memberships.get_kind(kind)
    membership = get_object_or_404(kind.model, pk=pk)
    if not request.user.has_perm("accounts.decide_membership", membership):
        raise PermissionDenied
    form = MembershipDecisionForm(request.POST, kind=kind)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject, and a valid role."))
        return redirect("accounts:pending_memberships")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        membership_decide(
            kind=kind,
            membership_id=membership.pk,
            decided_by=request.user,
            approve=approve,
            role=form.cleaned_data["role"] or None,
        )
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        if approve:
            text = _("%(user)s is now a member of %(target)s.")
        else:
            text = _("The request of %(user)s to join %(target)s was rejected.")
        messages.success(request, text % {"user": membership.user, "target": membership.target})
    return redirect("accounts:pending_memberships")


@permission_required("accounts.reset_mfa")
def mfa_reset_view(request):
    """A coordinator removes the second factor of someone who lost their device."""
    form = MFAResetForm(request.POST or None)

    def reset():
        user = form.cleaned_data["email"]
        removed = mfa_reset(user=user, by=request.user)
        if removed:
            messages.success(
                request,
                _(
                    "The second factor of %(email)s is removed; they set up a new one at their"
                    " next sign-in."
                )
                % {"email": user.email},
            )
        else:
            messages.info(request, _("%(email)s had no second factor.") % {"email": user.email})
        return redirect("accounts:mfa_reset")

    return form_page(
        request,
        forms=[form],
        template="accounts/mfa_reset.html",
        context={"form": form},
        on_valid=reset,
    )


AUDIT_COLUMNS = [
    "at",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "path",
    "ip",
]


@method_decorator(permission_required("accounts.view_audit_log"), name="dispatch")
class AuditLogView(PaginatedFilterMixin, FilterView):
    """Coordinators search the audit log by person, action, object and date."""

    filterset_class = AuditFilter
    template_name = "accounts/audit_log.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        return AuditEntry.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for entry in context["entries"]:
            entry.kind_label = kind_label(entry)
        return context


@permission_required("accounts.view_audit_log")
def audit_log_csv(request):
    entries = AuditFilter(request.GET, queryset=AuditEntry.objects.all()).qs
    record(Action.DATA_EXPORTED, request=request, what="audit log", filters=request.GET.urlencode())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(AUDIT_COLUMNS)
    for row in entries.values_list(*AUDIT_COLUMNS).iterator(chunk_size=2000):
        writer.writerow(row)
    return response


@login_required
def my_data_download(request):
    """Everything the portal holds about the signed-in person, as JSON."""
    record(Action.DATA_EXPORTED, request=request, target=request.user, what="own data")
    response = JsonResponse(
        privacy.personal_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def account_close_view(request):
    form = AccountCloseForm(request.POST or None, user=request.user)

    def close():
        account_close(user=request.user)
        logout(request)
        messages.success(request, _("Your account is closed. Thank you for taking part."))
        return redirect("home")

    return form_page(
        request,
        forms=[form],
        template="accounts/account_close.html",
        context={"form": form},
        on_valid=close,
    )


@require_POST
def switch_language(request):
    """Switch the interface language, remember it, and stay on the same page."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    # Resolve ``next`` in its own language, whatever page the form was posted from.
    with translation.override(get_language_from_path(next_url) or settings.LANGUAGE_CODE):
        target = translate_url(next_url, language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response
