"""Forms of the secretariat's survey pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import VersionField
from klimatlaget.surveys.models import Survey, SurveyKind, SurveyState

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CreateSurveyForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Kind"), choices=SurveyKind.choices)
    source = forms.ChoiceField(
        label=_("Questions"),
        choices=[
            ("template", _("From the template")),
            ("copy", _("Copied from the latest earlier survey of the same kind")),
        ],
        initial="copy",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class SurveySettingsForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Survey
        fields = ["title", "deadline", "state"]
        widgets = {"deadline": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        state: Any = self.fields["state"]
        state.choices = SurveyState.choices


class ReviewForm(forms.Form):
    """Approve or return a submitted response; returning needs a comment."""

    action = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("return", _("Return for correction"))],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(
        label=_("Comment to the member"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = VersionField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what the member should correct."))
        return data
