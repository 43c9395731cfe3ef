"""The small world the authorization matrix (tests/test_authorization_matrix.py) runs in:
two universities, two organisations, the people who hold a role in each, and one of
every object a URL of the site is about."""

from dataclasses import dataclass
from datetime import timedelta

from allauth.mfa.models import Authenticator
from django.utils import timezone

from accounts.models import MembershipStatus, User
from curricula.models import Programme, ProgrammeSkill, Skill, SkillLevel
from events.models import CalendarToken, Event, EventSeries, RotationMember
from industry.models import NeedResponse, NeedSkill, Organisation, OrganisationMembership, SkillNeed
from knowledge.models import KnowledgeFile, KnowledgeItem
from universities.models import ResearchArea, University, UniversityMembership

from .factories import (
    CoordinatorFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UniversityFactory,
    UniversityMembershipFactory,
    UserFactory,
)

CALENDAR_TOKEN = "authz-calendar-token"


@dataclass
class World:
    # People. The "owner" of a URL is one of these, named by its matrix entry.
    student: User
    editor: User  # editor of ``university``
    uni_admin: User  # administrator of ``university``
    other_staff: User  # editor of ``other_university``
    partner: User  # member of ``organisation``
    org_admin: User  # administrator of ``organisation``
    other_partner: User  # member of ``other_organisation``
    coordinator: User
    applicant: User  # asked to join ``university``; has an authenticator to lose
    # Things.
    university: University
    other_university: University
    organisation: Organisation
    other_organisation: Organisation
    pending: UniversityMembership  # the applicant's requests, to decide
    pending_organisation: OrganisationMembership
    pending_other_university: UniversityMembership
    area: ResearchArea
    skill: Skill
    duplicate_skill: Skill
    programme: Programme
    draft_programme: Programme
    need: SkillNeed
    members_need: SkillNeed
    response: NeedResponse
    series: EventSeries
    event: Event
    draft_event: Event
    rotation_member: RotationMember
    item: KnowledgeItem  # published, of ``university``, by ``editor``, with a file and an image
    item_file: KnowledgeFile
    draft_item: KnowledgeItem  # of ``university``, by ``editor``
    submitted_item: KnowledgeItem


# Where the world's item keeps its file and image (written by the matrix before a test
# reads them: each test has its own media folder).
ITEM_FILE = "knowledge/files/authz.pdf"
ITEM_IMAGE = "knowledge/images/authz.jpg"


def _item(university: University, editor: User, title: str, status: str) -> KnowledgeItem:
    item = KnowledgeItem.objects.create(
        kind=KnowledgeItem.Kind.NEWS,
        title_en=title,
        summary_en=f"{title}, in short.",
        external_url="https://example.org/authz",
        status=status,
        created_by=editor,
    )
    item.universities.set([university])
    item.authors.set([editor])
    return item


def _staff(university: University, role: str = UniversityMembership.Role.EDITOR) -> User:
    return UniversityMembershipFactory(university=university, role=role).user


def _partner(organisation: Organisation, role: str = OrganisationMembership.Role.MEMBER) -> User:
    return OrganisationMembershipFactory(organisation=organisation, role=role).user


def _programme(university: University, slug: str, status: str, skill: Skill) -> Programme:
    programme = Programme.objects.create(
        university=university,
        title_en=slug.replace("-", " ").capitalize(),
        slug=slug,
        degree=Programme.Degree.MASTER,
        ects=120,
        status=status,
    )
    ProgrammeSkill.objects.create(programme=programme, skill=skill, level=SkillLevel.ADVANCED)
    return programme


def _need(organisation: Organisation, title: str, visibility: str, skill: Skill) -> SkillNeed:
    need = SkillNeed.objects.create(
        organisation=organisation,
        title=title,
        kind=SkillNeed.Kind.HIRING,
        headcount=3,
        country="UZ",
        needed_by=timezone.localdate() + timedelta(days=90),
        visibility=visibility,
    )
    NeedSkill.objects.create(need=need, skill=skill, level=SkillLevel.INTERMEDIATE)
    return need


