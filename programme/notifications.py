"""The e-mails of the programme: decisions told to the authors, in their language,
through the outbox."""

from typing import Any

from core import outbox
from core.emails import absolute_url

from .models import Contribution

DECISION = "programme/email/decision"


def decision_recipients(contribution: Contribution) -> list[Any]:
    """The submitter and the co-authors with an account, each once."""
    people = {contribution.submitter_id: contribution.submitter}
    for user in contribution.coauthor_accounts.all():
        people.setdefault(user.pk, user)
    return list(people.values())


def decision_enqueue(contribution: Contribution) -> int:
    """E-mail the authors the decision ``contribution`` now stands at, once per
    decision (the key holds the moment it was taken), with the reviewers' comments
    (never their names) when the call shares them. Unsent e-mails of an earlier
    decision are withdrawn first. Returns how many e-mails are new."""
    topic = f"programme:decision:{contribution.pk}"
    outbox.withdraw(topic=topic)
    call = contribution.call
    comments = []
    if call.share_reviews:
        comments = [
            comment
            for comment in contribution.reviews.order_by("created_at", "pk").values_list(
                "comment", flat=True
            )
            if comment.strip()
        ]
    stamp = contribution.decided_at.strftime("%Y%m%d%H%M%S%f") if contribution.decided_at else ""
    return outbox.enqueue(
        template=DECISION,
        recipients=decision_recipients(contribution),
        context={
            "contribution": contribution,
            "event": call.event,
            "decision": contribution.state,
            "comments": comments,
        },
        key=lambda user: f"{topic}:{contribution.state}:{stamp}:{user.pk}",
        topic=topic,
    )


@outbox.preparer(DECISION)
def prepare_decision(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
    contribution: Contribution = context["contribution"]
    if contribution.state != context["decision"]:
        return None  # decided again since: that decision's e-mail is the one to send
    event = context["event"]
    return outbox.Prepared(context={"url": lambda _u: absolute_url(event.get_absolute_url())})
