from django.urls import path

from core.pagecache import cache_for_visitors, default_audience

from . import views

DIRECTORY = ("directory",)

app_name = "universities"

urlpatterns = [
    path(
        "",
        cache_for_visitors(
            views.UniversityListView.as_view(), scopes=DIRECTORY, audience=default_audience
        ),
        name="list",
    ),
    path(
        "map/", cache_for_visitors(views.UniversityMapView.as_view(), scopes=DIRECTORY), name="map"
    ),
    path(
        "strengths/", cache_for_visitors(views.strengths_matrix, scopes=DIRECTORY), name="strengths"
    ),
    path("strengths.csv", views.strengths_matrix_csv, name="strengths_csv"),
    path("new/", views.university_create, name="create"),
    path("archived/", views.archived_universities, name="archived"),
    path("areas/", views.research_area_list, name="areas"),
    path("areas/new/", views.research_area_create, name="area_create"),
    path("areas/<slug:slug>/edit/", views.research_area_edit, name="area_edit"),
    path(
        "<slug:slug>/",
        cache_for_visitors(
            views.UniversityDetailView.as_view(),
            scopes=("university:{slug}",),
            audience=default_audience,
        ),
        name="detail",
    ),
    path("<slug:slug>/edit/", views.university_edit, name="edit"),
    path("<slug:slug>/edit/strengths/", views.strengths_edit, name="edit_strengths"),
    path("<slug:slug>/edit/activities/", views.activities_edit, name="edit_activities"),
    path("<slug:slug>/verify/", views.university_verify, name="verify"),
    path("<slug:slug>/history/", views.university_history, name="history"),
    path("<slug:slug>/archive/", views.university_archive, name="archive"),
    path("<slug:slug>/restore/", views.university_restore, name="restore"),
]
