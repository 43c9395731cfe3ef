import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.models import AuditEntry


class AuditFilter(django_filters.FilterSet):
    who = django_filters.CharFilter(
        field_name="actor_label", lookup_expr="icontains", label=_("Who (e-mail)")
    )
    action = django_filters.ChoiceFilter(choices=AuditEntry.Action.choices, label=_("Action"))
    target = django_filters.CharFilter(method="filter_target", label=_("Object"))
    since = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__lte",
        label=_("Until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def filter_target(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(
            Q(object_repr__icontains=value) | Q(object_type__iexact=value) | Q(object_id=value)
        )
