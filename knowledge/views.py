from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_filters.views import FilterView

from core.decorators import permission_required
from core.forms import form_values, formset_rows
from core.middleware import body_limit
from core.views import PaginatedFilterMixin, form_page, query_without_page
from curricula.forms import find_skill

from . import services
from .files import MAX_FILE_BYTES
from .filters import LibraryFilter, NewsFilter
from .forms import MAX_FILES, KnowledgeFileFormSet, KnowledgeItemForm, ReturnForm
from .images import MAX_IMAGE_UPLOAD
from .models import KnowledgeFile, KnowledgeItem
from .related import (
    event_materials,
    related_events,
    related_items,
    related_needs,
    related_programmes,
)

# Every file of an item at its largest, its image, and the form's other fields.
MAX_FORM_BYTES = MAX_FILES * MAX_FILE_BYTES + MAX_IMAGE_UPLOAD + 1024 * 1024


def cards(queryset):
    """Items with what their cards show, in a fixed number of queries."""
    return queryset.prefetch_related(
        "universities",
        "organisations",
        "themes",
        Prefetch("files", queryset=KnowledgeFile.objects.only("pk", "item_id", "language")),
    )


class LibraryView(PaginatedFilterMixin, FilterView):
    filterset_class = LibraryFilter
    template_name = "knowledge/library.html"
    context_object_name = "items"
    paginate_by = 24

    # The first page also lists past events' recordings and slides, on the theme or
    # skill chosen, where they are kept (the library copies nothing of them).
    shows_event_materials = True

    def get_queryset(self):
        return cards(KnowledgeItem.objects.published())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.filterset.form.cleaned_data if self.filterset.form.is_valid() else {}
        other_filters = any(
            chosen.get(name) for name in ("q", "kind", "country", "language", "university",
                                          "organisation", "year")
        )  # fmt: skip
        first_page = context["page_obj"].number == 1
        if not (self.shows_event_materials and first_page and not other_filters):
            return context
        typed = (chosen.get("skill") or "").strip()
        skill = find_skill(typed[:200]) if typed else None
        if typed and skill is None:  # an unknown skill: nothing to show
            return context
        context["event_materials"] = event_materials(theme=chosen.get("theme"), skill=skill)
        return context


class NewsView(LibraryView):
    filterset_class = NewsFilter
    template_name = "knowledge/news.html"
    paginate_by = 12
    shows_event_materials = False

    def get_queryset(self):
        return cards(KnowledgeItem.objects.published().news()).newest_first()


def item_or_404(*, pk):
    return get_object_or_404(KnowledgeItem, pk=pk)


def _visible_or_404(request, pk, queryset=None):
    item = get_object_or_404(KnowledgeItem if queryset is None else queryset, pk=pk)
    if not request.user.has_perm("knowledge.view_item", item):
        raise Http404
    return item


def item_detail(request, pk):
    described = KnowledgeItem.objects.prefetch_related(
        "authors", "universities", "organisations", "themes", "skills"
    )
    item = _visible_or_404(request, pk, described)
    user = request.user
    return render(
        request,
        "knowledge/item_detail.html",
        {
            "item": item,
            "files": item.files.all(),
            "countries": item.country_rows.all(),
            "related": related_items(item),
            "needs": related_needs(item, user=user),
            "programmes": related_programmes(item),
            "events": related_events(item),
            "can_edit": user.has_perm("knowledge.edit_item", item),
            "can_submit": user.has_perm("knowledge.submit_item", item),
            "can_review": user.has_perm("knowledge.review"),
        },
    )


def download(request, pk, file):
    item = _visible_or_404(request, pk)
    stored = get_object_or_404(KnowledgeFile, item=item, pk=file)
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.download_name(),
        content_type=stored.mime_type,
    )


