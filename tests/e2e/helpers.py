import re

from django.core import mail

PASSWORD = "a-long-e2e-password-2026"


def sign_up(j, email, language_prefix=""):
    """Sign up through the site and follow the verification link from the outbox."""
    page = j.goto(f"{language_prefix}/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    (message,) = [m for m in mail.outbox if email in m.to]
    path = re.search(r"/(?:ru/)?accounts/confirm-email/[^\s]+/", message.body).group(0)
    page.goto(j.base_url + path)
    j.check("confirm-email")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def sign_in(j, email, password=PASSWORD):
    page = j.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def approve_membership(j, email):
    """A coordinator approves the pending request of ``email``."""
    page = j.goto("/accounts/memberships/pending/")
    row = page.locator("tr", has_text=email)
    row.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    j.check("approved")
    return page
