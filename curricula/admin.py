from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from translated_fields import TranslatedFieldAdmin

from .models import Field, Skill, SkillMerge


@admin.register(Field)
class FieldAdmin(TranslatedFieldAdmin, admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ru", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name_en", "name_ru"]


@admin.register(Skill)
class SkillAdmin(TranslatedFieldAdmin, SimpleHistoryAdmin):
    list_display = ["name_en", "name_ru", "kind", "is_group", "green"]
    list_filter = ["kind", "is_group", "green"]
    search_fields = ["name_en", "name_ru", "alt_labels"]
    raw_id_fields = ["broader", "field"]
    # Say what blocks a hard delete, and that the site merges instead.
    delete_confirmation_template = "curricula/admin/skill_delete_confirmation.html"
    delete_selected_confirmation_template = (
        "curricula/admin/skill_delete_selected_confirmation.html"
    )


@admin.register(SkillMerge)
class SkillMergeAdmin(admin.ModelAdmin):
    """The record of merges: read only, since the redirects and names depend on it."""

    list_display = ["name_en", "slug", "survivor", "merged_by", "merged_at"]
    search_fields = ["name_en", "name_ru", "slug"]
    readonly_fields = ["survivor", "slug", "name_en", "name_ru", "merged_by", "merged_at", "moved"]

    def has_add_permission(self, request):
        return False
