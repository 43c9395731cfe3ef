"""(being built)"""

from django.http import Http404


def import_job(request, **kwargs):  # to be built
    raise Http404


def import_job_status(request, **kwargs):  # to be built
    raise Http404


def university_export(request, **kwargs):  # to be built
    raise Http404
