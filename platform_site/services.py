"""Writes of the site itself: the demonstration data and the notice that it is loaded."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from accounts.models import COORDINATORS_GROUP, MembershipStatus, User
from curricula.demo import load_demo_programmes
from curricula.seed import load_fields, load_skills
from events.seed import load_demo_events
from industry.models import Organisation, OrganisationMembership
from industry.seed import load_demo_needs, load_demo_organisations
from insights.supply import supply_rebuild
from knowledge.demo import load_demo_knowledge
from programme.demo import load_demo_programme
from universities.models import University, UniversityMembership
from universities.seed import load_demo_strengths, load_universities

from .models import DEMO_CACHE_KEY, DemoDataset

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105  (documented demo password)
DEMO_UNIVERSITY_SLUG = "satbayev-university"
# (e-mail, full name, affiliation, language)
DEMO_ACCOUNTS: list[tuple[str, str, str, str]] = [
    ("coordinator@demo.local", "Aigerim Coordinator (demo)", "UNECE", "en"),
    ("staff@demo.local", "Daniyar Staff (demo)", "Satbayev University", "ru"),
    ("partner@demo.local", "Nodira Partner (demo)", "Steppe Power Grid", "en"),
    ("student@demo.local", "Timur Student (demo)", "", "ru"),
]


def _forget_demo_flag() -> None:
    cache.delete(DEMO_CACHE_KEY)


@transaction.atomic
def demo_dataset_mark_loaded() -> DemoDataset:
    """Record that demonstration content is loaded (one row).

    Side effects: the cached flag behind the site-wide demo notice is dropped now and
    again when the transaction commits, so no request keeps the old answer.
    """
    dataset, _created = DemoDataset.objects.update_or_create(pk=1)
    _forget_demo_flag()
    transaction.on_commit(_forget_demo_flag)
    return dataset


@transaction.atomic
def demo_accounts_create(*, organisation: Organisation) -> dict[str, User]:
    """The demo accounts (verified e-mail, known password), keyed by e-mail.

    The coordinator joins the coordinators' group, the staff member becomes an
    editor of the demo university and the partner an administrator of
    ``organisation``; running it again changes nothing. Sends no e-mail.
    """
    users: dict[str, User] = {}
    for email, full_name, affiliation, language in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
        user.full_name, user.affiliation, user.preferred_language = (
            full_name,
            affiliation,
            language,
        )
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[email] = user
    coordinator = users["coordinator@demo.local"]
    Group.objects.get(name=COORDINATORS_GROUP).user_set.add(coordinator)
    approved = {
        "status": MembershipStatus.APPROVED,
        "decided_by": coordinator,
        "decided_at": timezone.now(),
    }
    UniversityMembership.objects.update_or_create(
        user=users["staff@demo.local"],
        university=University.objects.get(slug=DEMO_UNIVERSITY_SLUG),
        defaults={**approved, "role": UniversityMembership.Role.EDITOR},
    )
    OrganisationMembership.objects.update_or_create(
        user=users["partner@demo.local"],
        organisation=organisation,
        defaults={**approved, "role": OrganisationMembership.Role.ADMIN},
    )
    return users


@transaction.atomic
def demo_data_load() -> dict[str, int]:
    """Load the real universities, ISCED-F fields and ESCO skills, and the demo accounts
    and content; returns how many of each kind there are. Running it again changes
    nothing.

    Side effects: the demo notice is shown on every page (``demo_dataset_mark_loaded``);
    no e-mail is sent.
    """
    counts = {
        "universities": load_universities(),
        "demo strengths": load_demo_strengths(),
        "fields": load_fields(),
        "skills": load_skills(),
    }
    counts["demo programmes"] = load_demo_programmes()
    supply_rebuild()  # the demo writes programmes' skills in bulk, which sends no signals
    organisations = load_demo_organisations()
    counts["organisations"] = len(organisations)
    counts["demo needs"] = load_demo_needs()
    users = demo_accounts_create(organisation=organisations[0])
    counts["demo events"] = load_demo_events(users["student@demo.local"])
    counts["demo knowledge items"] = load_demo_knowledge()
    # After the events and the needs: the demo conference's programme.
    counts["demo conference sessions"] = load_demo_programme(password=DEMO_PASSWORD)
    demo_dataset_mark_loaded()
    return counts
