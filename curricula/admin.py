from django.contrib import admin

from .models import Field, Skill


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ru", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name_en", "name_ru"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ru", "kind", "is_group", "green"]
    list_filter = ["kind", "is_group", "green"]
    search_fields = ["name_en", "name_ru", "alt_labels"]
    raw_id_fields = ["broader", "field"]
