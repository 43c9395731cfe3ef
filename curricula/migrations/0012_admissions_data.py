"""The list of accreditation agencies, and the programmes' free-text fields of
before moved into rows: each start month with the application deadline becomes an
intake (the next start from today), and an accreditation whose agency is on the
list becomes an accreditation of it; text naming no agency of the list is kept in
``accreditation_note`` for the editors."""

from datetime import date, timedelta

from django.db import migrations

from curricula.reference import agencies_load


def _next_start(month: int, today: date) -> date:
    start = date(today.year, month, 1)
    return start if start >= today else date(today.year + 1, month, 1)


def forwards(apps, schema_editor):
    agencies_load(apps)
    programme_model = apps.get_model("curricula", "Programme")
    intake_model = apps.get_model("curricula", "Intake")
    agency_model = apps.get_model("curricula", "AccreditationAgency")
    accreditation_model = apps.get_model("curricula", "Accreditation")
    agencies = list(agency_model.objects.all())
    today = date.today()
    for programme in programme_model.objects.all().iterator():
        months = {
            int(part)
            for part in programme.start_months.replace(" ", "").split(",")
            if part.isdigit() and 1 <= int(part) <= 12
        }
        for month in sorted(months):
            starts = _next_start(month, today)
            deadline = programme.application_deadline
            if deadline is None or deadline > starts:
                deadline = starts - timedelta(days=60)
            intake_model.objects.get_or_create(
                programme=programme, starts_on=starts, defaults={"application_deadline": deadline}
            )
        text = " ".join(
            filter(None, [programme.accreditation_agency, programme.accreditation_decision])
        ).strip()
        if not text:
            continue
        lowered = text.lower()
        agency = next(
            (
                a
                for a in agencies
                if (a.acronym and a.acronym.lower() in lowered.split())
                or a.name_en.lower() in lowered
            ),
            None,
        )
        until = programme.accreditation_valid_until
        if agency is not None and until is not None:
            accreditation_model.objects.create(
                programme=programme,
                agency=agency,
                decided_on=until - timedelta(days=5 * 365),
                valid_until=until,
            )
        else:
            programme_model.objects.filter(pk=programme.pk).update(accreditation_note=text[:400])


class Migration(migrations.Migration):
    dependencies = [("curricula", "0011_admissions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
