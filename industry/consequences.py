"""What each destructive action of the industry exchange touches, said on its
confirmation page before it is done (in the user's language)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import NeedResponse, Organisation, OrganisationMembership, SkillNeed


def _responses_kept(count: int) -> str:
    if count == 0:
        return _("It has no response from a university yet.")
    return ngettext(
        "Its %(count)d response from a university and the conversation are kept.",
        "Its %(count)d responses from universities and their conversations are kept.",
        count,
    ) % {"count": count}


def need_status(need: SkillNeed, status: str) -> list[str]:
    """Marking ``need`` filled or closed (reopening touches nothing)."""
    if status == SkillNeed.Status.OPEN:
        return [_("The need is open again: on the board, and universities can answer it.")]
    label = SkillNeed.Status(status).label
    return [
        _("“%(need)s” will be shown as %(status)s and leave the needs board.")
        % {"need": need.title, "status": label},
        _("No university can answer it any more; it no longer counts in the skill gaps."),
        _responses_kept(need.responses.count()),
        _("You can reopen it later."),
    ]


def need_hide(need: SkillNeed) -> list[str]:
    return [
        _(
            "Only coordinators and %(organisation)s will see “%(need)s”: it leaves the needs "
            "board, the matching, the digests and the skill gaps."
        )
        % {"organisation": need.organisation, "need": need.title},
        _responses_kept(need.responses.count()),
        _("A coordinator can show it again."),
    ]


def response_decide(response: NeedResponse, status: str) -> list[str]:
    if status == NeedResponse.Status.ACCEPTED:
        told = _("%(university)s will be told by e-mail that you accepted its response.")
    else:
        told = _("%(university)s will be told by e-mail that you declined its response.")
    return [
        told % {"university": response.university},
        _("The decision cannot be changed afterwards; the conversation stays open."),
    ]


def response_hide(response: NeedResponse) -> list[str]:
    return [
        _(
            "The response of %(university)s will be marked as hidden and no longer listed "
            "for its university on the need's page; an e-mail about it not sent yet is dropped."
        )
        % {"university": response.university},
        _("The response and its conversation are kept; a coordinator can show it again."),
    ]


def organisation_archive(organisation: Organisation) -> list[str]:
    needs = SkillNeed.objects.filter(organisation=organisation)
    open_needs = needs.open().count()
    responses = NeedResponse.objects.filter(need__organisation=organisation).count()
    members = OrganisationMembership.objects.approved().filter(organisation=organisation).count()
    return [
        ngettext(
            "The page of %(organisation)s and its %(count)d open need leave the site: the "
            "list of partners, the needs board, the matching, the digests and the skill gaps.",
            "The page of %(organisation)s and its %(count)d open needs leave the site: the "
            "list of partners, the needs board, the matching, the digests and the skill gaps.",
            open_needs,
        )
        % {"organisation": organisation, "count": open_needs},
        _responses_kept(responses),
        ngettext(
            "Its %(count)d member keeps the membership but cannot post needs until it is restored.",
            "Its %(count)d members keep their memberships but cannot post needs until it is "
            "restored.",
            members,
        )
        % {"count": members},
        _("Nothing is deleted: coordinators and its administrators can restore it."),
    ]
