from datetime import date
from decimal import Decimal

import django_filters
from dateutil.relativedelta import relativedelta
from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from universities.countries import Country
from universities.filters import UniversityNameFilter
from universities.models import Language, University

from .forms import find_skill
from .models import Accreditation, Field, Intake, Programme, Scholarship

# The largest fee the tuition range accepts (the column holds 12 digits).
MAX_FEE = Decimal(10**10)


class SkillNameFilter(django_filters.CharFilter):
    """A skill typed by its name (English or Russian) or its code (slug).

    A text box instead of a list of every skill keeps filter pages small on slow
    connections; an unknown skill matches nothing.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Skill"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": _("Skill name or code")}))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or not value.strip():
            return qs
        skill = find_skill(value[:200])
        if skill is None:
            return qs.none()
        return qs.filter(**{self.field_name: skill}).distinct()


class ProgrammeFilterForm(forms.Form):
    """Checks what only the fields together say: a fee range needs its currency,
    and its lowest fee must not be above its highest."""

    def clean(self):
        data = super().clean()
        low, high = data.get("tuition_min"), data.get("tuition_max")
        if (low is not None or high is not None) and not data.get("currency"):
            self.add_error("currency", _("Choose the currency of the tuition range."))
        if low is not None and high is not None and low > high:
            self.add_error("tuition_max", _("The highest fee must not be below the lowest."))
        return data


def deadline_window(months: int, today: date | None = None) -> tuple[date, date]:
    """From today to the same day ``months`` months on (the last day of a shorter month)."""
    start = today or timezone.localdate()
    return start, start + relativedelta(months=months)


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Title, description or skill")}),
    )
    country = django_filters.ChoiceFilter(
        field_name="university__country", choices=Country.choices, label=_("Country")
    )
    university = UniversityNameFilter(field_name="university")
    degree = django_filters.ChoiceFilter(choices=Programme.Degree.choices, label=_("Degree level"))
    field = django_filters.ModelChoiceFilter(
        queryset=Field.objects.filter(level="detailed"),
        to_field_name="code",
        label=_("Field of education"),
    )
    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(),
        field_name="languages",
        to_field_name="code",
        label=_("Language of instruction"),
        distinct=True,
    )
    delivery = django_filters.ChoiceFilter(
        choices=Programme.Delivery.choices, label=_("Delivery mode")
    )
    skill = SkillNameFilter(field_name="skills")
    ects_min = django_filters.NumberFilter(
        field_name="ects", lookup_expr="gte", label=_("ECTS from")
    )
    ects_max = django_filters.NumberFilter(field_name="ects", lookup_expr="lte", label=_("ECTS to"))
    joint = django_filters.BooleanFilter(
        method="filter_joint", label=_("Joint or double degree"), widget=forms.CheckboxInput
    )
    free = django_filters.BooleanFilter(
        method="filter_free", label=_("Tuition-free"), widget=forms.CheckboxInput
    )
    deadline_within = django_filters.ChoiceFilter(
        method="filter_deadline",
        label=_("Application deadline within"),
        empty_label=_("Any time"),
        choices=[
            ("1", _("1 month")),
            ("3", _("3 months")),
            ("6", _("6 months")),
            ("12", _("12 months")),
        ],
    )
    currency = django_filters.ChoiceFilter(
        method="filter_nothing",
        choices=Programme.Currency.choices,
        label=_("Currency of the tuition range"),
    )
    tuition_min = django_filters.NumberFilter(
        method="filter_nothing",
        label=_("Tuition per year from (local students)"),
        min_value=0,
        max_value=MAX_FEE,
    )
    tuition_max = django_filters.NumberFilter(
        method="filter_nothing",
        label=_("Tuition per year up to (local students)"),
        min_value=0,
        max_value=MAX_FEE,
    )
    scholarship = django_filters.BooleanFilter(
        method="filter_scholarship", label=_("Scholarship available"), widget=forms.CheckboxInput
    )
    city = django_filters.CharFilter(
        method="filter_city",
        label=_("City"),
        widget=forms.TextInput(attrs={"placeholder": _("City of the university")}),
    )
    accredited = django_filters.BooleanFilter(
        method="filter_accredited", label=_("Accredited"), widget=forms.CheckboxInput
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        label=_("Sort by"),
        empty_label=_("Relevance"),
        choices=[("title", _("Title")), ("deadline", _("Application deadline"))],
    )

    class Meta:
        model = Programme
        fields: list[str] = []
        form = ProgrammeFilterForm

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_joint(self, queryset, name, value):
        return queryset.filter(partners__isnull=False).distinct() if value else queryset

    def filter_free(self, queryset, name, value):
        return queryset.filter(tuition_free=True) if value else queryset

    def filter_deadline(self, queryset, name, value):
        if not value:
            return queryset
        first, last = deadline_window(int(value))
        open_intakes = Intake.objects.filter(
            programme=OuterRef("pk"), application_deadline__range=(first, last)
        )
        return queryset.filter(Exists(open_intakes))

    def filter_nothing(self, queryset, name, value):
        # The fee range is applied in ``qs``, its three fields together.
        return queryset

    def filter_scholarship(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        open_ones = Scholarship.objects.filter(programmes=OuterRef("pk")).filter(
            Q(deadline__isnull=True) | Q(deadline__gte=today)
        )
        return queryset.filter(Exists(open_ones))

    def filter_city(self, queryset, name, value):
        value = (value or "").strip()[:100]
        if not value:
            return queryset
        return queryset.filter(university__in=University.objects.in_city(value).values("pk"))

    def filter_accredited(self, queryset, name, value):
        if not value:
            return queryset
        current = Accreditation.objects.current().filter(programme=OuterRef("pk"))
        return queryset.filter(Exists(current))

    @staticmethod
    def tuition_range(queryset: QuerySet[Programme], data: dict) -> QuerySet[Programme]:
        """Programmes whose local fee per year is in the range, in its currency; a
        tuition-free programme costs 0 in any currency, an unknown fee matches nothing."""
        low, high = data.get("tuition_min"), data.get("tuition_max")
        if (low is None and high is None) or not data.get("currency"):
            return queryset
        fee = Q(tuition_free=False, currency=data["currency"], tuition_per_year__isnull=False)
        if low is not None:
            fee &= Q(tuition_per_year__gte=low)
        if high is not None:
            fee &= Q(tuition_per_year__lte=high)
        if not low:
            fee |= Q(tuition_free=True)
        return queryset.filter(fee)

    def sort_by(self, queryset, name, value):
        # Applied in ``qs`` so that it also decides the order of a search.
        return queryset

    @property
    def qs(self):
        # Only the filters that join a many-to-many relation make rows repeat, and they
        # add DISTINCT themselves; without it the count and page use plain indexes.
        queryset = super().qs
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        queryset = self.tuition_range(queryset, data)
        sort = data.get("sort")
        if sort == "deadline":
            upcoming = (
                Intake.objects.filter(
                    programme=OuterRef("pk"), application_deadline__gte=timezone.localdate()
                )
                .order_by("application_deadline")
                .values("application_deadline")[:1]
            )
            deadline = F("next_deadline").asc(nulls_last=True)
            return queryset.annotate(next_deadline=Subquery(upcoming)).order_by(
                deadline, "title_en", "pk"
            )
        if sort != "title" and data.get("q") and "rank" in queryset.query.annotations:
            return queryset.order_by("-rank", "title_en", "pk")
        return queryset.order_by("title_en", "pk")
