from django.contrib import admin

from .models import University, UniversityMembership


@admin.register(University)
class UniversityAdmin(admin.ModelAdmin):
    list_display = ["name_en", "short_name", "country", "city", "verified"]
    list_filter = ["country", "verified", "kind"]
    search_fields = ["name_en", "name_ru", "short_name", "aliases"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(UniversityMembership)
class UniversityMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "university", "role", "status", "requested_at"]
    list_filter = ["status", "role"]
    autocomplete_fields = ["user", "university"]
    raw_id_fields = ["decided_by"]
