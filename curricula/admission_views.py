"""(being built)"""

from django.http import Http404


def scholarships(request, **kwargs):  # to be built
    raise Http404


def scholarship_edit(request, **kwargs):  # to be built
    raise Http404


def scholarship_remove(request, **kwargs):  # to be built
    raise Http404


def programme_admissions(request, **kwargs):  # to be built
    raise Http404
