from django.contrib import admin

from .models import Organisation, OrganisationMembership


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name_en", "sector", "country", "verified"]
    list_filter = ["sector", "country", "verified"]
    search_fields = ["name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "status", "requested_at"]
    list_filter = ["status", "role"]
    autocomplete_fields = ["user", "organisation"]
    raw_id_fields = ["decided_by"]
