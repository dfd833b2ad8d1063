from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from klimatlaget.associations.models import BoardMember, Contact, Membership
from klimatlaget.associations.services import CONTACT_FIELDS
from klimatlaget.concurrency import VersionField
from klimatlaget.organisations.models import Organisation, OrganisationKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["member", "joined", "left"]
        widgets = {"joined": DATE, "left": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member: Any = self.fields["member"]
        member.queryset = Organisation.objects.exclude(
            kind__in=[OrganisationKind.ASSOCIATION, OrganisationKind.NATION]
        ).order_by("name")
        member.label = _("Member")

    def validate_constraints(self, exclude: Any = None) -> None:
        """The service validates the membership once the association is known."""


class EndMembershipForm(forms.Form):
    left = forms.DateField(label=_("Left"), widget=DATE)
    version = VersionField()


class ContactForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Contact
        fields = list(CONTACT_FIELDS)
        widgets = {"valid_from": DATE, "valid_to": DATE}

    def __init__(
        self,
        *args: Any,
        members: QuerySet[Organisation] | None = None,
        associations: QuerySet[Organisation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False
        if members is not None:
            self.fields["member"] = forms.ModelChoiceField(members, label=_("Member"))
            self.order_fields(["member"])
        if associations is not None:
            self.fields["association"] = forms.ModelChoiceField(
                associations, label=_("Association")
            )
            self.order_fields(["association"])

    def clean_language(self) -> str:
        """Not sent (a form from before the field): the language so far, Swedish if new."""
        return str(self.cleaned_data["language"] or self.instance.language)

    def values(self) -> dict[str, Any]:
        return {field: self.cleaned_data.get(field) for field in [*self.Meta.fields, "version"]}


class BoardMemberForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = BoardMember
        fields = ["name", "organisation", "role", "from_year", "to_year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation: Any = self.fields["organisation"]
        organisation.queryset = Organisation.objects.exclude(
            kind=OrganisationKind.ASSOCIATION
        ).order_by("name")

    def values(self) -> dict[str, Any]:
        return {field: self.cleaned_data.get(field) for field in [*self.Meta.fields, "version"]}
