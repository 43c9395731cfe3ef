"""Programmes' search documents rebuilt with every name of their university (and
refolded: b after a voiceless consonant now reads as p, Satbayev = Satpayev).

The same texts as ``Programme.search_texts``, read through the migration's models."""

from django.db import migrations

from universities.search import search_key


def _university_names(university) -> list[str]:
    names = [university.name_en, university.name_ru, university.name_local, university.short_name]
    return [name for name in names + university.aliases.splitlines() if name.strip()]


def _skill_names(programme) -> list[str]:
    rows = programme.skills.values_list(
        "name_en", "name_ru", "merges__name_en", "merges__name_ru"
    )
    return list(dict.fromkeys(name for row in rows for name in row if name))


def refresh_search_documents(apps, schema_editor):
    Programme = apps.get_model("curricula", "Programme")
    for programme in Programme.objects.select_related("university"):
        texts = [
            programme.title_en,
            programme.title_ru,
            programme.description_en,
            programme.description_ru,
            programme.learning_outcomes,
            *_skill_names(programme),
            *_university_names(programme.university),
        ]
        document = search_key(" ".join(text for text in texts if text))
        Programme.objects.filter(pk=programme.pk).update(search_document=document)


class Migration(migrations.Migration):
    dependencies = [
        ("curricula", "0006_historicalprogramme_historicalskill"),
        ("universities", "0007_city_names_and_keys"),
    ]

    operations = [migrations.RunPython(refresh_search_documents, migrations.RunPython.noop)]
