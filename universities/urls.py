from django.urls import path

from . import views

app_name = "universities"

urlpatterns = [
    path("", views.UniversityListView.as_view(), name="list"),
    path("map/", views.UniversityMapView.as_view(), name="map"),
    path("strengths/", views.strengths_matrix, name="strengths"),
    path("strengths.csv", views.strengths_matrix_csv, name="strengths_csv"),
    path("<slug:slug>/", views.UniversityDetailView.as_view(), name="detail"),
]
