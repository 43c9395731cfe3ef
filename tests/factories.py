import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import COORDINATORS_GROUP, MembershipStatus, User
from industry.models import Organisation, OrganisationMembership
from universities.models import University, UniversityMembership

PASSWORD = "a-long-test-password-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)
    # The questions every event asks, answered once (``UserFactory(country="")`` for
    # someone registering for the first time).
    country = "KZ"
    sector = User.Sector.ACADEMIA
    gender = User.Gender.UNSAID
    participant_role = User.ParticipantRole.STUDENT

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class CoordinatorFactory(UserFactory):
    @factory.post_generation
    def coordinators_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=COORDINATORS_GROUP))


class UniversityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = University

    name_en = factory.Sequence(lambda n: f"Technical University {n}")
    name_ru = factory.Sequence(lambda n: f"Технический университет {n}")
    slug = factory.Sequence(lambda n: f"technical-university-{n}")
    country = "KZ"
    city_en = "Almaty"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Energy Company {n}")
    slug = factory.Sequence(lambda n: f"energy-company-{n}")
    sector = Organisation.Sector.ENERGY_UTILITY
    country = "UZ"


class UniversityMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UniversityMembership

    user = factory.SubFactory(UserFactory)
    university = factory.SubFactory(UniversityFactory)
    role = UniversityMembership.Role.EDITOR
    status = MembershipStatus.APPROVED


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = OrganisationMembership.Role.MEMBER
    status = MembershipStatus.APPROVED
