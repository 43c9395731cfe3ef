from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("second-factor/reset/", views.mfa_reset_view, name="mfa_reset"),
    path(
        "memberships/request/<slug:kind>/",
        views.membership_request_view,
        name="membership_request",
    ),
    path("memberships/pending/", views.pending_memberships_view, name="pending_memberships"),
    path(
        "memberships/<slug:kind>/<int:pk>/decide/",
        views.membership_decide_view,
        name="membership_decide",
    ),
]
