"""The library's items on other pages: those featured on the home page, and what a
university or an organisation published on its profile; nothing, not even a heading,
when there is nothing to show."""

import datetime

import pytest
from django.urls import reverse

from knowledge.models import KnowledgeItem

pytestmark = pytest.mark.django_db

Status = KnowledgeItem.Status
FEATURED_HEADING = '<h2 class="h4" id="featured-heading">Featured</h2>'
PUBLISHED_HEADING = '<h2 class="h4" id="published-heading">Published on the platform</h2>'


def _listed(response):
    """The titles of the items the page's library section lists."""
    html = response.content.decode()
    return [
        item.title_en
        for item in KnowledgeItem.objects.order_by("pk")
        if f'<a href="{item.get_absolute_url()}">{item.title_en}</a>' in html
    ]


def _day(day):
    return datetime.date(2025, 1, day)


def test_home_shows_featured_items_newest_first(client, make_item):
    make_item("Older featured", featured=True, published_on=_day(1))
    make_item("Newer featured", featured=True, published_on=_day(2))
    make_item("Not featured", published_on=_day(3))

    response = client.get(reverse("home"))

    html = response.content.decode()
    assert FEATURED_HEADING in html
    assert html.index("Newer featured") < html.index("Older featured")
    assert _listed(response) == ["Older featured", "Newer featured"]


def test_home_shows_at_most_three_featured_items(client, make_item):
    for day in range(1, 5):
        make_item(f"Featured {day}", featured=True, published_on=_day(day))

    response = client.get(reverse("home"))

    assert _listed(response) == ["Featured 2", "Featured 3", "Featured 4"]


def test_home_shows_no_featured_section_without_featured_items(client, make_item):
    make_item("Not featured")
    # Featured once, then archived: no longer on the home page.
    make_item("Archived", featured=True, status=Status.ARCHIVED)

    html = client.get(reverse("home")).content.decode()

    assert 'id="featured-heading"' not in html
    assert "Archived" not in html


def test_home_shows_a_newly_featured_item_to_visitors_at_once(client, make_item):
    item = make_item("Soon featured")
    assert 'id="featured-heading"' not in client.get(reverse("home")).content.decode()

    item.featured = True
    item.save()

    assert FEATURED_HEADING in client.get(reverse("home")).content.decode()


def test_university_profile_lists_what_it_published(client, make_item, university):
    make_item("Our guidance", kind=KnowledgeItem.Kind.GUIDANCE, universities=[university],
              published_on=_day(2))  # fmt: skip
    make_item("Our report", universities=[university], published_on=_day(1))
    make_item("Our draft", universities=[university], status=Status.DRAFT)
    make_item("Our submission", universities=[university], status=Status.SUBMITTED)
    make_item("Someone else's")

    response = client.get(university.get_absolute_url())

    html = response.content.decode()
    assert PUBLISHED_HEADING in html
    assert _listed(response) == ["Our guidance", "Our report"]
    assert html.index("Our guidance") < html.index("Our report")
    assert "Our draft" not in html
    assert "Our submission" not in html


def test_university_profile_without_published_items_has_no_section(client, make_item, university):
    make_item("Our draft", universities=[university], status=Status.DRAFT)

    html = client.get(university.get_absolute_url()).content.decode()

    assert 'id="published-heading"' not in html


def test_university_profile_links_the_rest_of_its_items_in_the_library(
    client, make_item, university
):
    for day in range(1, 8):
        make_item(f"Report {day}", universities=[university], published_on=_day(day))

    response = client.get(university.get_absolute_url())

    html = response.content.decode()
    assert _listed(response) == [f"Report {day}" for day in range(2, 8)]
    assert f'href="/library/?university={university.slug}"' in html


def test_university_profile_has_no_library_link_when_everything_is_shown(
    client, make_item, university
):
    make_item("Report", universities=[university])

    html = client.get(university.get_absolute_url()).content.decode()

    assert "/library/?university=" not in html


def test_organisation_profile_lists_what_it_published(client, make_item, organisation):
    make_item("Company case study", kind=KnowledgeItem.Kind.CASE_STUDY,
              organisations=[organisation], published_on=_day(2))  # fmt: skip
    make_item("Company draft", organisations=[organisation], status=Status.DRAFT)
    make_item("Returned one", organisations=[organisation], status=Status.RETURNED)
    make_item("Someone else's")

    response = client.get(organisation.get_absolute_url())

    html = response.content.decode()
    assert PUBLISHED_HEADING in html
    assert _listed(response) == ["Company case study"]
    assert "Company draft" not in html
    assert "Returned one" not in html


def test_organisation_profile_without_published_items_has_no_section(client, organisation):
    html = client.get(organisation.get_absolute_url()).content.decode()

    assert 'id="published-heading"' not in html


def test_organisation_profile_links_the_rest_of_its_items_in_the_library(
    client, make_item, organisation
):
    for day in range(1, 8):
        make_item(f"Note {day}", organisations=[organisation], published_on=_day(day))

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert f'href="/library/?organisation={organisation.slug}"' in html


def test_profile_lists_titles_in_russian_under_the_russian_prefix(client, make_item, university):
    make_item("Hydrogen roadmap", title_ru="Дорожная карта водорода", universities=[university])

    html = client.get(f"/ru/universities/{university.slug}/").content.decode()

    assert 'id="published-heading"' in html
    assert '<a href="/ru/library/' in html
    assert "Дорожная карта водорода</a>" in html


@pytest.mark.parametrize("count", [1, 5])
def test_university_profile_runs_a_fixed_number_of_queries(
    client, make_item, university, django_assert_num_queries, count
):
    for day in range(1, count + 1):
        make_item(f"Report {day}", universities=[university], published_on=_day(day))
    # 1 the university, 2 its languages, 3 its strengths with areas, 4 its activities
    # with areas, 5 its published programmes, 6 what it published in the library,
    # 7 whether demo data is loaded.
    with django_assert_num_queries(7):
        response = client.get(university.get_absolute_url())
    assert len(_listed(response)) == count


@pytest.mark.parametrize("count", [1, 5])
def test_organisation_profile_runs_a_fixed_number_of_queries(
    client, make_item, organisation, django_assert_num_queries, count
):
    for day in range(1, count + 1):
        make_item(f"Report {day}", organisations=[organisation], published_on=_day(day))
    # 1 the organisation, 2 whether demo data is loaded, 3 its open needs,
    # 4 what it published in the library.
    with django_assert_num_queries(4):
        response = client.get(organisation.get_absolute_url())
    assert len(_listed(response)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_home_runs_a_fixed_number_of_queries(client, make_item, django_assert_num_queries, count):
    for day in range(1, count + 1):
        make_item(f"Featured {day}", featured=True, published_on=_day(day))
    # 1.–4. the counts of universities, skills, organisations and programmes
    # 5. whether demo data is loaded; 6. the featured items
    # 7. the next events with their hosts; 8. the newest needs with their organisations
    with django_assert_num_queries(8):
        response = client.get(reverse("home"))
    assert len(_listed(response)) == count
