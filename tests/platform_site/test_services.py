import pytest

from platform_site.models import DemoDataset
from platform_site.services import demo_dataset_mark_loaded

pytestmark = pytest.mark.django_db


def test_marking_demo_data_loaded_drops_the_cached_answer():
    assert DemoDataset.is_loaded() is False  # now cached for five minutes

    demo_dataset_mark_loaded()

    assert DemoDataset.is_loaded() is True


def test_marking_demo_data_loaded_twice_keeps_one_row():
    demo_dataset_mark_loaded()
    demo_dataset_mark_loaded()

    assert DemoDataset.objects.count() == 1
