"""Writes that touch a programme and its skills together."""

from django.db import transaction

from .models import Programme


@transaction.atomic
def programme_save(*, form, skills_formset) -> Programme:
    """Save the programme, its many-to-many fields and its skills, all or nothing.

    Side effect: the search document is rebuilt with the new skill names.
    """
    programme = form.save()
    skills_formset.instance = programme
    skills_formset.save()
    programme.refresh_search_document()
    return programme


@transaction.atomic
def programme_set_status(*, programme: Programme, status: str) -> None:
    programme.status = status
    programme.save(update_fields=["status", "updated_at"])
