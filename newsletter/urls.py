from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("newsletter/", views.subscribe, name="subscribe"),
    path("newsletter/one-click/", views.subscribe_one_click, name="subscribe_one_click"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletter/archive/", views.archive, name="archive"),
    path("newsletter/archive/<int:pk>/", views.issue_detail, name="issue"),
    path("newsletter/issues/", views.manage, name="manage"),
    path("newsletter/issues/<int:pk>/", views.issue_edit, name="issue_edit"),
    path("newsletter/issues/<int:pk>/send/", views.issue_send, name="issue_send"),
]
