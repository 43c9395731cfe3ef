from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("my-data.json", views.my_data_download, name="my_data"),
    path("close/", views.account_close_view, name="close"),
    path("second-factor/reset/", views.mfa_reset_view, name="mfa_reset"),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("audit/export.csv", views.audit_log_csv, name="audit_log_csv"),
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
