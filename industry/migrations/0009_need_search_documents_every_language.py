"""Needs' search documents rebuilt with every language's text (and refolded: b after
a voiceless consonant now reads as p, Satbayev = Satpayev).

The same texts as ``SkillNeed.search_texts``, read through the migration's models."""

from django.db import migrations

from universities.search import search_key

LANGUAGES = ("en", "ru", "kk", "uz")
TEXTS = ("title", "background", "description", "must_haves", "nice_to_haves")


def refresh_search_documents(apps, schema_editor):
    SkillNeed = apps.get_model("industry", "SkillNeed")
    for need in SkillNeed.objects.all():
        texts = [getattr(need, f"{name}_{code}") for name in TEXTS for code in LANGUAGES]
        rows = need.skills.values_list("name_en", "name_ru", "merges__name_en", "merges__name_ru")
        texts += list(dict.fromkeys(name for row in rows for name in row if name))
        document = search_key(" ".join(text for text in texts if text))
        SkillNeed.objects.filter(pk=need.pk).update(search_document=document)


class Migration(migrations.Migration):
    dependencies = [
        ("industry", "0008_translated_content"),
        ("curricula", "0008_translated_content"),
    ]

    operations = [migrations.RunPython(refresh_search_documents, migrations.RunPython.noop)]
