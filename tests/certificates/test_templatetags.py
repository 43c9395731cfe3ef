import pytest
from django.template import Context, Template

from certificates import services
from certificates.models import Certificate

pytestmark = pytest.mark.django_db

SNIPPET = (
    "{% load certificates %}{% valid_certificates registrations as certificates %}"
    "{% for registration in registrations %}"
    "{% with certificate=certificates|certificate_of:registration %}"
    "[{{ certificate.code|default:'-' }}]{% endwith %}{% endfor %}"
)


def test_valid_certificates_by_registration_in_one_query(
    attended, register, coordinator, django_assert_num_queries
):
    other = register(attended.event)  # never came: no certificate
    services.certificates_issue(event=attended.event, actor=coordinator)
    code = Certificate.objects.get().code

    with django_assert_num_queries(1):
        text = Template(SNIPPET).render(Context({"registrations": [attended, other]}))

    assert text == f"[{code}][-]"
