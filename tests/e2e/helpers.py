import re
import time

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
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
    path = re.search(r"/(?:[a-z]{2}/)?accounts/confirm-email/[^\s]+/", message.body).group(0)
    page.goto(j.base_url + path)
    j.check("confirm-email")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def totp_code(secret):
    """The code an authenticator app shows now for ``secret``."""
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def next_totp_code(secret, refused):
    """The code after ``refused``, as a person reads it off the app once the next 30
    seconds begin: a code is refused when it was typed as its period ended, or when it
    was used already (allauth accepts each code once, so signing in again in the period
    the authenticator was set up in needs the next one)."""
    deadline = time.monotonic() + 35
    while (code := totp_code(secret)) == refused and time.monotonic() < deadline:
        time.sleep(0.5)
    return code


def _enter_code(page, secret, still_at):
    """Type the authenticator's code and submit; once more with the next code when the
    page still asks for one (its address still holds ``still_at``)."""
    code = totp_code(secret)
    for _attempt in range(2):
        page.locator("input[name=code]").fill(code)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        if still_at not in page.url:
            break
        code = next_totp_code(secret, code)


def sign_in(j, email, password=PASSWORD, language_prefix=""):
    """Sign in; a powerful role without a second factor sets one up on the way (the
    secret is kept on the journey), and one with a factor enters its code."""
    page = j.goto(f"{language_prefix}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/2fa/authenticate/" in page.url:
        j.check("second-factor")
        _enter_code(page, j.secrets[email], "/2fa/authenticate/")
    if "/reauthenticate/" in page.url or "/2fa/totp/activate/" in page.url:
        enroll_totp(j, email, password)
    return page


def enroll_totp(j, email, password=PASSWORD):
    """Set up an authenticator app when the site asks for one: confirm the password,
    read the secret off the page, answer with a code generated from it."""
    page = j.page
    if "/reauthenticate/" in page.url:
        j.check("confirm-password")
        page.locator("input[name=password]").fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    j.check("activate-authenticator")
    secret = page.locator("#authenticator_secret").input_value()
    _enter_code(page, secret, "/2fa/totp/activate/")
    j.check("authenticator-active")
    j.secrets[email] = secret
    return page


def approve_membership(j, email):
    """A coordinator approves the pending request of ``email``."""
    page = j.goto("/accounts/memberships/pending/")
    row = page.locator("tr", has_text=email)
    row.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    j.check("approved")
    return page


def register(j, page):
    """Register from an event's page: its link opens the registration page, where a
    first-time participant answers the profile's questions (the first choices)."""
    page.locator("main a[href$='/register/']").first.click()
    page.wait_for_load_state()
    j.check("registration-page")
    for name in ("country", "sector", "participant_role", "gender"):
        field = page.locator(f"#id_{name}")
        if field.count() and not field.input_value():
            field.select_option(index=1)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    return page
