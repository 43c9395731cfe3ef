from django.urls import path

from core.pagecache import cache_for_visitors, default_audience

from . import actions, history_views, views
from .audiences import needs_audience

app_name = "industry"

urlpatterns = [
    path(
        "needs/",
        cache_for_visitors(
            views.NeedListView.as_view(), scopes=("needs",), audience=needs_audience
        ),
        name="need_list",
    ),
    path("needs/feed/", views.NeedFeed(), name="need_feed"),
    path("needs/overview/", views.need_overview, name="need_overview"),
    path(
        "needs/<int:pk>/",
        cache_for_visitors(
            views.need_detail, scopes=("needs", "catalogue"), audience=default_audience
        ),  # the matching
        name="need_detail",
    ),
    path("needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("needs/<int:pk>/status/", actions.need_status, name="need_status"),
    path("needs/<int:pk>/hide/", actions.need_hide, name="need_hide"),
    path("needs/<int:pk>/nudge/", actions.need_nudge, name="need_nudge"),
    path("needs/<int:pk>/respond/", views.need_respond, name="need_respond"),
    path("needs/<int:pk>/history/", history_views.need_history, name="need_history"),
    path("responses/", views.response_inbox, name="response_inbox"),
    path("responses/<int:pk>/", views.response_detail, name="response_detail"),
    path("responses/<int:pk>/decide/", actions.response_decide, name="response_decide"),
    path("responses/<int:pk>/hide/", actions.response_hide, name="response_hide"),
    path(
        "organisations/",
        cache_for_visitors(views.organisation_list, scopes=("needs",)),
        name="organisation_list",
    ),
    path(
        "organisations/<slug:slug>/",
        cache_for_visitors(views.organisation_detail, scopes=("needs", "organisation:{slug}")),
        name="organisation_detail",
    ),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<slug:slug>/archive/",
        actions.organisation_archive,
        name="organisation_archive",
    ),
    path(
        "organisations/<slug:slug>/restore/",
        actions.organisation_restore,
        name="organisation_restore",
    ),
    path(
        "organisations/<slug:slug>/history/",
        history_views.organisation_history,
        name="organisation_history",
    ),
    path("organisations/<slug:slug>/needs/new/", views.need_create, name="need_create"),
    path("universities/<slug:slug>/needs/", views.university_needs, name="university_needs"),
]
