"""Forms of the question editor: a section, and a question with its choices and table columns
written one per line, its condition and its bounds.

The forms only read what was typed into a definition item (see
:mod:`klimatlaget.surveys.building`); the rules are checked by
:mod:`klimatlaget.surveys.secretariat.editing`. In an open or closed survey the fields that
are structure are disabled, so only the wording can be posted.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimatlaget.calc import surveys as calc
from klimatlaget.concurrency import VersionField
from klimatlaget.surveys.models import KIND_LABELS, Prefill

MEGABYTE = 1024 * 1024


YES = {"yes", "ja", "j", "y", "true", "1"}
NO = {"no", "nej", "n", "false", "0", ""}

#: Fields of the question form that only wording changes leave alone.
QUESTION_STRUCTURE = (
    "section",
    "key",
    "kind",
    "required",
    "minimum",
    "maximum",
    "condition_question",
    "condition_value",
    "max_rows",
    "max_file_mb",
    "file_types",
    "prefill",
)


def key_from(label: str) -> str:
    """A key for a label: lower case a–z, digits and underscores (å, ä → a; ö → o)."""
    plain = label.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return slugify(plain).replace("-", "_")


def parse_choices(text: str) -> list[dict[str, str]]:
    """One option per line, ``key | label`` or only a label (its key made from it)."""
    choices = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 2:
            raise forms.ValidationError(
                _("Line %(n)s: write “key | label” or only the label.") % {"n": number}
            )
        key, label = (parts[0], parts[1]) if len(parts) == 2 else (key_from(parts[0]), parts[0])
        if not key or not label:
            raise forms.ValidationError(
                _("Line %(n)s: both the key and the label are needed.") % {"n": number}
            )
        choices.append({"key": key, "label": label})
    return choices


def choices_text(choices: list[dict[str, Any]]) -> str:
    return "\n".join(f"{choice['key']} | {choice['label']}" for choice in choices)


def _yes_no(value: str, number: int) -> bool:
    if value.lower() in YES:
        return True
    if value.lower() in NO:
        return False
    raise forms.ValidationError(
        _("Line %(n)s: required must be yes or no, not “%(value)s”.")
        % {"n": number, "value": value}
    )


def parse_columns(text: str, existing: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """One column per line: ``key | label | kind | required (yes/no) | unit``. Rules a line
    cannot say (a choice column's options, bounds) are kept from the column of the same key."""
    kept = {column["key"]: column for column in existing or []}
    columns = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")] + ["", "", ""]
        key, label, kind, required, unit = parts[:5]
        if len([p for p in line.split("|")]) > 5:
            raise forms.ValidationError(
                _("Line %(n)s: write “key | label | kind | required | unit”.") % {"n": number}
            )
        if not label:
            raise forms.ValidationError(_("Line %(n)s: the column needs a label.") % {"n": number})
        kind = kind or "text"
        if kind not in calc.COLUMN_KINDS:
            raise forms.ValidationError(
                _("Line %(n)s: a column's kind is one of %(kinds)s, not “%(kind)s”.")
                % {"n": number, "kinds": ", ".join(sorted(calc.COLUMN_KINDS)), "kind": kind}
            )
        column = {
            **kept.get(key or key_from(label), {}),
            "key": key or key_from(label),
            "label": label,
            "kind": kind,
            "required": _yes_no(required, number),
            "unit": unit,
        }
        columns.append(column)
    return columns


def columns_text(columns: list[dict[str, Any]]) -> str:
    lines = []
    for column in columns:
        required = "yes" if column.get("required") else "no"
        cells = [column["key"], column["label"], column["kind"], required, column.get("unit", "")]
        lines.append(" | ".join(cells).rstrip(" |"))
    return "\n".join(lines)


class SectionForm(forms.Form):
    key = forms.SlugField(
        label=gettext_lazy("Key"),
        max_length=60,
        help_text=gettext_lazy(
            "Letters a–z, digits and underscores; kept when the survey is copied."
        ),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    title_en = forms.CharField(
        label=gettext_lazy("Title in English"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Shown on English pages; empty: the Swedish title."),
    )
    description_en = forms.CharField(
        label=gettext_lazy("Description in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = VersionField()

    def __init__(self, *args: Any, draft: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not draft:
            self.fields["key"].disabled = True


class QuestionForm(forms.Form):
    """A question; ``earlier`` are the questions before it (for the condition), ``sections``
    the survey's sections as (key, title)."""

    section = forms.ChoiceField(label=gettext_lazy("Section"))
    version = VersionField()
    key = forms.SlugField(
        label=gettext_lazy("Key"),
        max_length=80,
        help_text=gettext_lazy(
            "The question's identity across years: answers to the same key are compared year by "
            "year. Changing it on a copied survey breaks the comparison with last year; change it "
            "only when the question really asks something else. Letters a–z, digits and "
            "underscores."
        ),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[(kind.value, KIND_LABELS[kind]) for kind in calc.QuestionKind],
    )
    text = forms.CharField(label=gettext_lazy("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    help_text = forms.CharField(
        label=gettext_lazy("Help text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=gettext_lazy("Question in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Shown on English pages; empty: the Swedish text."),
    )
    help_text_en = forms.CharField(
        label=gettext_lazy("Help text in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    required = forms.BooleanField(label=gettext_lazy("Required"), required=False)
    choices = forms.CharField(
        label=gettext_lazy("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Choice questions: one option per line, “key | label”, or only the label (a key is "
            "made from it)."
        ),
    )
    columns = forms.CharField(
        label=gettext_lazy("Table columns"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Tables: one column per line, “key | label | kind | required (yes/no) | unit”; kinds: "
            "yes_no, single_choice, number, year, text, link."
        ),
    )
    condition_question = forms.ChoiceField(
        label=gettext_lazy("Shown only if question"),
        required=False,
        help_text=gettext_lazy("An earlier yes/no or choice question."),
    )
    condition_value = forms.CharField(
        label=gettext_lazy("is answered"),
        required=False,
        help_text=gettext_lazy("yes or no, or an option's key."),
    )
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=40, required=False)
    minimum = forms.FloatField(label=gettext_lazy("Minimum"), required=False)
    maximum = forms.FloatField(label=gettext_lazy("Maximum"), required=False)
    max_rows = forms.IntegerField(
        label=gettext_lazy("Most rows (tables)"),
        min_value=1,
        max_value=1000,
        initial=calc.questions.DEFAULT_MAX_ROWS,
    )
    max_file_mb = forms.DecimalField(
        label=gettext_lazy("Largest file in MB (files)"),
        min_value=Decimal("0.001"),
        max_value=100,
        decimal_places=3,
        initial=calc.questions.DEFAULT_MAX_FILE_BYTES // MEGABYTE,
    )
    file_types = forms.CharField(
        label=gettext_lazy("File types (files)"),
        required=False,
        help_text=gettext_lazy("Comma-separated, e.g. pdf, docx, xlsx."),
        initial=", ".join(calc.questions.DEFAULT_FILE_TYPES),
    )
    prefill = forms.ChoiceField(
        label=gettext_lazy("Pre-filled from"), choices=Prefill.choices, required=False
    )

    def __init__(
        self,
        *args: Any,
        sections: list[tuple[str, str]],
        earlier: list[dict[str, Any]],
        draft: bool = True,
        existing: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if existing is not None:
            kwargs.setdefault("initial", initial_of(existing))
        super().__init__(*args, **kwargs)
        self.existing = existing or {}
        self.earlier = {item["key"]: item for item in earlier}
        section: Any = self.fields["section"]
        section.choices = sections
        condition: Any = self.fields["condition_question"]
        condition.choices = [("", _("— always shown —"))] + [
            (item["key"], f"{item['key']}: {item['text'][:60]}")
            for item in earlier
            if item["kind"] in ("yes_no", "single_choice", "multiple_choice")
        ]
        if not draft:
            for name in QUESTION_STRUCTURE:
                self.fields[name].disabled = True

    def clean_choices(self) -> list[dict[str, str]]:
        choices = parse_choices(self.cleaned_data.get("choices") or "")
        old = {c["key"]: c for c in self.existing.get("choices", [])}
        return [{**old.get(c["key"], {}), **c} for c in choices]

    def clean_columns(self) -> list[dict[str, Any]]:
        return parse_columns(self.cleaned_data.get("columns") or "", self.existing.get("columns"))

    def clean_file_types(self) -> list[str]:
        text = self.cleaned_data.get("file_types") or ""
        types = [part.strip().lstrip(".").lower() for part in text.split(",") if part.strip()]
        return types or list(calc.questions.DEFAULT_FILE_TYPES)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        source = self.earlier.get(data.get("condition_question") or "")
        value = (data.get("condition_value") or "").strip()
        if source is None:
            data["condition"] = None
        elif source["kind"] == "yes_no":
            lowered = value.lower()
            if lowered not in YES | NO or not lowered:
                self.add_error("condition_value", _("Write yes or no."))
            data["condition"] = {"question": source["key"], "equals": lowered in YES}
        else:
            by_label = {c["label"].lower(): c["key"] for c in source.get("choices", [])}
            data["condition"] = {
                "question": source["key"],
                "equals": by_label.get(value.lower(), value),
            }
        return data

    def item(self) -> dict[str, Any]:
        """The question as a definition item (call after ``is_valid``)."""
        data = self.cleaned_data
        mb = data.get("max_file_mb")
        max_file_bytes = int(mb * MEGABYTE) if mb else calc.questions.DEFAULT_MAX_FILE_BYTES
        if mb is not None and mb == _megabytes(self.existing.get("max_file_bytes")):
            max_file_bytes = self.existing["max_file_bytes"]  # unchanged: keep it to the byte
        return {
            "key": data["key"],
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data.get("help_text", ""),
            "text_en": data.get("text_en", ""),
            "help_text_en": data.get("help_text_en", ""),
            "required": bool(data.get("required")),
            "unit": data.get("unit", ""),
            "minimum": data.get("minimum"),
            "maximum": data.get("maximum"),
            "choices": data.get("choices") or [],
            "columns": data.get("columns") or [],
            "condition": data.get("condition"),
            "prefill": data.get("prefill") or "",
            "max_rows": data["max_rows"],
            "max_file_bytes": max_file_bytes,
            "file_types": data.get("file_types") or list(calc.questions.DEFAULT_FILE_TYPES),
        }


def initial_of(item: dict[str, Any]) -> dict[str, Any]:
    """The form's initial values for an existing question item."""
    condition = item.get("condition") or {}
    equals = condition.get("equals")
    if isinstance(equals, bool):
        equals = "yes" if equals else "no"
    return {
        **{
            k: item.get(k)
            for k in ("key", "kind", "text", "help_text", "text_en", "help_text_en", "required")
        },
        "unit": item.get("unit"),
        "minimum": item.get("minimum"),
        "maximum": item.get("maximum"),
        "choices": choices_text(item.get("choices") or []),
        "columns": columns_text(item.get("columns") or []),
        "condition_question": condition.get("question", ""),
        "condition_value": "" if equals is None else str(equals),
        "max_rows": item.get("max_rows"),
        "max_file_mb": _megabytes(item.get("max_file_bytes")),
        "file_types": ", ".join(item.get("file_types") or []),
        "prefill": item.get("prefill", ""),
    }


def _megabytes(size: int | None) -> Decimal | None:
    """Bytes in MB as the form shows them (at least 0.001)."""
    if size is None:
        return None
    return max(Decimal("0.001"), round(Decimal(size) / MEGABYTE, 3))