def _event(university: University, series: EventSeries, title: str, status: str) -> Event:
    start = timezone.now() + timedelta(days=10)
    return Event.objects.create(
        title_en=title,
        kind=Event.Kind.WEBINAR,
        format=Event.Format.ONLINE,
        start=start,
        end=start + timedelta(hours=1),
        time_zone="Asia/Almaty",
        host=university,
        series=series,
        status=status,
        join_url="https://meet.example.org/authz-room",
    )


def build_world() -> World:
    university = UniversityFactory(slug="authz-university")
    other_university = UniversityFactory(slug="authz-other-university", country="UZ")
    organisation = OrganisationFactory(slug="authz-organisation")
    other_organisation = OrganisationFactory(slug="authz-other-organisation")
    editor = _staff(university)
    student = UserFactory()
    applicant = UserFactory()
    Authenticator.objects.create(user=applicant, type="totp", data={"secret": "JBSWY3DPEHPK3PXP"})
    CalendarToken.objects.create(user=student, token=CALENDAR_TOKEN)
    skill = Skill.objects.create(name_en="Grid modelling", slug="authz-grid-modelling")
    series = EventSeries.objects.create(name_en="Authz webinars", slug="authz-webinars")
    need = _need(organisation, "Grid engineers", SkillNeed.Visibility.PUBLIC, skill)
    item = _item(university, editor, "Hydrogen valley news", KnowledgeItem.Status.PUBLISHED)
    KnowledgeItem.objects.filter(pk=item.pk).update(image=ITEM_IMAGE, image_width=1, image_height=1)
    item_file = KnowledgeFile.objects.create(
        item=item, language="ru", file=ITEM_FILE, format="pdf", size=1
    )
    response = NeedResponse.objects.create(
        need=need,
        university=university,
        author=editor,
        message="Our master's graduates model grids.",
        contact_email=editor.email,
    )
    return World(
        student=student,
        editor=editor,
        uni_admin=_staff(university, UniversityMembership.Role.ADMIN),
        other_staff=_staff(other_university),
        partner=_partner(organisation),
        org_admin=_partner(organisation, OrganisationMembership.Role.ADMIN),
        other_partner=_partner(other_organisation),
        coordinator=CoordinatorFactory(),
        applicant=applicant,
        university=university,
        other_university=other_university,
        organisation=organisation,
        other_organisation=other_organisation,
        pending=UniversityMembershipFactory(
            university=university, user=applicant, status=MembershipStatus.PENDING
        ),
        pending_organisation=OrganisationMembershipFactory(
            organisation=organisation, user=applicant, status=MembershipStatus.PENDING
        ),
        pending_other_university=UniversityMembershipFactory(
            university=other_university, user=applicant, status=MembershipStatus.PENDING
        ),
        area=ResearchArea.objects.create(name_en="Authz storage", slug="authz-storage"),
        skill=skill,
        duplicate_skill=Skill.objects.create(name_en="Grid modeling", slug="authz-grid-modeling"),
        programme=_programme(university, "authz-smart-grids", Programme.Status.PUBLISHED, skill),
        draft_programme=_programme(
            university, "authz-storage-draft", Programme.Status.DRAFT, skill
        ),
        need=need,
        members_need=_need(organisation, "Relay testers", SkillNeed.Visibility.MEMBERS, skill),
        response=response,
        series=series,
        event=_event(university, series, "Green hydrogen", Event.Status.PUBLISHED),
        draft_event=_event(university, series, "Storage draft", Event.Status.DRAFT),
        rotation_member=RotationMember.objects.create(university=university, position=1),
        item=item,
        item_file=item_file,
        draft_item=_item(university, editor, "Grid guidance draft", KnowledgeItem.Status.DRAFT),
        submitted_item=_item(university, editor, "Storage report", KnowledgeItem.Status.SUBMITTED),
    )
