"""The forms for action plans, measures, indicators, indicator values and emission quotas. Each
gives the services a plain dict of values (``values()``); the services validate again."""

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import VersionField
from klimatlaget.measures.models import ActionPlan, EmissionQuota, Indicator, Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target


class LinesField(forms.CharField):
    """A list entered one item a line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


def _written(number: float) -> str:
    """A number in full, as people write it back (1000000, not 1e+06; 0.5, not 5e-01)."""
    number = float(number)
    return str(int(number)) if number.is_integer() else format(Decimal(repr(number)), "f")


class YearNumbersField(forms.CharField):
    """Numbers by year, one ``year: number`` a line (e.g. budgets or target values)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return "\n".join(
                f"{year}: {_written(number)}" for year, number in sorted(value.items())
            )
        return value

    def to_python(self, value: Any) -> dict[str, float]:  # type: ignore[override]
        text = super().to_python(value) or ""
        numbers: dict[str, float] = {}
        for line in (line.strip() for line in text.splitlines()):
            if not line:
                continue
            year, _colon, number = line.partition(":")
            try:
                numbers[str(int(year))] = float(number.replace(",", ".").replace(" ", ""))
            except ValueError:
                raise forms.ValidationError(
                    _("Write one year and number a line, e.g. 2030: 1500.")
                ) from None
        return numbers


def _targets(organisation: Organisation) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        Target.objects.filter(organisation=organisation),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Targets"),
    )


class _ValuesForm(forms.ModelForm):
    version = VersionField()
    #: Form field → service value: many-to-many choices become lists of ids.
    LINKS: dict[str, str] = {}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation

    def _post_clean(self) -> None:
        """The services check the whole object; the form checks its fields only."""

    def values(self) -> dict[str, Any]:
        values = {
            name: value for name, value in self.cleaned_data.items() if name not in self.LINKS
        }
        for field, key in self.LINKS.items():
            chosen = self.cleaned_data.get(field)
            if key.endswith("_ids"):
                values[key] = sorted(obj.pk for obj in chosen or [])
            else:
                values[key] = chosen.pk if chosen is not None else None
        return values


class PlanForm(_ValuesForm):
    LINKS = {"interim_targets": "interim_target_ids", "replaces": "replaces_id"}

    class Meta:
        model = ActionPlan
        fields = [
            "title",
            "kind",
            "status",
            "adopted_on",
            "adopted_by",
            "period_from",
            "period_to",
            "source",
            "version_label",
            "replaces",
            "interim_targets",
            "quoted",
            "notes",
        ]
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        plans = ActionPlan.objects.filter(organisation=organisation)
        if self.instance.pk:
            plans = plans.exclude(pk=self.instance.pk)
        self.fields["replaces"].queryset = plans  # type: ignore[attr-defined]
        self.fields["interim_targets"] = _targets(organisation)
        self.fields["interim_targets"].label = _("Interim targets")


class OwnersField(forms.CharField):
    """The users who report on a measure in the follow-up, by username, separated by commas or
    one a line; every name must be an active user's."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(getattr(user, "username", str(user)) for user in value)
        return value

    def to_python(self, value: Any) -> list[Any]:  # type: ignore[override]
        text = super().to_python(value) or ""
        names = list(dict.fromkeys(n.strip() for n in re.split(r"[,\n]", text) if n.strip()))
        users = {
            user.get_username(): user
            for user in get_user_model().objects.filter(username__in=names, is_active=True)
        }
        unknown = [name for name in names if name not in users]
        if unknown:
            raise forms.ValidationError(
                _("No user is called %(names)s.") % {"names": ", ".join(unknown)}
            )
        return [users[name] for name in names]


class MeasureForm(_ValuesForm):
    LINKS = {"plan": "plan_id", "targets": "target_ids", "indicators": "indicator_ids"}
    owners = OwnersField(
        label=_("Owners"),
        required=False,
        help_text=_(
            "Usernames of the people who report on this measure in the follow-up, separated "
            "by commas or one a line. They report on their own measures only."
        ),
    )
    partners = LinesField(
        label=_("Partner organisations"), required=False, help_text=_("One a line.")
    )
    co_benefits = LinesField(label=_("Co-benefits"), required=False, help_text=_("One a line."))
    budget_by_year = YearNumbersField(
        label=_("Budget by year (SEK)"),
        required=False,
        help_text=_("One year a line: 2026: 500000"),
    )
    status_set_on = forms.DateField(
        label=_("Status set on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When the status changes; empty: today."),
    )

    class Meta:
        model = Measure
        fields = [
            "code",
            "title",
            "description",
            "plan",
            "sector",
            "type",
            "status",
            "responsible_unit",
            "responsible_person",
            "partners",
            "start_year",
            "end_year",
            "expected_reduction_t",
            "expected_low_t",
            "expected_high_t",
            "effect_year",
            "method_note",
            "energy_saved_mwh",
            "renewable_mwh",
            "hazard",
            "budget_sek",
            "budget_by_year",
            "co_benefits",
            "targets",
            "source",
            "quoted",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "method_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["plan"].queryset = ActionPlan.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )
        self.fields["targets"] = _targets(organisation)
        self.fields["indicators"] = forms.ModelMultipleChoiceField(
            Indicator.objects.filter(organisation=organisation),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Indicators"),
            initial=list(self.instance.indicators.all()) if self.instance.pk else [],
        )
        for name in ("start_year", "end_year", "effect_year"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        if self.instance.pk and "owners" not in self.initial:
            self.initial["owners"] = list(self.instance.owners.order_by("username"))

    def values(self) -> dict[str, Any]:
        """The measure's values; the owners are named apart (:meth:`chosen_owners`)."""
        values = super().values()
        values.pop("owners", None)
        return values

    def chosen_owners(self) -> list[Any]:
        return list(self.cleaned_data.get("owners") or [])


class IndicatorForm(_ValuesForm):
    LINKS = {"measures": "measure_ids", "targets": "target_ids"}
    target_values = YearNumbersField(
        label=_("Target values by year"), required=False, help_text=_("One year a line: 2030: 2.5")
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "definition",
            "direction",
            "source_kind",
            "sector",
            "target_values",
            "measures",
            "targets",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["measures"] = forms.ModelMultipleChoiceField(
            Measure.objects.filter(organisation=organisation),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Measures"),
        )
        self.fields["targets"] = _targets(organisation)


class ValueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        choices=[(0, _("The whole year")), (1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")],
    )
    value = forms.FloatField(label=_("Value"))


class QuotaForm(_ValuesForm):
    class Meta:
        model = EmissionQuota
        fields = ["unit", "year", "quota_t"]
        help_texts = {"unit": _("A committee or municipal company.")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["year"].widget.attrs["inputmode"] = "numeric"
        self.fields["quota_t"].widget.attrs["inputmode"] = "decimal"


class OutcomesForm(forms.Form):
    """A quota's emissions by period, as stored when the form was opened; an empty field
    removes the period's figure."""

    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels: list[tuple[int, Any]] = [(1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]
        labels.append((0, _("The whole year")))
        for quarter, label in labels:
            self.fields[f"outcome_{quarter}"] = forms.FloatField(
                label=label,
                required=False,
                min_value=0,
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            )
        self.fields["outcome_0"].help_text = _(
            "When given, the year's figure is used instead of the sum of the quarters."
        )

    def outcomes(self) -> dict[int, float | None]:
        return {q: self.cleaned_data.get(f"outcome_{q}") for q in (0, 1, 2, 3, 4)}
