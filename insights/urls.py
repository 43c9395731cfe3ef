from django.urls import path

from core.pagecache import cache_for_visitors, default_audience

from . import views

app_name = "insights"

urlpatterns = [
    path(
        "skills/gaps/",
        cache_for_visitors(views.skill_gaps, scopes=("gaps",), audience=default_audience),
        name="gaps",
    ),
    path("skills/gaps.csv", views.skill_gaps_csv, name="gaps_csv"),
    path("skills/gaps.xlsx", views.skill_gaps_xlsx, name="gaps_xlsx"),
    path(
        "universities/<slug:slug>/gaps/",
        cache_for_visitors(views.university_skill_gaps, scopes=("gaps",)),
        name="university_gaps",
    ),
    path("coordination/", views.coordination, name="coordination"),
]
