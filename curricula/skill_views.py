"""The skills taxonomy: list, page, and coordinators' adding, editing and merging."""

from django.contrib import messages
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView
from translated_fields import to_attribute

from core.bilingual import columns, content_languages
from core.decorators import permission_required
from core.forms import form_values
from core.relations import referring_counts
from core.submissions import saved_once, token
from core.views import PaginatedFilterMixin, form_page
from universities.models import ResearchArea

from . import services
from .forms import SkillForm, SkillMergeForm
from .models import Programme, ProgrammeSkill, Skill, SkillMerge


class SkillListView(PaginatedFilterMixin, ListView):
    template_name = "curricula/skill_list.html"
    context_object_name = "skills"
    paginate_by = 50

    def get_queryset(self):
        skills = (
            Skill.objects.active()
            .filter(is_group=False)
            .select_related("theme")
            .annotate(
                programme_count=Count(
                    "programme_skills",
                    filter=Q(programme_skills__programme__status=Programme.Status.PUBLISHED),
                )
            )
        )
        query = self.request.GET.get("q", "").strip()
        if query:
            skills = skills.search(query)
        theme = self._theme()
        if theme is not None:
            skills = skills.filter(theme=theme)
        if self.request.GET.get("taught") == "1":
            skills = skills.filter(programme_count__gt=0)
        return skills.order_by("-programme_count", "name_en")

    def _theme(self) -> ResearchArea | None:
        slug = self.request.GET.get("theme", "")
        return next((area for area in self._themes() if area.slug == slug), None)

    def _themes(self) -> list[ResearchArea]:
        if not hasattr(self, "_theme_list"):
            self._theme_list = list(ResearchArea.objects.order_by("position", "name_en"))
        return self._theme_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.request.GET.get("q", "")
        context["themes"] = self._themes()
        context["theme"] = self._theme()
        return context


