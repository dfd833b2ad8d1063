"""The follow-up forms: preparing a period, and one row of a period's table for each report the
user may fill in. A row hands the services its values as typed (they read "1 250 000" and
"12,5" alike and name each wrong field) with the version it was opened at."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import VersionField
from klimatlaget.followup.models import IndicatorReport, MeasureReport
from klimatlaget.measures.choices import MeasureStatus


def quarter_choices() -> list[tuple[int, Any]]:
    return [(0, _("The whole year")), (1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]


class PrepareForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Period"), coerce=int, choices=quarter_choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs["inputmode"] = "numeric"


def _number_text(value: Any) -> str:
    """A stored number as the row shows it (no exponent, no trailing zeros)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}" if abs(value) < 1e15 else f"{value:.0f}"
    return str(value)


def _decimal_input(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
    )


class _RowForm(forms.Form):
    """A report's row: saved when something in it changed, or when confirmed unchanged."""

    version = VersionField()
    confirm = forms.BooleanField(label=_("Confirm unchanged"), required=False)
    VALUES: tuple[str, ...] = ()

    def values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data.get(name) for name in self.VALUES}
        return values | {"version": self.cleaned_data.get("version")}

    @property
    def to_save(self) -> bool:
        return any(name in self.changed_data for name in (*self.VALUES, "confirm"))


class MeasureReportForm(_RowForm):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    completion_pct = forms.CharField(
        label=_("Completion (%)"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    spent_sek = _decimal_input(_("Spent so far (SEK)"))
    achieved_reduction_t = _decimal_input(_("Reduction achieved (t CO₂e a year)"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 24}),
    )
    VALUES = MeasureReport.ENTERED

    def __init__(self, data: Any = None, *, report: MeasureReport) -> None:
        initial = {
            "status": report.status,
            "completion_pct": _number_text(report.completion_pct),
            "spent_sek": _number_text(report.spent_sek),
            "achieved_reduction_t": _number_text(report.achieved_reduction_t),
            "comment": report.comment,
            "version": report.version,
        }
        super().__init__(data, prefix=f"m{report.pk}", initial=initial)
        self.report = report


class IndicatorReportForm(_RowForm):
    value = _decimal_input(_("Value"))
    comment = forms.CharField(label=_("Comment"), required=False, max_length=4000)
    VALUES = IndicatorReport.ENTERED

    def __init__(self, data: Any = None, *, report: IndicatorReport) -> None:
        initial = {
            "value": _number_text(report.value),
            "comment": report.comment,
            "version": report.version,
        }
        super().__init__(data, prefix=f"i{report.pk}", initial=initial)
        self.report = report
