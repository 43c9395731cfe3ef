"""The forms of the review: seats on the committee, who reviews what, the review
itself and the balance of the load."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .models import SCORE_MAX, SCORE_MIN, Call, CommitteeMember, Criterion, Review, Track

NO_ACCOUNT = _("No account uses this e-mail address: ask them to sign up first.")


class SeatForm(forms.Form):
    email = forms.EmailField(label=_("e-mail address of their account"))
    role = forms.ChoiceField(
        label=_("role"), choices=CommitteeMember.Role.choices, initial=CommitteeMember.Role.REVIEWER
    )
    tracks = forms.ModelMultipleChoiceField(
        label=_("tracks they review"),
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every track."),
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tracks"].queryset = call.tracks.all()  # type: ignore[attr-defined]

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].strip()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(NO_ACCOUNT, code="no_account")
        return user


class AssignForm(forms.Form):
    """One reviewer for one contribution, among those eligible (checked again by the
    service)."""

    reviewer = forms.ModelChoiceField(label=_("reviewer"), queryset=User.objects.none())

    def __init__(self, *args: Any, reviewers: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=reviewers
        )


class BalanceForm(forms.Form):
    per_contribution = forms.IntegerField(
        label=_("reviewers per contribution"), min_value=1, max_value=10, initial=2
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("accepted", _("Accept")),
            ("waitlisted", _("Put on the waiting list")),
            ("rejected", _("Reject")),
        ]
    )


def score_field_name(criterion: Criterion) -> str:
    return f"criterion_{criterion.pk}"


class ReviewForm(forms.Form):
    """A score from 1 to 5 for every criterion of the call, and a comment."""

    comment = forms.CharField(
        label=_("comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "For the committee; shared with the authors, without your name, when the call says so."
        ),
    )

    def __init__(
        self, *args: Any, criteria: Sequence[Criterion], review: Review, **kwargs: Any
    ) -> None:
        given = {score.criterion_id: score.value for score in review.scores.all()}
        initial = {score_field_name(c): given.get(c.pk) for c in criteria}
        kwargs["initial"] = {**initial, "comment": review.comment}
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        out_of_scale = _("Give a score from %(min)s to %(max)s.") % {
            "min": SCORE_MIN,
            "max": SCORE_MAX,
        }
        fields = {
            score_field_name(c): forms.IntegerField(
                label=str(c),
                min_value=SCORE_MIN,
                max_value=SCORE_MAX,
                error_messages={
                    "required": out_of_scale,
                    "invalid": out_of_scale,
                    "min_value": out_of_scale,
                    "max_value": out_of_scale,
                },
            )
            for c in self.criteria
        }
        self.fields = {**fields, "comment": self.fields["comment"]}

    def scores(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(score_field_name(c)) for c in self.criteria}
