"""Every list of the library runs a fixed number of queries, whatever its length. The
first page a test renders also asks once whether demo data is loaded (the base
template's banner)."""

import pytest
from django.urls import reverse

from knowledge.models import KnowledgeItem

pytestmark = pytest.mark.django_db

SIZES = [1, 5]


@pytest.fixture
def many(make_item, area, university, organisation, pdf_bytes):
    def make(count, **values):
        return [
            make_item(
                f"Item {i}",
                pdf=True,
                themes=[area],
                universities=[university],
                organisations=[organisation],
                **values,
            )
            for i in range(count)
        ]

    return make


@pytest.mark.parametrize("count", SIZES)
def test_library_runs_a_fixed_number_of_queries(client, many, django_assert_num_queries, count):
    many(count)
    # 1. the paginator's count; 2. whether demo data is loaded; 3. the page of items
    # 4.–7. their universities, organisations, themes and files (prefetches)
    # 8. the materials of past events (first page); 9.–11. the filter's choices:
    # themes, universities, organisations
    with django_assert_num_queries(11):
        response = client.get(reverse("knowledge:library"))
    assert len(response.context["items"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_news_runs_a_fixed_number_of_queries(client, many, django_assert_num_queries, count):
    many(count, kind=KnowledgeItem.Kind.NEWS)
    # 1. the paginator's count; 2. whether demo data is loaded; 3. the page of items
    # 4.–7. their universities, organisations, themes and files (prefetches)
    # 8. the filter's themes
    with django_assert_num_queries(8):
        response = client.get(reverse("knowledge:news"))
    assert len(response.context["items"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_own_items_run_a_fixed_number_of_queries(
    client, many, staff_editor, django_assert_num_queries, count
):
    many(count, status=KnowledgeItem.Status.DRAFT)
    client.force_login(staff_editor)
    # 1. the user with whether they are a coordinator and their memberships (one round
    # trip; the menu's inbox link uses them too)
    # 2. whether the user is staff of a university (the rule; enough here)
    # 3. the paginator's count; 4. whether demo data is loaded
    # 5. the page of items; 6.–9. their universities, organisations, themes and
    # files (prefetches)
    with django_assert_num_queries(9):
        response = client.get(reverse("knowledge:mine"))
    assert len(response.context["items"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_review_queue_runs_a_fixed_number_of_queries(
    client, many, coordinator, django_assert_num_queries, count
):
    many(count, status=KnowledgeItem.Status.SUBMITTED)
    client.force_login(coordinator)
    # 1. the user with whether they are a coordinator and their memberships (one round
    # trip)
    # 2. the paginator's count; 3. whether demo data is loaded
    # 4. the page of items with their creators
    # 5.–8. their universities, organisations, themes and files (prefetches)
    with django_assert_num_queries(8):
        response = client.get(reverse("knowledge:review"))
    assert len(response.context["items"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_item_page_runs_a_fixed_number_of_queries(client, many, django_assert_num_queries, count):
    item, *_others = many(count + 1)
    # 1. the item; 2.–6. its authors, universities, organisations, themes and skills
    # (prefetches); 7. related items; 8. open needs asking for its skills;
    # 9. programmes teaching them; 10.–11. the coming events on its themes or skills,
    # then the past ones with materials; 12. whether demo data is loaded
    # 13. its countries; 14. its files
    with django_assert_num_queries(14):
        response = client.get(item.get_absolute_url())
    assert len(response.context["related"]) == min(count, 4)
