from django.urls import path

from . import review_views, schedule_views, slides_views, submission_views, timetable_views

app_name = "programme"

urlpatterns: list = [
    # Call for contributions and submissions.
    path("programme/<int:event>/call/", submission_views.call_detail, name="call"),
    path("programme/<int:event>/call/new/", submission_views.call_create, name="call_create"),
    path("programme/<int:event>/call/edit/", submission_views.call_edit, name="call_edit"),
    path("programme/<int:event>/submit/", submission_views.contribution_submit, name="submit"),
    path(
        "programme/<int:event>/challenge/<int:need>/",
        submission_views.challenge_create,
        name="challenge",
    ),
    path("programme/mine/", submission_views.my_contributions, name="mine"),
    path(
        "programme/contributions/<int:pk>/",
        submission_views.contribution_detail,
        name="contribution",
    ),
    path(
        "programme/contributions/<int:pk>/edit/",
        submission_views.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "programme/contributions/<int:pk>/withdraw/",
        submission_views.contribution_withdraw,
        name="contribution_withdraw",
    ),
    # Review and decisions.
    path("programme/<int:event>/committee/", review_views.committee, name="committee"),
    path(
        "programme/<int:event>/committee/<int:member>/remove/",
        review_views.committee_remove,
        name="committee_remove",
    ),
    path(
        "programme/<int:event>/committee/balance/",
        review_views.reviews_balance,
        name="reviews_balance",
    ),
    path(
        "programme/contributions/<int:pk>/assign/",
        review_views.review_assign,
        name="review_assign",
    ),
    path(
        "programme/reviews/<int:pk>/unassign/",
        review_views.review_unassign,
        name="review_unassign",
    ),
    path("programme/<int:event>/reviews/", review_views.review_queue, name="review_queue"),
    path("programme/contributions/<int:pk>/review/", review_views.review_edit, name="review"),
    path("programme/<int:event>/decisions/", review_views.decisions, name="decisions"),
    path("programme/contributions/<int:pk>/decide/", review_views.decide, name="decide"),
    # The committee's timetable editor (programme/timetable_views.py).
    path(
        "programme/<int:event>/timetable/edit/",
        timetable_views.timetable_edit,
        name="timetable_edit",
    ),
    path(
        "programme/<int:event>/timetable/publish/",
        timetable_views.timetable_publish,
        name="timetable_publish",
    ),
    path("programme/<int:event>/rooms/new/", timetable_views.room_create, name="room_create"),
    path("programme/rooms/<int:pk>/edit/", timetable_views.room_edit, name="room_edit"),
    path("programme/rooms/<int:pk>/remove/", timetable_views.room_remove, name="room_remove"),
    path(
        "programme/<int:event>/sessions/new/", timetable_views.session_create, name="session_create"
    ),
    path("programme/sessions/<int:pk>/edit/", timetable_views.session_edit, name="session_edit"),
    path(
        "programme/sessions/<int:pk>/remove/", timetable_views.session_remove, name="session_remove"
    ),
    # The public timetable, sessions, speakers, my schedule (programme/schedule_views.py).
    path("programme/<int:event>/timetable/", schedule_views.timetable, name="timetable"),
    path("programme/<int:event>/timetable.ics", schedule_views.timetable_ics, name="timetable_ics"),
    path("programme/<int:event>/timetable.pdf", schedule_views.timetable_pdf, name="timetable_pdf"),
    path("programme/sessions/<int:pk>/", schedule_views.session_detail, name="session"),
    path("programme/sessions/<int:pk>/star/", schedule_views.session_star, name="session_star"),
    path("programme/speakers/<int:pk>/", schedule_views.speaker, name="speaker"),
    path("programme/schedule/", schedule_views.my_schedule, name="my_schedule"),
    path(
        "programme/schedule/<str:token>.ics",
        schedule_views.my_schedule_feed,
        name="my_schedule_feed",
    ),
    # Slides and files (programme/slides_views.py).
    path(
        "programme/contributions/<int:pk>/slides/", slides_views.slides_upload, name="slides_upload"
    ),
    path(
        "programme/contributions/<int:pk>/slides.pdf", slides_views.slides_file, name="slides_file"
    ),
    path(
        "programme/contributions/<int:pk>/file/",
        slides_views.contribution_file,
        name="contribution_file",
    ),
]
