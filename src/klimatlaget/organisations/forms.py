from django import forms

from klimatlaget.concurrency import VersionField
from klimatlaget.organisations.models import Organisation


class ProfileForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Organisation
        fields = ["website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
