from django.db import migrations

# ISO 639 codes of the languages taught in the region and by its partners.
LANGUAGES = [
    ("kk", "Kazakh", "Казахский"),
    ("ru", "Russian", "Русский"),
    ("en", "English", "Английский"),
    ("uz", "Uzbek", "Узбекский"),
    ("ky", "Kyrgyz", "Кыргызский"),
    ("tg", "Tajik", "Таджикский"),
    ("tk", "Turkmen", "Туркменский"),
    ("kaa", "Karakalpak", "Каракалпакский"),
    ("zh", "Chinese", "Китайский"),
    ("tr", "Turkish", "Турецкий"),
    ("de", "German", "Немецкий"),
    ("fr", "French", "Французский"),
    ("ko", "Korean", "Корейский"),
]


def add_languages(apps, schema_editor):
    Language = apps.get_model("universities", "Language")
    for position, (code, name_en, name_ru) in enumerate(LANGUAGES):
        Language.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_ru": name_ru, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("universities", "0004_languages_logo_bologna")]

    operations = [migrations.RunPython(add_languages, migrations.RunPython.noop)]
