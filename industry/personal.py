"""Personal parts of the needs' pages (core/personal.py): what one signed-in person
may do with a need, the responses of their universities, the contact."""

from core.personal import personal
from universities.models import University, UniversityMembership

from .audiences import edited_universities, postable_organisations
from .models import NeedResponse, SkillNeed


def seen(request, need: SkillNeed) -> None:
    """The need the page's view read already (as visible to the person asking)."""
    request.__dict__.setdefault("_personal_needs", {})[need.pk] = need


def _needs(request, keys):
    """The needs of ``keys`` that the person asking may see, by key (one query for
    the page, however many parts ask)."""
    memo = request.__dict__.setdefault("_personal_needs", {})
    wanted = {int(key["pk"]) for key in keys if key.get("pk", "").isdigit()} - memo.keys()
    if wanted:
        found = SkillNeed.objects.visible_to(request.user).select_related("organisation")
        memo.update(found.in_bulk(wanted))
        memo.update({pk: None for pk in wanted if pk not in memo})
    return [memo.get(int(key["pk"])) if key.get("pk", "").isdigit() else None for key in keys]


@personal("industry.post_buttons", "industry/partials/_post_buttons.html", by_standing=True)
def post_buttons(request, keys):
    organisations = postable_organisations(request.user)
    return [{"my_organisations": organisations} for _ in keys]


@personal("industry.need_actions", "industry/partials/_need_actions.html")
def need_actions(request, keys):
    """Respond, "your university has answered", edit, moderate, present as a challenge."""
    user = request.user
    contexts = []
    for need in _needs(request, keys):
        if need is None or not user.is_authenticated:
            contexts.append({"need": need, "answered": [], "can_respond": False})
            continue
        answered, can_respond = [], False
        if UniversityMembership.edits_any(user):  # only university staff answer needs
            answerable = University.objects.active().filter(pk__in=edited_universities(user))
            answered = list(
                NeedResponse.objects.filter(need=need, university__in=answerable)
                .select_related("university")
                .order_by("university__name_en", "pk")
            )
            can_respond = (
                need.status == SkillNeed.Status.OPEN
                and user.has_perm("industry.respond_to_needs")
                and answerable.exclude(pk__in=[r.university_id for r in answered]).exists()
            )
        contexts.append(
            {
                "need": need,
                "answered": answered,
                "can_respond": can_respond,
                "can_edit": user.has_perm("industry.edit_need", need),
                "can_moderate": user.has_perm("industry.moderate"),
            }
        )
    return contexts


@personal("industry.need_responses", "industry/partials/_need_responses.html")
def need_responses(request, keys):
    """Every response for those who edit the need; their own universities' shown ones
    for university staff; none for anyone else."""
    user = request.user
    contexts = []
    for need in _needs(request, keys):
        if need is None or not user.is_authenticated:
            contexts.append({"responses": []})
            continue
        responses = need.responses.select_related("university")
        if not user.has_perm("industry.edit_need", need):
            if not UniversityMembership.edits_any(user):
                contexts.append({"responses": []})
                continue
            responses = responses.filter(university__in=edited_universities(user), hidden=False)
        contexts.append({"responses": responses})
    return contexts


@personal("industry.need_contact", "industry/partials/_need_contact.html")
def need_contact(request, keys):
    user = request.user
    return [
        {
            "need": need,
            "can_see_contact": need is not None
            and user.has_perm("industry.see_need_contact", need),
        }
        for need in _needs(request, keys)
    ]
