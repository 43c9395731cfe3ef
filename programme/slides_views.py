"""The speakers' slides (uploaded after acceptance, shown on the session page) and
the contribution's file, for its authors and the committee."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.middleware import body_limit
from core.phrases import NOTHING_SAVED
from core.submissions import saved_once, token
from core.views import form_page

from . import timetable_services
from .models import Contribution, Session
from .slides_forms import SlidesForm
from .submission_views import MAX_FORM_BYTES, contribution_or_404


def _file_name(contribution: Contribution, suffix: str = "") -> str:
    """A name made of the title (never the uploader's file name)."""
    stem = slugify(contribution.title, allow_unicode=True)[:80].strip("-_")
    return f"{stem or f'contribution-{contribution.pk}'}{suffix}.pdf"


def _serve(file: FieldFile, name: str, *, attachment: bool) -> FileResponse:
    try:
        opened = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        opened, as_attachment=attachment, filename=name, content_type="application/pdf"
    )
    return response


@body_limit(MAX_FORM_BYTES)
@require_http_methods(["GET", "POST"])
def slides_upload(request, pk):
    """GET shows the form; POST uploads (or replaces) the slides, or removes them
    with ``action=remove``. Only the speakers and the committee; 404 for others."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    contribution = contribution_or_404(pk=pk)
    if not request.user.has_perm("programme.upload_slides", contribution):
        raise Http404
    if contribution.state != Contribution.State.ACCEPTED:
        messages.info(request, _("Slides are uploaded once a contribution is accepted."))
        return redirect(contribution)
    if request.method == "POST" and request.POST.get("action") == "remove":
        return _remove(request, contribution)
    form = SlidesForm(request.POST or None, request.FILES or None)
    context = {"contribution": contribution, "form": form, "submit_token": token()}

    def save():
        replacing = bool(contribution.slides)
        try:
            timetable_services.slides_upload(
                contribution=contribution, upload=form.cleaned_data["slides"]
            )
        except timetable_services.NotNow as error:
            messages.error(request, str(error))
            return redirect(contribution)
        except ValidationError as error:
            form.add_error(None, error)
            messages.error(request, NOTHING_SAVED)
            return render(request, "programme/slides_upload.html", context)
        if replacing:
            messages.success(request, _("The slides have been replaced."))
        else:
            messages.success(request, _("The slides have been uploaded."))
        return redirect(contribution)

    return form_page(
        request,
        forms=[form],
        template="programme/slides_upload.html",
        context=context,
        on_valid=saved_once(request, save),
    )


def _remove(request, contribution):
    if not contribution.slides:
        messages.info(request, _("This contribution has no slides."))
        return redirect(contribution)
    timetable_services.slides_remove(contribution=contribution)
    messages.success(request, _("The slides have been removed."))
    return redirect(contribution)


def _slides_public(contribution: Contribution) -> bool:
    """In a published timetable of an event that is public."""
    return Session.objects.published().filter(contribution=contribution).exists()


@require_GET
def slides_file(request, pk):
    """The slides, to anyone once the session is in a published timetable; to the
    speakers and the committee always; 404 otherwise."""
    contribution = contribution_or_404(pk=pk)
    if not contribution.slides:
        raise Http404
    if not (
        _slides_public(contribution)
        or request.user.has_perm("programme.view_contribution", contribution)
    ):
        raise Http404
    return _serve(contribution.slides, _file_name(contribution, "-slides"), attachment=False)


@require_GET
def contribution_file(request, pk):
    """The file sent with the contribution, to its authors and the committee only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    contribution = contribution_or_404(pk=pk)
    if not request.user.has_perm("programme.view_contribution", contribution):
        raise Http404
    if not contribution.file:
        raise Http404
    return _serve(contribution.file, _file_name(contribution), attachment=True)
