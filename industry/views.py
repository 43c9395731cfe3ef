from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.views import FilterView

from core import phrases
from core.decorators import permission_required
from core.forms import form_values, formset_rows
from core.pagecache import keep_private
from core.views import PaginatedFilterMixin, form_page, query_without_page
from universities.models import University

from . import personal, services
from .audiences import edited_universities
from .filters import NeedFilter
from .forms import (
    NeedSkillFormSet,
    OrganisationForm,
    ResponseForm,
    ResponseMessageForm,
    SkillNeedForm,
)
from .matching import needs_for_university, programmes_for_need, universities_for_need
from .models import NeedResponse, NeedSkill, Organisation, OrganisationMembership, SkillNeed


def _count_of(queryset, field):
    """The number of rows of ``queryset`` whose ``field`` is the outer row, as a
    subquery: the database counts for the rows of the page only, with no GROUP BY
    over the whole list."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _board_queryset(user):
    return (
        SkillNeed.objects.visible_to(user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("need_skills", queryset=NeedSkill.objects.select_related("skill"))
        )
        .annotate(response_count=_count_of(NeedResponse.objects.all(), "need"))
    )


class NeedListView(PaginatedFilterMixin, FilterView):
    filterset_class = NeedFilter
    template_name = "industry/need_list.html"
    context_object_name = "needs"
    paginate_by = 20

    def get_queryset(self):
        return _board_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed_query"] = "&".join(
            f"{key}={self.request.GET[key]}"
            for key in ("country", "skill")
            if self.request.GET.get(key)
        )
        return context


def _already(request, error, fallback):
    """A double submit: say what happened the first time and show it."""
    messages.info(request, str(error))
    return redirect(error.existing or fallback)


class NeedFeed(Feed):
    title = gettext_lazy("New industry skill needs")
    description = gettext_lazy(
        "Public skill needs posted by industry partners of the Central Asian platform."
    )

    def get_object(self, request):
        self.request = request
        return request.GET

    def link(self):
        return reverse("industry:need_list")

    def items(self, query):
        needs = SkillNeed.objects.visible_to(None).open().select_related("organisation")
        if query.get("country"):
            needs = needs.filter(country=query["country"].upper()[:2])
        if query.get("skill"):
            needs = needs.filter(skills__slug=query["skill"][:160])
        return needs.order_by("-created_at")[:50]

    def item_title(self, need):
        return f"{need.title} — {need.organisation}"

    def item_description(self, need):
        return need.background or need.description

    def item_pubdate(self, need):
        return need.created_at


def need_or_404(*, pk):
    return get_object_or_404(SkillNeed.objects.select_related("organisation"), pk=pk)


def need_detail(request, pk):
    """The need, its skills and what the catalogue offers for it; what differs from
    one person to the next (buttons, responses, the contact) is in industry/personal.py."""
    need = get_object_or_404(
        SkillNeed.objects.visible_to(request.user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("need_skills", queryset=NeedSkill.objects.select_related("skill"))
        ),
        pk=pk,
    )
    matches = programmes_for_need(need)
    personal.seen(request, need)
    response = render(
        request,
        "industry/need_detail.html",
        {
            "need": need,
            "matches": matches[:10],
            "university_matches": universities_for_need(matches),
        },
    )
    public = (
        need.visibility == SkillNeed.Visibility.PUBLIC
        and not need.hidden
        and need.organisation.archived_at is None
    )  # what SkillNeedQuerySet.visible_to shows everyone
    if not public:
        keep_private(response)  # members-only or hidden: not for everyone signed in
    return response


def organisation_or_404(*, slug):
    return get_object_or_404(Organisation, slug=slug)


def _need_form(request, organisation, need=None):
    form = SkillNeedForm(request.POST or None, instance=need, organisation=organisation)
    skills = NeedSkillFormSet(request.POST or None, instance=need or SkillNeed())

    def save():
        try:
            saved = services.need_save(
                organisation=organisation,
                need=need,
                values=form_values(form),
                skills=formset_rows(skills),
                author=request.user,
            )
        except services.AlreadyDone as error:
            return _already(request, error, organisation)
        messages.success(request, _("The need has been saved."))
        return redirect(saved)

    return form_page(
        request,
        forms=[form, skills],
        template="industry/need_form.html",
        context={
            "form": form,
            "skills_formset": skills,
            "organisation": organisation,
            "need": need,
        },
        on_valid=save,
    )


@permission_required("industry.post_need", organisation_or_404)
def need_create(request, organisation):
    return _need_form(request, organisation)


@permission_required("industry.edit_need", need_or_404)
def need_edit(request, need):
    return _need_form(request, need.organisation, need)


@permission_required("industry.respond_to_needs")
def need_respond(request, pk):
    need = get_object_or_404(SkillNeed.objects.visible_to(request.user).open(), pk=pk)
    form = ResponseForm(request.POST or None, user=request.user, need=need)

    def send():
        try:
            response = services.response_create(
                need=need,
                university=form.cleaned_data["university"],
                author=request.user,
                message=form.cleaned_data["message"],
                programmes=form.cleaned_data["programmes"],
                contact_email=form.cleaned_data["contact_email"],
            )
        except services.AlreadyDone as error:
            return _already(request, error, need)
        messages.success(
            request,
            _("Your response has been sent to %(organisation)s.")
            % {"organisation": need.organisation},
        )
        return redirect(response)

    return form_page(
        request,
        forms=[form],
        template="industry/need_respond.html",
        context={"need": need, "form": form},
        on_valid=send,
        error=phrases.NOTHING_SENT,
    )


def response_or_404(*, pk):
    return get_object_or_404(
        NeedResponse.objects.select_related("need__organisation", "university", "author"), pk=pk
    )


@permission_required("industry.view_response", response_or_404)
def response_detail(request, response):
    form = ResponseMessageForm(request.POST or None)

    def send():
        try:
            services.response_message_add(
                response=response, author=request.user, body=form.cleaned_data["body"]
            )
        except services.AlreadyDone as error:
            messages.info(request, str(error))
            return redirect(response)
        messages.success(request, _("Your message has been sent."))
        return redirect(response)

    return form_page(
        request,
        forms=[form],
        template="industry/response_detail.html",
        context={
            "response": response,
            "need": response.need,
            "thread": response.messages.select_related("author"),
            "programmes": response.programmes.select_related("university"),
            "form": form,
            "can_decide": request.user.has_perm("industry.decide_response", response),
            "can_moderate": request.user.has_perm("industry.moderate"),
        },
        on_valid=send,
        error=phrases.NOTHING_SENT,
    )


@permission_required("industry.view_inbox")
def response_inbox(request):
    """Responses to the user's organisations' needs and from the user's universities."""
    user = request.user
    responses = NeedResponse.objects.select_related("need__organisation", "university")
    if not user.is_coordinator:
        member_of = OrganisationMembership.objects.approved().filter(user=user)
        responses = responses.filter(
            Q(need__organisation__in=member_of.values("organisation"))
            | Q(university__in=edited_universities(user))
        )
    page = Paginator(responses.order_by("-created_at"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "industry/response_inbox.html",
        {
            "responses": page.object_list,
            "page_obj": page,
            "query_without_page": query_without_page(request),
        },
    )


@permission_required("industry.moderate")
def need_overview(request):
    """For coordinators: every need with its responses and time to first response."""
    needs = (
        SkillNeed.objects.select_related("organisation")
        .annotate(response_count=_count_of(NeedResponse.objects.all(), "need"))
        .order_by("first_response_at", "-unanswered_flagged_at", "-created_at")
    )
    page = Paginator(needs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "industry/need_overview.html",
        {
            "needs": page.object_list,
            "page_obj": page,
            "query_without_page": query_without_page(request),
        },
    )


def organisation_list(request):
    """The partners; coordinators may list the archived ones instead (``archived=1``)."""
    can_moderate = request.user.has_perm("industry.moderate")
    archived = can_moderate and request.GET.get("archived") == "1"
    organisations = (
        Organisation.objects.archived() if archived else Organisation.objects.active()
    ).annotate(open_needs=_count_of(SkillNeed.objects.open().shown(), "organisation"))
    organisations = organisations.order_by("name_en")
    sector = request.GET.get("sector", "")
    if sector in Organisation.Sector.values:
        organisations = organisations.filter(sector=sector)
    country = request.GET.get("country", "").upper()
    if country:
        organisations = organisations.filter(country=country[:2])
    page = Paginator(organisations, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "industry/organisation_list.html",
        {
            "organisations": page.object_list,
            "page_obj": page,
            "query_without_page": query_without_page(request),
            "sectors": Organisation.Sector.choices,
            "sector": sector,
            "archived": archived,
            "can_moderate": can_moderate,
        },
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    user = request.user
    if organisation.is_archived and not user.has_perm("industry.see_archived", organisation):
        raise Http404
    needs = (
        SkillNeed.objects.visible_to(request.user)
        .open()
        .filter(organisation=organisation)
        .order_by("needed_by")
    )
    return render(
        request,
        "industry/organisation_detail.html",
        {
            "organisation": organisation,
            "needs": needs,
            "can_edit": user.has_perm("industry.edit_organisation", organisation),
            "can_post": user.has_perm("industry.post_need", organisation),
            "can_archive": user.has_perm("industry.archive_organisation", organisation),
        },
    )


@permission_required("industry.edit_organisation", organisation_or_404)
def organisation_edit(request, organisation):
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)

    def save():
        services.organisation_update(organisation=organisation, values=form_values(form))
        messages.success(request, _("The profile has been saved."))
        return redirect(organisation)

    return form_page(
        request,
        forms=[form],
        template="industry/organisation_form.html",
        context={"form": form, "organisation": organisation},
        on_valid=save,
    )


def _university(*, slug):
    return get_object_or_404(University, slug=slug)


@permission_required("universities.edit_university", _university)
def university_needs(request, university):
    """Open needs that the university's programmes match, best first."""
    needs = (
        needs_for_university(university, SkillNeed.objects.visible_to(request.user).open())
        .select_related("organisation")
        .prefetch_related(
            Prefetch("need_skills", queryset=NeedSkill.objects.select_related("skill"))
        )
    )
    page = Paginator(needs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "industry/university_needs.html",
        {
            "university": university,
            "needs": page.object_list,
            "page_obj": page,
            "query_without_page": query_without_page(request),
        },
    )
