"""The signed links of the newsletter's e-mails."""

from django.core import signing
from django.urls import reverse

from core.emails import absolute_url

from .models import CONFIRMATION_VALID, Subscriber

SALT = "newsletter.confirm"


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=SALT)


def confirmation_url(subscriber: Subscriber) -> str:
    return absolute_url(
        reverse("newsletter:confirm", kwargs={"token": confirmation_token(subscriber)})
    )


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": subscriber.token}))


def subscriber_of(token: str) -> Subscriber:
    """The subscriber a confirmation link names. Raises ``LinkExpired`` after 48 hours
    and ``LinkInvalid`` for a link changed by hand or of an address no longer listed."""
    try:
        data = signing.loads(token, salt=SALT, max_age=CONFIRMATION_VALID)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise LinkInvalid
    subscriber = Subscriber.objects.filter(pk=data["s"], email=data.get("e", "")).first()
    if subscriber is None:
        raise LinkInvalid
    return subscriber
