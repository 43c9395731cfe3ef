"""What industry holds about a person, for their own data download. What they wrote
for a university or an organisation stays when they close their account."""

from typing import Any

from accounts import privacy
from accounts.models import User

from .models import NeedResponse, ResponseMessage, SkillNeed


def written_by(user: User) -> list[dict[str, Any]]:
    needs = [
        {"kind": "need", "title": need.title, "at": need.created_at.isoformat()}
        for need in SkillNeed.objects.filter(created_by=user)
    ]
    responses = [
        {
            "kind": "response",
            "need": response.need.title,
            "university": str(response.university),
            "message": response.message,
            "at": response.created_at.isoformat(),
        }
        for response in NeedResponse.objects.filter(author=user).select_related(
            "need", "university"
        )
    ]
    messages = [
        {"kind": "message", "need": message.response.need.title, "body": message.body,
         "at": message.created_at.isoformat()}
        for message in ResponseMessage.objects.filter(author=user).select_related("response__need")
    ]  # fmt: skip
    return needs + responses + messages


def register_privacy() -> None:
    privacy.register_exporter("industry", written_by)