def image(request, pk):
    item = _visible_or_404(request, pk)
    if not item.image:
        raise Http404
    response = FileResponse(item.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _item_form(request, item=None):
    form = KnowledgeItemForm(
        request.POST or None, request.FILES or None, instance=item, user=request.user
    )
    files = KnowledgeFileFormSet(
        request.POST or None, request.FILES or None, instance=item or KnowledgeItem()
    )
    files.item_form = form

    def save():
        values = {**form_values(form)}
        arguments = {
            "values": values,
            "countries": form.cleaned_data["countries"],
            "files": formset_rows(files),
        }
        try:
            if item is None:
                saved = services.item_create(author=request.user, **arguments)
            else:
                saved = services.item_update(item=item, **arguments)
        except ValidationError as error:
            form.add_error(None, error)
            messages.error(request, _("Nothing was saved: please correct the errors below."))
            return render(request, "knowledge/item_form.html", context)
        messages.success(request, _("The item has been saved."))
        return redirect(saved)

    context = {"form": form, "files_formset": files, "item": item}
    return form_page(
        request,
        forms=[form, files],
        template="knowledge/item_form.html",
        context=context,
        on_valid=save,
    )


@body_limit(MAX_FORM_BYTES)
@permission_required("knowledge.submit_items")
def item_create(request):
    return _item_form(request)


@body_limit(MAX_FORM_BYTES)
@permission_required("knowledge.edit_item", item_or_404)
def item_edit(request, item):
    return _item_form(request, item)


def _page(request, queryset, per_page):
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    return {
        "items": page.object_list,
        "page_obj": page,
        "query_without_page": query_without_page(request),
    }


@permission_required("knowledge.submit_items")
def my_items(request):
    """The items of the user's universities and organisations, at every step."""
    items = cards(KnowledgeItem.objects.of_institutions_of(request.user)).order_by(
        "-updated_at", "-pk"
    )
    return render(request, "knowledge/my_items.html", _page(request, items, 30))


@permission_required("knowledge.review")
def review_queue(request):
    """For coordinators: the items at one step of the workflow, submitted ones first."""
    status = request.GET.get("status") or KnowledgeItem.Status.SUBMITTED
    if status not in KnowledgeItem.Status.values:
        status = KnowledgeItem.Status.SUBMITTED
    items = (
        cards(KnowledgeItem.objects.filter(status=status))
        .select_related("created_by")
        .order_by("status_changed_at", "pk")
    )
    context = _page(request, items, 30)
    context.update(status=status, statuses=KnowledgeItem.Status.choices)
    return render(request, "knowledge/review_queue.html", context)


def _refused(request, item, error):
    messages.info(request, str(error))
    return redirect(item)


@require_POST
@permission_required("knowledge.submit_item", item_or_404)
def item_submit(request, item):
    try:
        services.item_submit(item=item, actor=request.user)
    except services.NotNow as error:
        return _refused(request, item, error)
    messages.success(request, _("The item has been submitted for review."))
    return redirect(item)


@require_POST
@permission_required("knowledge.review", item_or_404)
def item_publish(request, item):
    try:
        services.item_publish(item=item, actor=request.user)
    except services.NotNow as error:
        return _refused(request, item, error)
    messages.success(request, _("The item is published."))
    return redirect(item)


@require_http_methods(["GET", "POST"])
@permission_required("knowledge.review", item_or_404)
def item_return(request, item):
    """GET asks for the reason; POST returns the item with it."""
    form = ReturnForm(request.POST or None)

    def send():
        try:
            services.item_return(item=item, actor=request.user, reason=form.cleaned_data["reason"])
        except services.NotNow as error:
            return _refused(request, item, error)
        messages.success(request, _("The item has been returned to its authors."))
        return redirect("knowledge:review")

    return form_page(
        request,
        forms=[form],
        template="knowledge/item_return.html",
        context={"form": form, "item": item},
        on_valid=send,
    )


@require_http_methods(["GET", "POST"])
@permission_required("knowledge.review", item_or_404)
def item_archive(request, item):
    """GET asks first (archiving takes the item out of the library); POST archives."""
    if request.method == "GET":
        return render(
            request,
            "knowledge/confirm.html",
            {
                "title": _("Archive “%(item)s”?") % {"item": item.title},
                "effects": [
                    _("The item leaves the library, the news and the home page."),
                    _("Its files stay; restoring it brings it back as it was."),
                    _("Its authors are told by e-mail."),
                ],
                "action": reverse("knowledge:archive", args=[item.pk]),
                "button": _("Archive"),
                "cancel": item.get_absolute_url(),
            },
        )
    try:
        services.item_archive(item=item, actor=request.user)
    except services.NotNow as error:
        return _refused(request, item, error)
    messages.success(request, _("The item is archived."))
    return redirect(item)


@require_POST
@permission_required("knowledge.review", item_or_404)
def item_restore(request, item):
    try:
        services.item_restore(item=item, actor=request.user)
    except services.NotNow as error:
        return _refused(request, item, error)
    messages.success(request, _("The item is restored."))
    return redirect(item)


@require_POST
@permission_required("knowledge.review", item_or_404)
def item_feature(request, item):
    featured = request.POST.get("featured") == "1"
    try:
        changed = services.item_feature(item=item, actor=request.user, featured=featured)
    except services.NotNow as error:
        return _refused(request, item, error)
    if not changed:
        messages.info(request, _("Nothing changed."))
    elif featured:
        messages.success(request, _("The item is featured on the home page."))
    else:
        messages.success(request, _("The item is no longer featured."))
    return redirect(item)
