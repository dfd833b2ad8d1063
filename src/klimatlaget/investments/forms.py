"""The forms for investment plans and their lines. Each gives the services a plain dict of
values (``values()``); the services validate again."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import VersionField
from klimatlaget.investments.choices import CoBenefit
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
from klimatlaget.measures.forms import LinesField, YearNumbersField
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation


class InvestmentPlanForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = InvestmentPlan
        fields = [
            "title",
            "year",
            "horizon_from",
            "horizon_to",
            "scope",
            "status",
            "adopted_on",
            "source",
            "discount_rate_percent",
            "quoted",
            "notes",
        ]
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation

    def _post_clean(self) -> None:
        """The services check the whole object; the form checks its fields only."""

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


_AMOUNTS_HELP = _("One year a line: 2026: 500000")


class InvestmentLineForm(forms.ModelForm):
    version = VersionField()
    measure = forms.ModelChoiceField(Measure.objects.none(), required=False, label=_("Measure"))
    capex_by_year = YearNumbersField(
        label=_("Capital expenditure by year (SEK)"), required=False, help_text=_AMOUNTS_HELP
    )
    opex_by_year = YearNumbersField(
        label=_("Operating cost by year (SEK)"), required=False, help_text=_AMOUNTS_HELP
    )
    savings_by_year = YearNumbersField(
        label=_("Savings by year (SEK)"), required=False, help_text=_AMOUNTS_HELP
    )
    co_benefits_named = LinesField(
        label=_("Other co-benefits"), required=False, help_text=_("One a line.")
    )

    class Meta:
        model = InvestmentLine
        fields = [
            "title",
            "group_name",
            "actor",
            "lifetime_years",
            "funding_source",
            "funding_status",
            "beneficiary",
            "payer",
            "reduction_t",
            "reduction_reason",
            "sector",
            "effect_year",
        ]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        measure = self.fields["measure"]
        assert isinstance(measure, forms.ModelChoiceField)
        measure.queryset = Measure.objects.filter(organisation=organisation)
        benefits = self.instance.co_benefits_sek if self.instance.pk else {}
        for kind, label in CoBenefit.choices:
            self.fields[f"benefit_{kind}"] = forms.FloatField(
                label=_("Co-benefit, %(kind)s (SEK a year)") % {"kind": label},
                required=False,
                min_value=0,
                initial=benefits.get(kind),
            )
        if self.instance.pk:
            for name in ("capex_by_year", "opex_by_year", "savings_by_year", "co_benefits_named"):
                self.initial.setdefault(name, getattr(self.instance, name))
            self.initial.setdefault("measure", self.instance.measure_id)

    def _post_clean(self) -> None:
        """The services check the whole object; the form checks its fields only."""

    def values(self) -> dict[str, Any]:
        values = {
            name: value
            for name, value in self.cleaned_data.items()
            if not name.startswith("benefit_") and name != "measure"
        }
        measure = self.cleaned_data.get("measure")
        values["measure_id"] = measure.pk if measure is not None else None
        values["co_benefits_sek"] = {
            kind: amount
            for kind in CoBenefit.values
            if (amount := self.cleaned_data.get(f"benefit_{kind}")) is not None
        }
        return values
