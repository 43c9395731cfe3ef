from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/event/<int:pk>/", views.event_certificates, name="event"),
    path("certificates/event/<int:pk>/issue/", views.issue, name="issue"),
    path(
        "certificates/visa-letters/<int:pk>/issue/",
        views.visa_letter_issue,
        name="visa_letter_issue",
    ),
    path(
        "certificates/visa-letters/<int:pk>/pdf/",
        views.visa_letter_download,
        name="visa_letter_download",
    ),
    path("certificates/<str:code>/", views.verify, name="verify"),
    path("certificates/<str:code>/pdf/", views.download, name="download"),
    path("certificates/<str:code>/revoke/", views.revoke, name="revoke"),
    path("certificates/<str:code>/reissue/", views.reissue, name="reissue"),
]
