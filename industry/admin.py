from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from translated_fields import TranslatedFieldAdmin

from .models import Organisation, OrganisationMembership


@admin.register(Organisation)
class OrganisationAdmin(TranslatedFieldAdmin, SimpleHistoryAdmin):
    """A hard delete here is refused while the organisation has needs (their foreign key
    protects the universities' responses): the delete page lists what blocks it. In
    the site, organisations are archived instead."""

    list_display = ["name_en", "sector", "country", "verified", "archived_at"]
    list_filter = ["sector", "country", "verified", ("archived_at", admin.EmptyFieldListFilter)]
    search_fields = ["name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["archived_at"]


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "status", "requested_at"]
    list_filter = ["status", "role"]
    autocomplete_fields = ["user", "organisation"]
    raw_id_fields = ["decided_by"]
