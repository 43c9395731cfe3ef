"""The speakers' slides (uploaded after acceptance, shown on the session page) and
the contribution's file, for its authors and the committee."""

from django.http import Http404


def slides_upload(request, **kwargs):  # to be built
    raise Http404


def slides_file(request, **kwargs):  # to be built
    raise Http404


def contribution_file(request, **kwargs):  # to be built
    raise Http404
