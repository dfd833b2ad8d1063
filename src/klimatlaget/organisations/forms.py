from django import forms

from klimatlaget.organisations.models import Organisation


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