class SkillDetailView(DetailView):
    model = Skill
    template_name = "curricula/skill_detail.html"
    context_object_name = "skill"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A merged skill's address leads, for good, to the skill it was merged into.
            merge = _merge_of(self.kwargs["slug"])
            if merge is None:
                raise
            return HttpResponsePermanentRedirect(merge.survivor.get_absolute_url())

    def get_queryset(self):
        return Skill.objects.select_related("broader", "field", "theme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Lazy: read only for coordinators, when the page shows who merged what.
        context["merges"] = self.object.merges.select_related("merged_by")[:100]
        context["teaching"] = (
            ProgrammeSkill.objects.filter(
                skill=self.object, programme__status=Programme.Status.PUBLISHED
            )
            .select_related("programme__university")
            .order_by("-level", "programme__title_en")[:100]
        )
        context["narrower"] = self.object.narrower.order_by("name_en")[:50]
        return context


SUGGESTIONS = 15
SUGGEST_MIN_LENGTH = 2
SUGGEST_SECONDS = 300  # a skill added or renamed shows in suggestions within minutes


@require_GET
@cache_control(public=True, max_age=SUGGEST_SECONDS)
def skill_suggest(request):
    """Skills whose name in any language or alternative label contains ``q``, for
    the skill fields' suggestions (static/js/skill-suggest.js): names starting with
    ``q`` first, each in the active language with the English beside it."""
    # PostgreSQL refuses NUL in text; a query longer than any name matches nothing.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:255]
    if len(query) < SUGGEST_MIN_LENGTH:
        return JsonResponse({"skills": []})
    # Any name, or any line of the alternative labels, starting with the query.
    starts = Q(alt_labels__istartswith=query) | Q(alt_labels__icontains="\n" + query)
    for column in columns("name"):
        starts |= Q(**{f"{column}__istartswith": query})
    # Sorted by the name shown: the active language's, else its fallbacks'.
    shown = [NullIf(to_attribute("name", code), Value("")) for code in content_languages()]
    skills = (
        Skill.objects.active()
        .filter(is_group=False)
        .search(query)
        .annotate(
            prefix=Case(When(starts, then=Value(0)), default=Value(1), output_field=IntegerField()),
            shown_name=Lower(Coalesce(*shown)),
        )
        .only("slug", *columns("name"))
        .order_by("prefix", "shown_name", "pk")[:SUGGESTIONS]
    )
    found = [{"name": skill.name, "name_en": skill.name_en, "slug": skill.slug} for skill in skills]
    return JsonResponse({"skills": found})


def _skill(*, slug):
    return get_object_or_404(Skill, slug=slug)


def _skill_form(request, skill=None):
    form = SkillForm(request.POST or None, instance=skill)

    def save():
        if skill is None:
            saved = services.skill_create(values=form_values(form))
        else:
            saved = services.skill_update(skill=skill, values=form_values(form))
        messages.success(request, _("The skill has been saved."))
        return redirect(saved)

    return form_page(
        request,
        forms=[form],
        template="curricula/skill_form.html",
        context={
            "form": form,
            "skill": skill,
            "submit_token": token(),
        },
        on_valid=saved_once(request, save),
    )


@permission_required("curricula.manage_skills")
def skill_create(request):
    return _skill_form(request)


@permission_required("curricula.manage_skills", _skill)
def skill_edit(request, skill):
    return _skill_form(request, skill)


def _retirement(request, skill, *, retire: bool):
    """Confirm, then retire (or offer again) ``skill``; a second submit is told the
    skill is already in that state."""
    if request.method == "POST":
        action = services.skill_retire if retire else services.skill_restore
        try:
            action(skill=skill, by=request.user)
        except services.SkillRetireError as error:
            messages.info(request, str(error))
        else:
            done = _("“%(name)s” is retired.") if retire else _("“%(name)s” is offered again.")
            messages.success(request, done % {"name": skill.name})
        return redirect(skill)
    if skill.is_retired == retire:
        messages.info(
            request,
            (_("“%(name)s” is already retired.") if retire else _("“%(name)s” is not retired."))
            % {"name": skill.name},
        )
        return redirect(skill)
    context = {"skill": skill, "touched": referring_counts(skill)}
    return render(request, "curricula/skill_confirm_retire.html", context)


@permission_required("curricula.manage_skills", _skill)
def skill_retire(request, skill):
    return _retirement(request, skill, retire=True)


@permission_required("curricula.manage_skills", _skill)
def skill_restore(request, skill):
    return _retirement(request, skill, retire=False)


def _merge_of(slug):
    """The latest merge of the skill that had the address ``slug``, or None."""
    return SkillMerge.objects.filter(slug=slug).select_related("survivor").first()


@permission_required("curricula.manage_skills")
def skill_merge_view(request, slug):
    """Choose the skill to merge into, see what will move, confirm. A second submit
    (the skill is gone) is told where it went."""
    skill = Skill.objects.filter(slug=slug).first()
    if skill is None:
        merge = _merge_of(slug)
        if merge is None:
            raise Http404
        messages.info(request, services.already_merged_message(slug))
        return redirect(merge.survivor)
    form = SkillMergeForm(request.POST or None, duplicate=skill)
    context = {
        "form": form,
        "skill": skill,
        "touched": referring_counts(skill),
    }

    def merge():
        into = form.cleaned_data["into"]
        if not request.POST.get("confirm"):
            return render(request, "curricula/skill_merge_confirm.html", {**context, "into": into})
        try:
            record = services.skill_merge(duplicate=skill, into=into, by=request.user)
        except services.SkillMergeError as error:
            messages.info(request, str(error))
            return redirect("curricula:skill_list")
        count = record.moved_total
        messages.success(
            request,
            ngettext(
                "%(old)s was merged into %(new)s; %(count)d reference moved.",
                "%(old)s was merged into %(new)s; %(count)d references moved.",
                count,
            )
            % {"old": skill.name, "new": into.name, "count": count},
        )
        return redirect(into)

    return form_page(
        request,
        forms=[form],
        template="curricula/skill_merge.html",
        context=context,
        on_valid=merge,
    )


# The file up to the accepted size, and room for the form around it; a larger body is
# refused unread, one within it gets the importer's own message.
