"""Programme import (preview, then all rows or none; long files as a background job),
its template, the job's page and progress, and a university's export in the same
columns."""

import secrets

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core import phrases
from core.bilingual import columns
from core.decorators import permission_required
from core.middleware import body_limit
from universities.models import University

from . import exporter, import_jobs, importer, services
from .models import ImportJob, Programme

IMPORT_SESSION_KEY = "programme_import"
IMPORTED_SESSION_KEY = "programme_imported"  # the last preview saved, to spot a second submit


def _university(*, university):
    return get_object_or_404(University.objects.active(), slug=university)


def _job(*, pk):
    return get_object_or_404(ImportJob.objects.select_related("university"), pk=pk)


def _context(university, request):
    return {
        "university": university,
        "encodings": importer.ENCODINGS,
        "separators": {
            key: importer.separator_names()[value] for key, value in importer.SEPARATORS.items()
        },
        "chosen_encoding": request.POST.get("encoding", ""),
        "chosen_separator": request.POST.get("separator", ""),
        "threshold": importer.JOB_THRESHOLD,
    }


@body_limit(importer.MAX_BYTES + 1024 * 1024)
@permission_required("curricula.add_programme", _university)
def programme_import(request, university):
    """Upload → preview with every row's errors and changes → save all or nothing
    (in the background beyond JOB_THRESHOLD rows)."""
    context = _context(university, request)
    if request.method == "POST" and request.POST.get("confirm"):
        return _import_confirmed(request, university, context)
    if request.method == "POST":
        return _preview(request, university, context)
    return render(request, "curricula/programme_import.html", context)


def _preview(request, university, context):
    upload = request.FILES.get("file")
    encoding = request.POST.get("encoding", "")
    separator = request.POST.get("separator", "")
    try:
        if upload is None:
            raise importer.ImportError_(_("Choose a CSV or XLSX file to upload."))
        source = importer.read(
            upload.read(importer.MAX_BYTES + 1),
            filename=upload.name or "",
            encoding=encoding if encoding in importer.ENCODINGS else "",
            separator=separator if separator in importer.SEPARATORS else "",
        )
        rows = importer.parse(source.text, university, source.separator)
    except importer.ImportError_ as error:
        messages.error(request, str(error))
        return render(request, "curricula/programme_import.html", context)
    token = secrets.token_urlsafe(16)
    request.session[IMPORT_SESSION_KEY] = {
        "university": university.pk,
        "text": source.text,
        "separator": source.separator,
        "total": len(rows),
        "token": token,
    }
    updates = [row for row in rows if row.updates]
    context.update(
        rows=rows,
        valid=not any(row.errors for row in rows),
        token=token,
        detected=source.described(),
        new_count=len(rows) - len(updates),
        update_count=len(updates),
        unchanged_count=sum(1 for row in updates if not row.changes and not row.errors),
        background=len(rows) > importer.JOB_THRESHOLD,
        languages=[name.rsplit("_", 1)[1] for name in columns("title")],
    )
    return render(request, "curricula/programme_import.html", context)


def _import_confirmed(request, university, context):
    """Save the previewed file (or queue it as a job); a second submit of the same
    preview is told it was saved (once)."""
    token = request.POST.get("token", "")
    stored = request.session.get(IMPORT_SESSION_KEY) or {}
    fresh = stored.get("university") == university.pk and token in ("", stored.get("token"))
    if not fresh:
        done = request.session.get(IMPORTED_SESSION_KEY) or {}
        if token and done.get("token") == token:
            messages.info(
                request, _("This file has already been imported; nothing was saved twice.")
            )
            if done.get("job"):
                return redirect("curricula:import_job", pk=done["job"])
            return redirect("curricula:university_programmes", university=university.slug)
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("curricula:programme_import", university=university.slug)
    separator = stored.get("separator", ",")
    if stored.get("total", 0) > importer.JOB_THRESHOLD:
        job = import_jobs.import_job_create(
            university=university, user=request.user, text=stored["text"],
            separator=separator, total=stored["total"],
        )  # fmt: skip
        del request.session[IMPORT_SESSION_KEY]
        request.session[IMPORTED_SESSION_KEY] = {"token": stored.get("token", ""), "job": job.pk}
        messages.success(
            request, _("The import runs in the background: you will get an e-mail when it is done.")
        )
        return redirect("curricula:import_job", pk=job.pk)
    rows = importer.parse(stored["text"], university, separator)
    if any(row.errors for row in rows):
        messages.error(request, phrases.NOTHING_SAVED)
        return render(request, "curricula/programme_import.html", {**context, "rows": rows})
    try:
        count = services.programmes_import(university=university, rows=rows)
    except services.ImportConflict as error:
        messages.info(request, str(error))
        return redirect("curricula:university_programmes", university=university.slug)
    del request.session[IMPORT_SESSION_KEY]
    request.session[IMPORTED_SESSION_KEY] = {"token": stored.get("token", "")}
    created = sum(1 for row in rows if row.programme is None)
    unchanged = sum(1 for row in rows if row.programme is not None and row.unchanged)
    messages.success(
        request,
        _("Programmes imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
        % {"created": created, "updated": count - created - unchanged, "unchanged": unchanged},
    )
    return redirect("curricula:university_programmes", university=university.slug)


def programme_import_template(request):
    response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="programmes-template.csv"'
    return response


@permission_required("curricula.view_import_job", _job)
def import_job(request, job):
    """A background import: its progress while it runs (the page reloads itself), then
    its outcome."""
    return render(
        request,
        "curricula/import_job.html",
        {"job": job, "university": job.university, "running": _running(job)},
    )


def _running(job: ImportJob) -> bool:
    return job.status in {ImportJob.Status.QUEUED, ImportJob.Status.RUNNING}


@never_cache
@permission_required("curricula.view_import_job", _job)
def import_job_status(request, job):
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "done": job.done,
            "total": job.total,
            "progress": job.progress(),
        }
    )


@permission_required("curricula.add_programme", _university)
def university_export(request, university):
    """Every programme of the university that is not archived, drafts included, in
    the import's columns."""
    programmes = exporter.with_relations(
        Programme.objects.active().filter(university=university).order_by("title_en", "pk")
    )
    return exporter.csv_response(
        programmes[: exporter.MAX_EXPORTED], f"{university.slug}-programmes.csv"
    )
