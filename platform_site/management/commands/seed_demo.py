from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import COORDINATORS_GROUP, MembershipStatus
from curricula.demo import load_demo_programmes
from curricula.seed import load_fields, load_skills
from events.seed import load_demo_events
from industry.models import OrganisationMembership
from industry.seed import load_demo_needs, load_demo_organisations
from platform_site.models import DemoDataset
from universities.models import University, UniversityMembership
from universities.seed import load_demo_strengths, load_universities

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105  (documented demo password)
DEMO_UNIVERSITY_SLUG = "satbayev-university"
DEMO_ACCOUNTS = [
    ("coordinator@demo.local", "Aigerim Coordinator (demo)", "UNECE", "en"),
    ("staff@demo.local", "Daniyar Staff (demo)", "Satbayev University", "ru"),
    ("partner@demo.local", "Nodira Partner (demo)", "Steppe Power Grid", "en"),
    ("student@demo.local", "Timur Student (demo)", "", "ru"),
]


class Command(BaseCommand):
    help = "Load the real universities, ISCED-F fields, ESCO skills and demo accounts and content."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data (with demo accounts and a known password) is disabled here. "
                "Set DJANGO_DEMO_DATA=1 to load it anyway."
            )
        with transaction.atomic():
            counts = {
                "universities": load_universities(),
                "demo strengths": load_demo_strengths(),
                "fields": load_fields(),
                "skills": load_skills(),
            }
            counts["demo programmes"] = load_demo_programmes()
            organisations = load_demo_organisations()
            counts["organisations"] = len(organisations)
            counts["demo needs"] = load_demo_needs()
            users = self._accounts(organisations[0])
            counts["demo events"] = load_demo_events(users["student@demo.local"])
            DemoDataset.mark_loaded()
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, *_rest in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email}")

    def _accounts(self, organisation):
        from allauth.account.models import EmailAddress

        users = {}
        for email, full_name, affiliation, language in DEMO_ACCOUNTS:
            user = get_user_model().objects.filter(email=email).first()
            if user is None:
                user = get_user_model().objects.create_user(email=email, password=DEMO_PASSWORD)
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
        Group.objects.get(name=COORDINATORS_GROUP).user_set.add(users["coordinator@demo.local"])
        approved = {
            "status": MembershipStatus.APPROVED,
            "decided_by": users["coordinator@demo.local"],
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
