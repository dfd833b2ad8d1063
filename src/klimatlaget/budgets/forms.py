"""The budget settings form (editors of the organisation)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import VersionField
from klimatlaget.emissions.sectors import sector_label
from klimatlaget.targets.models import Target

from .models import BudgetSettings, PathwayChoice, ProfileChoice

SECTOR_PREFIX = "sector_"


class BudgetSettingsForm(forms.Form):
    pathway = forms.ChoiceField(
        label=_("Pathway"), choices=PathwayChoice.choices, widget=forms.RadioSelect
    )
    target = forms.ModelChoiceField(
        label=_("Target"),
        queryset=Target.objects.none(),
        required=False,
        empty_label=_("The first adopted target"),
    )
    quarter_profile = forms.ChoiceField(label=_("Quarterly profile"), choices=ProfileChoice.choices)
    version = VersionField()

    def __init__(self, *args: Any, settings: BudgetSettings, sectors: list[str], **kwargs: Any):
        initial = {
            "pathway": settings.pathway,
            "target": settings.target_id,
            "quarter_profile": settings.quarter_profile,
            "version": settings.version,
        }
        for index, sector in enumerate(sectors):
            initial[f"{SECTOR_PREFIX}{index}"] = settings.sector_budgets.get(sector)
        super().__init__(*args, **{**kwargs, "initial": initial})
        self.sectors = sectors
        target_field = self.fields["target"]
        assert isinstance(target_field, forms.ModelChoiceField)
        target_field.queryset = Target.objects.filter(organisation_id=settings.organisation_id)
        for index, sector in enumerate(sectors):
            self.fields[f"{SECTOR_PREFIX}{index}"] = forms.DecimalField(
                label=_("Budget for %(sector)s (t CO₂e)") % {"sector": sector_label(sector)},
                required=False,
                min_value=0,
                decimal_places=1,
                help_text=_("Empty: a share of the year's budget like its emissions."),
            )

    def sector_fields(self) -> list[forms.BoundField]:
        return [self[f"{SECTOR_PREFIX}{index}"] for index in range(len(self.sectors))]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        budgets = {
            sector: float(data[f"{SECTOR_PREFIX}{index}"])
            for index, sector in enumerate(self.sectors)
            if data.get(f"{SECTOR_PREFIX}{index}") is not None
        }
        return {
            "pathway": data["pathway"],
            "target": data["target"],
            "quarter_profile": data["quarter_profile"],
            "sector_budgets": budgets,
            "version": data["version"],
        }
