from django.urls import path

from core.pagecache import cache_for_visitors, default_audience

from . import (
    attendance_views,
    feeds,
    history_views,
    offer_views,
    participants,
    rotation_views,
    statistics_views,
    views,
)

app_name = "events"

urlpatterns = [
    path(
        "",
        cache_for_visitors(views.event_list, scopes=("events",), audience=default_audience),
        name="list",
    ),
    path(
        "calendar/", cache_for_visitors(views.event_calendar, scopes=("events",)), name="calendar"
    ),
    path("feed.ics", feeds.events_feed, name="feed"),
    path("mine/", views.my_events, name="mine"),
    path("mine/reset-calendar/", views.reset_calendar_token, name="reset_calendar"),
    path("calendar/<str:token>.ics", feeds.private_feed, name="private_feed"),
    path("series/<slug:slug>/feed.ics", feeds.series_feed, name="series_feed"),
    path("manage/", views.manage_list, name="manage"),
    path("manage/new/", views.event_create, name="create"),
    path("manage/series/", views.series_generate, name="series_generate"),
    path("manage/series/new/", views.series_create, name="series_create"),
    path("rotation/", rotation_views.rotation, name="rotation"),
    path("rotation/decide/", rotation_views.rotation_decide, name="rotation_decide"),
    path("rotation/add/", rotation_views.rotation_add, name="rotation_add"),
    path("rotation/<slug:slug>/", rotation_views.rotation_member_edit, name="rotation_member"),
    path(
        "<int:pk>/",
        cache_for_visitors(views.event_detail, scopes=("event:{pk}",), audience=default_audience),
        name="detail",
    ),
    path("<int:pk>/ics", feeds.event_ics, name="ics"),
    path("<int:pk>/register/", views.event_register, name="register"),
    path("<int:pk>/unregister/", views.event_unregister, name="unregister"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/publish/", views.event_publish, name="publish"),
    path("<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("<int:pk>/archive/", views.event_archive, name="archive"),
    path("<int:pk>/restore/", views.event_restore, name="restore"),
    path("<int:pk>/history/", history_views.event_history, name="history"),
    path("<int:pk>/logistics/", views.event_logistics, name="logistics"),
    path("<int:pk>/participants/", participants.participant_list, name="participants"),
    path("<int:pk>/participants.csv", participants.participant_csv, name="participants_csv"),
    # Registration questions and participation statistics.
    path("<int:pk>/registration/", views.registration_edit, name="registration"),
    path("<int:pk>/statistics/", statistics_views.event_statistics, name="statistics"),
    path("<int:pk>/statistics.csv", statistics_views.event_statistics_csv, name="statistics_csv"),
    path(
        "<int:pk>/statistics.xlsx", statistics_views.event_statistics_xlsx, name="statistics_xlsx"
    ),
    path(
        "series/<slug:slug>/statistics/",
        statistics_views.series_statistics,
        name="series_statistics",
    ),
    path(
        "series/<slug:slug>/statistics.<str:fmt>",
        statistics_views.series_statistics_export,
        name="series_statistics_export",
    ),
    path("statistics/", statistics_views.year_statistics, name="year_statistics"),
    path("statistics/<int:year>/", statistics_views.year_statistics, name="year_statistics"),
    path(
        "statistics/<int:year>.<str:fmt>",
        statistics_views.year_statistics_export,
        name="year_statistics_export",
    ),
    # Attendance: join links, attendance files, check-in.
    path("join/<str:code>/", attendance_views.join, name="join"),
    path("mine/<str:code>/qr.svg", attendance_views.registration_qr, name="registration_qr"),
    path(
        "<int:pk>/attendance/upload/",
        attendance_views.attendance_upload,
        name="attendance_upload",
    ),
    path(
        "<int:pk>/attendance/confirm/",
        attendance_views.attendance_confirm,
        name="attendance_confirm",
    ),
    path("<int:pk>/check-in/", attendance_views.check_in, name="check_in"),
    path("<int:pk>/check-in/record/", attendance_views.check_in_record, name="check_in_record"),
    # Waiting-list offers, feedback and calendar links.
    path(
        "offers/<str:token>/accept/",
        offer_views.offer_answer,
        {"answer": "accepted"},
        name="offer_accept",
    ),
    path(
        "offers/<str:token>/decline/",
        offer_views.offer_answer,
        {"answer": "declined"},
        name="offer_decline",
    ),
    path("<int:pk>/feedback/", offer_views.feedback_form, name="feedback"),
    path("<int:pk>/feedback/results/", offer_views.feedback_results, name="feedback_results"),
]
