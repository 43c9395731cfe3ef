from django.urls import path

from core.pagecache import cache_for_visitors, default_audience

from . import admission_views, history_views, import_views, saved_views, skill_views, views

# What teaches a skill, and the open needs that ask for it.
SKILL_PAGES = ("catalogue", "needs")

app_name = "curricula"

urlpatterns = [
    path(
        "programmes/",
        cache_for_visitors(
            views.ProgrammeListView.as_view(), scopes=("catalogue",), audience=default_audience
        ),
        name="programme_list",
    ),
    path("programmes/export.csv", views.programme_export_csv, name="programme_export"),
    path("programmes/compare/", views.programme_compare, name="programme_compare"),
    path("programmes/archived/", views.archived_programmes, name="archived"),
    # Saved programmes and searches with their alerts (curricula/saved_views.py).
    path("programmes/saved/", saved_views.saved, name="saved"),
    path("programmes/searches/save/", saved_views.search_save, name="search_save"),
    path("programmes/searches/<int:pk>/remove/", saved_views.search_remove, name="search_remove"),
    path(
        "programmes/searches/unsubscribe/<str:token>/",
        saved_views.search_unsubscribe,
        name="search_unsubscribe",
    ),
    # Scholarships a university keeps (curricula/admission_views.py).
    path(
        "programmes/scholarships/<int:pk>/edit/",
        admission_views.scholarship_edit,
        name="scholarship_edit",
    ),
    path(
        "programmes/scholarships/<int:pk>/remove/",
        admission_views.scholarship_remove,
        name="scholarship_remove",
    ),
    # Import jobs (curricula/import_views.py).
    path("programmes/imports/<int:pk>/", import_views.import_job, name="import_job"),
    path(
        "programmes/imports/<int:pk>/status/",
        import_views.import_job_status,
        name="import_job_status",
    ),
    path(
        "programmes/<slug:university>/",
        cache_for_visitors(views.university_programmes, scopes=("university:{university}",)),
        name="university_programmes",
    ),
    path("programmes/<slug:university>/new/", views.programme_create, name="programme_create"),
    path(
        "programmes/<slug:university>/scholarships/",
        admission_views.scholarships,
        name="scholarships",
    ),
    path(
        "programmes/<slug:university>/export.csv",
        import_views.university_export,
        name="university_export",
    ),
    path("programmes/<slug:university>/import/", views.programme_import, name="programme_import"),
    path(
        "programmes/import-template.csv",
        views.programme_import_template,
        name="programme_import_template",
    ),
    path(
        "programmes/<slug:university>/<slug:slug>/",
        cache_for_visitors(
            views.ProgrammeDetailView.as_view(), scopes=("catalogue",), audience=default_audience
        ),
        name="programme_detail",
    ),
    path(
        "programmes/<slug:university>/<slug:slug>/edit/",
        views.programme_edit,
        name="programme_edit",
    ),
    path(
        "programmes/<slug:university>/<slug:slug>/archive/",
        views.programme_archive,
        name="programme_archive",
    ),
    path(
        "programmes/<slug:university>/<slug:slug>/restore/",
        views.programme_restore,
        name="programme_restore",
    ),
    path(
        "programmes/<slug:university>/<slug:slug>/publish/",
        views.programme_publish,
        name="programme_publish",
    ),
    path(
        "programmes/<slug:university>/<slug:slug>/admissions/",
        admission_views.programme_admissions,
        name="programme_admissions",
    ),
    path(
        "programmes/<slug:university>/<slug:slug>/save/",
        saved_views.programme_save,
        name="programme_save",
    ),
    path(
        "programmes/<slug:university>/<slug:slug>/history/",
        history_views.programme_history,
        name="programme_history",
    ),
    path(
        "skills/",
        cache_for_visitors(skill_views.SkillListView.as_view(), scopes=SKILL_PAGES),
        name="skill_list",
    ),
    path("skills/new/", skill_views.skill_create, name="skill_create"),
    path("skills/suggest/", skill_views.skill_suggest, name="skill_suggest"),
    path(
        "skills/<slug:slug>/",
        cache_for_visitors(skill_views.SkillDetailView.as_view(), scopes=SKILL_PAGES),
        name="skill_detail",
    ),
    path("skills/<slug:slug>/edit/", skill_views.skill_edit, name="skill_edit"),
    path("skills/<slug:slug>/merge/", skill_views.skill_merge_view, name="skill_merge"),
    path("skills/<slug:slug>/retire/", skill_views.skill_retire, name="skill_retire"),
    path("skills/<slug:slug>/restore/", skill_views.skill_restore, name="skill_restore"),
    path("skills/<slug:slug>/history/", history_views.skill_history, name="skill_history"),
]
