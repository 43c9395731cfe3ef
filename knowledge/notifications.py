"""The e-mails of the editorial workflow: each step tells the item's authors, in their
language, through the outbox (one template set per step)."""

from datetime import datetime
from typing import Any

from core import outbox
from core.emails import absolute_url

from .models import KnowledgeItem

SUBMITTED = "knowledge/email/submitted"
PUBLISHED = "knowledge/email/published"
RETURNED = "knowledge/email/returned"
ARCHIVED = "knowledge/email/archived"
RESTORED = "knowledge/email/restored"
FEATURED = "knowledge/email/featured"

# The status an e-mail is about: once the item has moved on, it is no longer sent.
STILL = {
    SUBMITTED: KnowledgeItem.Status.SUBMITTED,
    PUBLISHED: KnowledgeItem.Status.PUBLISHED,
    RETURNED: KnowledgeItem.Status.RETURNED,
    ARCHIVED: KnowledgeItem.Status.ARCHIVED,
    FEATURED: KnowledgeItem.Status.PUBLISHED,
}


def step_enqueue(item: KnowledgeItem, template: str, *, moment: datetime | None = None) -> int:
    """E-mail the item's authors about the step it just took (once per step: the key
    holds the moment of the change, by default its status's). Returns how many
    e-mails are new."""
    stamp = (moment or item.status_changed_at).strftime("%Y%m%d%H%M%S%f")
    step = template.rsplit("/", 1)[-1]
    return outbox.enqueue(
        template=template,
        recipients=item.recipients(),
        context={"item": item, "reason": item.return_reason},
        key=lambda user: f"knowledge:{step}:{item.pk}:{stamp}:{user.pk}",
        topic=f"knowledge:{item.pk}",
    )


def _prepare(template: str) -> outbox.Preparer:
    def prepare(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
        item: KnowledgeItem = context["item"]
        expected = STILL.get(template)
        if expected is not None and item.status != expected:
            return None  # it has moved on since: this step's news is stale
        if template == FEATURED and not item.featured:
            return None
        return outbox.Prepared(context={"url": lambda _u: absolute_url(item.get_absolute_url())})

    return prepare


for _template in (SUBMITTED, PUBLISHED, RETURNED, ARCHIVED, RESTORED, FEATURED):
    outbox.preparer(_template)(_prepare(_template))
