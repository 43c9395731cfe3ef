from django.urls import path

from . import review_views, submission_views

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
]
