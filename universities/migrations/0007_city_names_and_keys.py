"""The current official city names (``universities.cities.CURRENT_NAMES``) on existing
universities, the new city search keys, and the search keys refolded (b after a
voiceless consonant now reads as p: Satbayev = Satpayev)."""

from django.db import migrations, models

from universities.cities import CURRENT_NAMES, city_key, gazetteer, known_names
from universities.search import search_key


def _all_names(university) -> list[str]:
    names = [university.name_en, university.name_ru, university.name_local, university.short_name]
    return [name for name in names + university.aliases.splitlines() if name.strip()]


def curate_cities_and_refresh_keys(apps, schema_editor):
    University = apps.get_model("universities", "University")
    cities = gazetteer()
    for university in University.objects.all():
        for (country, ascii_name), (name_en, name_ru) in CURRENT_NAMES.items():
            if university.country != country:
                continue
            row = cities.get((country, ascii_name))
            # The English forms seeded before: GeoNames' names and the old display names.
            former = {ascii_name, name_en, *([row["name"]] if row else [])}
            former |= {"Uralsk"} if ascii_name == "Oral" else set()
            if university.city.strip().casefold() not in {n.casefold() for n in former}:
                continue
            university.city = name_en
            if not university.city_ru or university.city_ru in known_names(country, ascii_name):
                university.city_ru = name_ru
            break
        university.search_key = " | ".join(search_key(name) for name in _all_names(university))
        university.city_key = city_key(university.city, university.city_ru)
        university.save(update_fields=["city", "city_ru", "search_key", "city_key"])


class Migration(migrations.Migration):
    dependencies = [("universities", "0006_archive")]

    operations = [
        migrations.AddField(
            model_name="university",
            name="city_key",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(curate_cities_and_refresh_keys, migrations.RunPython.noop),
    ]
