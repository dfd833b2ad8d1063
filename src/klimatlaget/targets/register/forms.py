"""The form for entering a climate target as its source document states it."""

from copy import copy
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import VersionField
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import ENTERED_FIELDS, ScopeChoice, Target
from klimatlaget.targets.validation import target_problems

FIELDS = list(ENTERED_FIELDS)


class TargetForm(forms.ModelForm):
    version = VersionField()
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=ScopeChoice.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Which emissions the target covers. Territorial targets cover scope 1."),
    )
    includes_non_energy = forms.NullBooleanField(
        label=_("Includes non-energy emissions"),
        required=False,
        widget=forms.NullBooleanSelect,
        help_text=_("Agriculture, refrigerants and product use."),
    )

    class Meta:
        model = Target
        fields = FIELDS
        widgets = {
            "quote": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "adopted_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "value": _(
                "Percent reduction (e.g. 70), yearly rate in percent (e.g. 10) or tonnes per "
                "inhabitant; leave empty for a target word without a number."
            ),
            "base_year": _("For a percent reduction, usually 1990."),
            "start_year": _("For an annual rate."),
            "projected_population": _("Only for a per-inhabitant target, if the source gives it."),
            "district": _("Only for a city-district target."),
            "quote": _("The target's exact wording in the source document."),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        for name in ("value", "base_year", "start_year", "target_year", "projected_population"):
            self.fields[name].widget.attrs["inputmode"] = (
                "decimal" if name == "value" else "numeric"
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        structural = {"form", "geography"}
        if structural & set(self.errors) or any(f not in cleaned for f in structural):
            return cleaned
        candidate = copy(self.instance)
        candidate.organisation = self.organisation
        for name in FIELDS:
            if name in cleaned:
                setattr(candidate, name, cleaned[name])
        for field, messages in target_problems(candidate).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return cleaned

    def values(self) -> dict[str, Any]:
        """The cleaned values, for the services."""
        return {name: self.cleaned_data.get(name) for name in [*FIELDS, "version"]}
