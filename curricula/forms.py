from typing import Any

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.bilingual import columns
from core.forms import LinesField, lines
from core.translated_forms import TranslatedFieldsMixin, textareas
from universities.models import University

from .models import Programme, ProgrammeSkill, Skill, SkillMerge
from .similar import similar_skills


def find_skill(text: str) -> Skill | None:
    """The skill named ``text`` (slug, English or Russian name, or those of a skill
    merged into it), or None."""
    text = text.strip()
    if not text:
        return None
    named = Q(slug=text.lower())
    for column in columns("name"):
        named |= Q(**{f"{column}__iexact": text})
    skill = Skill.objects.active().filter(named).order_by("is_group", "pk").first()
    if skill is not None:
        return skill
    # A merged skill's name or address still finds the skill it was merged into.
    merged = Q(slug=text.lower()) | Q(name_en__iexact=text) | Q(name_ru__iexact=text)
    merge = SkillMerge.objects.filter(merged).select_related("survivor").order_by("-merged_at")
    found = merge.first()
    return found.survivor if found else None


class SkillNamesField(LinesField):
    """Skills of the taxonomy typed by their names (or codes), one per line."""

    def label_of(self, row: Any) -> str:
        return str(row.name)

    def clean(self, value: Any) -> list[Skill]:
        found = []
        for name in lines(super().clean(value)):
            skill = find_skill(name[:200])
            if skill is None:
                raise forms.ValidationError(
                    _("No skill called “%(name)s” in the taxonomy."), params={"name": name}
                )
            found.append(skill)
        return list(dict.fromkeys(found))


class SkillField(forms.CharField):
    """A skill typed by its name in any language, or its slug. With JavaScript,
    static/js/skill-suggest.js suggests names from ``curricula:skill_suggest`` as
    the user types; without it the typed name is looked up all the same."""

    widget = forms.TextInput(
        attrs={"autocomplete": "off", "data-skill-suggest": reverse_lazy("curricula:skill_suggest")}
    )

    def prepare_value(self, value):
        if isinstance(value, int):
            skill = Skill.objects.filter(pk=value).first()
            return skill.name if skill else ""
        if isinstance(value, Skill):
            return value.name
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        skill = find_skill(text)
        if skill is None:
            raise forms.ValidationError(
                _("No skill called “%(name)s” in the taxonomy."), params={"name": text}
            )
        return skill


class ProgrammeForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {
        "title": True,
        "description": False,
        "learning_outcomes": False,
        "entry_requirements": False,
    }

    class Meta:
        model = Programme
        fields = [
            *columns("title"),
            *columns("description"),
            *columns("learning_outcomes"),
            "degree",
            "field",
            "ects",
            "duration_months",
            "languages",
            "delivery",
            "intake",
            "tuition_free",
            "tuition_per_year",
            "currency",
            "tuition_international",
            "partners",
            "official_url",
            "application_url",
            "entry_degree",
            "language_test",
            "language_level",
            *columns("entry_requirements"),
            "last_reviewed",
            "status",
        ]
        widgets = {
            "languages": forms.CheckboxSelectMultiple,
            "last_reviewed": forms.DateInput(attrs={"type": "date"}),
            **textareas("description", "learning_outcomes", "entry_requirements"),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
            "official_url": forms.URLInput(attrs={"placeholder": "https://"}),
            "application_url": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        labels = {
            "official_url": _("Official page of the programme"),
            "application_url": _("Where to apply"),
            "tuition_per_year": _("Tuition per year, local students"),
            "tuition_international": _("Tuition per year, international students"),
        }
        help_texts = {
            "official_url": _("The programme's page on the university's own site."),
            "application_url": _("The page where students apply online, or read how to."),
            "entry_degree": _("The degree an applicant must already hold."),
            "tuition_per_year": _("Leave both fees empty for a tuition-free programme."),
            "tuition_international": _("Leave empty if it is the same as for local students."),
            "currency": _("The currency of both fees."),
        }

    # The groups of the form after its general part: (legend, fields or translated texts).
    SECTIONS = (
        (_("How to apply"), ("official_url", "application_url")),
        (
            _("Entry requirements"),
            ("entry_degree", "language_test", "language_level", "entry_requirements"),
        ),
        (_("Fees"), ("tuition_free", "tuition_per_year", "tuition_international", "currency")),
    )

    def __init__(self, *args, university, **kwargs):
        super().__init__(*args, **kwargs)
        self.university = university
        self.instance.university = university
        # Archived universities are not offered, but a partner archived since stays.
        partners = Q(archived_at__isnull=True)
        if self.instance.pk:
            partners |= Q(pk__in=self.instance.partners.values("pk"))
        self.fields["partners"].queryset = University.objects.filter(partners).exclude(
            pk=university.pk
        )
        # Archiving is an action of its own (with a confirmation), not a status to pick.
        self.fields["status"].choices = [
            (value, label)
            for value, label in self.fields["status"].choices
            if value != Programme.Status.ARCHIVED
        ]
        self.fields["field"].queryset = self.fields["field"].queryset.filter(level="detailed")

    def sections(self) -> list[tuple[Any, list[tuple[str, Any]]]]:
        """The form's visible fields in groups: first the general part (legend ""), then
        each of ``SECTIONS``; each item is ``("field", bound field)`` or ``("languages",
        language groups)`` as in ``layout()``, a translated text standing in its group."""
        grouped = {name for _legend, names in self.SECTIONS for name in names}
        general = [
            item for item in self.layout() if item[0] == "languages" or item[1].name not in grouped
        ]
        general = [
            ("languages", self._language_groups(set(self.translated_fields) - grouped))
            if kind == "languages"
            else (kind, item)
            for kind, item in general
        ]
        sections: list[tuple[Any, list[tuple[str, Any]]]] = [("", general)]
        for legend, names in self.SECTIONS:
            items: list[tuple[str, Any]] = []
            for name in names:
                if name in self.translated_fields:
                    items.append(("languages", self._language_groups({name})))
                elif name in self.fields:
                    items.append(("field", self[name]))
            sections.append((legend, items))
        return sections

    def _language_groups(self, names: set[str]) -> list[Any]:
        """``language_groups()`` holding only the translated texts ``names``."""
        groups = self.language_groups()
        for group in groups:
            group.fields = [
                bound
                for bound in group.fields
                if any(bound.name in columns(name) for name in names)
            ]
        return groups


class ProgrammeSkillForm(forms.ModelForm):
    skill = SkillField(label=_("Skill"))

    class Meta:
        model = ProgrammeSkill
        fields = ["skill", "level"]


ProgrammeSkillFormSet = inlineformset_factory(
    Programme,
    ProgrammeSkill,
    form=ProgrammeSkillForm,
    extra=3,
    can_delete=True,
    max_num=60,
    validate_max=True,
)


class SkillForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"name": True, "description": False}
    broader = SkillField(label=_("Broader skill"), required=False)
    not_a_duplicate = forms.BooleanField(
        label=_("None of the similar skills shown is this one: add it anyway"), required=False
    )

    class Meta:
        model = Skill
        fields = [
            *columns("name"), *columns("description"), "theme", "kind", "broader", "field",
            "source",
        ]  # fmt: skip
        widgets = textareas("description", rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.similar: list[Skill] = []
        if self.instance.pk:
            del self.fields["not_a_duplicate"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and not cleaned.get("not_a_duplicate"):
            names = [cleaned.get(column) or "" for column in columns("name")]
            self.similar = similar_skills(names)
            if self.similar:
                self.add_error(
                    None,
                    _(
                        "Similar skills exist already: %(names)s. Use one of them, or tick "
                        "the box below to add this one anyway."
                    )
                    % {"names": "; ".join(skill.name for skill in self.similar)},
                )
        return cleaned

    def clean_broader(self):
        broader = self.cleaned_data["broader"]
        if broader is not None and broader.pk == self.instance.pk:
            raise forms.ValidationError(_("A skill cannot be broader than itself."))
        return broader


class SkillMergeForm(forms.Form):
    into = SkillField(label=_("Merge into"))

    def __init__(self, *args, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate = duplicate

    def clean_into(self):
        into = self.cleaned_data["into"]
        if into.pk == self.duplicate.pk:
            raise forms.ValidationError(_("Choose another skill than the one being merged."))
        return into
