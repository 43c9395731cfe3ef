from django.contrib import admin
from translated_fields import TranslatedFieldAdmin

from .models import University, UniversityMembership


@admin.register(University)
class UniversityAdmin(TranslatedFieldAdmin, admin.ModelAdmin):
    list_display = ["name_en", "short_name", "country", "city", "verified", "archived_at"]
    list_filter = ["country", "verified", "kind", ("archived_at", admin.EmptyFieldListFilter)]
    search_fields = ["name_en", "name_ru", "short_name", "aliases"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["archived_at", "archived_by"]
    # Say what blocks a hard delete, and that the site archives instead.
    delete_confirmation_template = "universities/admin/university_delete_confirmation.html"
    delete_selected_confirmation_template = (
        "universities/admin/university_delete_selected_confirmation.html"
    )


@admin.register(UniversityMembership)
class UniversityMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "university", "role", "status", "requested_at"]
    list_filter = ["status", "role"]
    autocomplete_fields = ["user", "university"]
    raw_id_fields = ["decided_by"]
