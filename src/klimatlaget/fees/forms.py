"""Forms for the secretariat's fee rules and per-member overrides.

The forms only check the shape of the input; :mod:`klimatlaget.fees.services` validates and saves,
and its errors are shown on the form by :func:`klimatlaget.web.forms.save_or_show`.
"""

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import VersionField
from klimatlaget.fees.models import FeeOverride, FeeRule, Rounding

FIRST_YEAR, LAST_YEAR = 1900, 2200


class FeeRuleForm(forms.Form):
    from_year = forms.IntegerField(
        label=capfirst(_("from year")),
        help_text=_("A year without a rule creates a new rule; an existing year changes it."),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    fixed_sek = forms.DecimalField(
        label=capfirst(_("fixed part (SEK)")), min_value=0, max_digits=12, decimal_places=2
    )
    per_inhabitant_sek = forms.DecimalField(
        label=capfirst(_("per inhabitant (SEK)")), min_value=0, max_digits=8, decimal_places=4
    )
    max_inhabitants = forms.IntegerField(
        label=capfirst(_("most inhabitants counted")),
        min_value=1,
        required=False,
        help_text=_("Empty: no ceiling."),
    )
    population_year_offset = forms.IntegerField(
        label=capfirst(_("population year relative to the fee year")),
        min_value=-10,
        max_value=10,
        initial=-1,
        help_text=_("−1: 31 December of the year before the fee year."),
    )
    population_year = forms.IntegerField(
        label=_("Population year"),
        required=False,
        help_text=_("A fixed year; wins over the relative year."),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    rounding = forms.ChoiceField(
        label=capfirst(_("rounding")), choices=Rounding.choices, initial=Rounding.KRONA
    )
    version = VersionField()

    @staticmethod
    def initial_from(rule: FeeRule) -> dict[str, Any]:
        return {
            field: getattr(rule, field)
            for field in (
                "from_year",
                "fixed_sek",
                "per_inhabitant_sek",
                "max_inhabitants",
                "population_year_offset",
                "population_year",
                "rounding",
                "version",
            )
        }


class FeeOverrideForm(forms.Form):
    from_year = forms.IntegerField(
        label=capfirst(_("from year")), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    to_year = forms.IntegerField(
        label=capfirst(_("to year")),
        required=False,
        help_text=_("Empty: until further notice."),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    counted_inhabitants = forms.IntegerField(
        label=_("Inhabitants counted"),
        min_value=0,
        required=False,
        help_text=_("Either the inhabitants to count…"),
    )
    amount_sek = forms.DecimalField(
        label=_("Fee (SEK)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("…or a fixed fee."),
    )
    reason = forms.CharField(
        label=capfirst(_("reason")),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required: shown in the fee list, for example the board's decision."),
    )
    version = VersionField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        inhabitants, amount = data.get("counted_inhabitants"), data.get("amount_sek")
        both_valid = "counted_inhabitants" in data and "amount_sek" in data
        if both_valid and (inhabitants is None) == (amount is None):
            self.add_error(None, _("Give either the inhabitants to count or a fixed fee."))
        to_year, from_year = data.get("to_year"), data.get("from_year")
        if to_year is not None and from_year is not None and to_year < from_year:
            self.add_error("to_year", _("The last year must not be before the first."))
        return data

    @staticmethod
    def initial_from(override: FeeOverride) -> dict[str, Any]:
        return {
            "from_year": override.from_year,
            "to_year": override.to_year,
            "counted_inhabitants": override.counted_inhabitants,
            "amount_sek": override.amount_sek,
            "reason": override.reason,
            "version": override.version,
        }
