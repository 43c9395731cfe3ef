"""(being built)"""

from django.http import Http404


def saved(request, **kwargs):  # to be built
    raise Http404


def search_save(request, **kwargs):  # to be built
    raise Http404


def search_remove(request, **kwargs):  # to be built
    raise Http404


def search_unsubscribe(request, **kwargs):  # to be built
    raise Http404


def programme_save(request, **kwargs):  # to be built
    raise Http404
