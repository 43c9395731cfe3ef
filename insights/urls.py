from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("skills/gaps/", views.skill_gaps, name="gaps"),
    path("skills/gaps.csv", views.skill_gaps_csv, name="gaps_csv"),
    path("skills/gaps.xlsx", views.skill_gaps_xlsx, name="gaps_xlsx"),
    path("universities/<slug:slug>/gaps/", views.university_skill_gaps, name="university_gaps"),
    path("coordination/", views.coordination, name="coordination"),
]
