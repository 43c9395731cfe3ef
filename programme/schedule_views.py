"""The public timetable (a grid by day and room, a list per room on a phone), its
.ics and PDF, a page per session and per speaker, stars and "my schedule" with its
private iCalendar feed."""

from django.http import Http404


def timetable(request, **kwargs):  # to be built
    raise Http404


def timetable_ics(request, **kwargs):  # to be built
    raise Http404


def timetable_pdf(request, **kwargs):  # to be built
    raise Http404


def session_detail(request, **kwargs):  # to be built
    raise Http404


def session_star(request, **kwargs):  # to be built
    raise Http404


def speaker(request, **kwargs):  # to be built
    raise Http404


def my_schedule(request, **kwargs):  # to be built
    raise Http404


def my_schedule_feed(request, **kwargs):  # to be built
    raise Http404
