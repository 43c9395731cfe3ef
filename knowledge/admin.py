from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from translated_fields import TranslatedFieldAdmin

from .models import ItemCountry, KnowledgeFile, KnowledgeItem


class KnowledgeFileInline(admin.TabularInline):
    model = KnowledgeFile
    extra = 0
    readonly_fields = ["format", "size"]


class ItemCountryInline(admin.TabularInline):
    model = ItemCountry
    extra = 0


@admin.register(KnowledgeItem)
class KnowledgeItemAdmin(TranslatedFieldAdmin, SimpleHistoryAdmin):
    """The workflow's steps (with their e-mails and audit entries) are the site's pages;
    the admin is for repairs."""

    list_display = ["title_en", "kind", "status", "featured", "published_on", "is_demo"]
    list_filter = ["kind", "status", "featured", "is_demo"]
    search_fields = ["title_en", "title_ru"]
    autocomplete_fields = ["authors", "universities", "organisations", "skills"]
    inlines = [KnowledgeFileInline, ItemCountryInline]
