"""The committee's timetable editor: rooms, placing, moving and removing sessions,
and publishing the timetable."""

from django.http import Http404


def timetable_edit(request, **kwargs):  # to be built
    raise Http404


def timetable_publish(request, **kwargs):  # to be built
    raise Http404


def room_create(request, **kwargs):  # to be built
    raise Http404


def room_edit(request, **kwargs):  # to be built
    raise Http404


def room_remove(request, **kwargs):  # to be built
    raise Http404


def session_create(request, **kwargs):  # to be built
    raise Http404


def session_edit(request, **kwargs):  # to be built
    raise Http404


def session_remove(request, **kwargs):  # to be built
    raise Http404
