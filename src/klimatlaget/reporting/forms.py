from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import VersionField
from klimatlaget.reporting.models import Deadline
from klimatlaget.reporting.profiles import profiles


class AnswerForm(forms.Form):
    """One question's answer on the readiness page (the same text again confirms it)."""

    text = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000
    )
    version = VersionField()


class DeadlineForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Deadline
        fields = ["platform", "title", "due", "recurs_yearly"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["platform"] = forms.ChoiceField(
            label=_("Platform"), choices=[(each.key, each.name) for each in profiles()]
        )
