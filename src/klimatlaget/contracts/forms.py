"""The forms of the contract pages; each gives the service its values (``values()``)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import VersionField
from klimatlaget.contracts.choices import (
    CommitmentState,
    ContractStatus,
    LinkKind,
    PartyRole,
    Writer,
)
from klimatlaget.contracts.models import Contract
from klimatlaget.organisations.models import Organisation, OrganisationKind


class ValuesForm(forms.Form):
    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ContractForm(ValuesForm):
    status = forms.ChoiceField(label=_("Status"), choices=ContractStatus.choices)
    signed_on = forms.DateField(label=_("Signed on"), required=False)
    source = forms.CharField(label=_("Source document"), max_length=500, required=False)
    version = VersionField()


class SectionForm(ValuesForm):
    number = forms.CharField(label=_("Number"), max_length=20, required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    subject = forms.CharField(label=_("Subject"), max_length=120, required=False)
    writer = forms.ChoiceField(label=_("Written by"), choices=Writer.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, required=False)
    version = VersionField()


class LinkForm(ValuesForm):
    """A link to one of the organisation's objects (``kind`` and the object chosen in the
    list of that kind) or to a document."""

    kind = forms.ChoiceField(label=_("Link to"), choices=LinkKind.choices)
    object_id = forms.TypedChoiceField(
        label=_("Object"), coerce=int, required=False, empty_value=None
    )
    url = forms.URLField(label=_("Document's web address"), max_length=500, required=False)
    title = forms.CharField(label=_("Document's title"), max_length=200, required=False)

    def __init__(self, *args: Any, objects: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_id"].choices = [("", "–"), *objects]  # type: ignore[attr-defined]


class CommitmentForm(ValuesForm):
    text = forms.CharField(label=_("Commitment"), widget=forms.Textarea, max_length=2000)
    party_id = forms.TypedChoiceField(label=_("Party"), coerce=int)
    section_id = forms.TypedChoiceField(
        label=_("Section"), coerce=int, required=False, empty_value=None
    )
    due_year = forms.IntegerField(label=_("Due year"), required=False)

    def __init__(self, *args: Any, contract: Contract, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party_id"].choices = [  # type: ignore[attr-defined]
            (party.pk, f"{party.party.name} ({party.get_role_display()})")
            for party in contract.parties.select_related("party")
        ]
        self.fields["section_id"].choices = [  # type: ignore[attr-defined]
            ("", "–"),
            *((section.pk, str(section)) for section in contract.sections.all()),
        ]


class PartyForm(ValuesForm):
    """Another party: an agency or Viable Cities, as an organisation of the platform."""

    party_id = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices)
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200, required=False)
    signatory_title = forms.CharField(label=_("Signatory's title"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = (
            OrganisationKind.AGENCY,
            OrganisationKind.PROGRAMME_OFFICE,
            OrganisationKind.ASSOCIATION,
        )
        self.fields["party_id"].choices = [  # type: ignore[attr-defined]
            (organisation.pk, organisation.name)
            for organisation in Organisation.objects.filter(kind__in=kinds)
        ]


class CommitmentStatusForm(ValuesForm):
    year = forms.IntegerField(label=_("Year"))
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentState.choices)
    comment = forms.CharField(label=_("Comment"), max_length=1000, required=False)
    version = VersionField()


class NewVersionForm(ValuesForm):
    year = forms.IntegerField(label=_("Year of the new version"))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("The contract's file"), help_text=_("A .txt, .docx or .pdf file")
    )
    year = forms.IntegerField(label=_("Year of the version"), min_value=2000, max_value=2100)


class SubjectForm(ValuesForm):
    """The names and title keywords of a subject of the template (one keyword a line)."""

    name_sv = forms.CharField(label=_("Swedish name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200)
    keywords_sv = forms.CharField(
        label=_("Swedish title keywords"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One a line: word stems a section's title begins its words with."),
    )
    keywords_en = forms.CharField(
        label=_("English title keywords"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = VersionField()


class NewSubjectForm(SubjectForm):
    """A subject added to the template under a parent."""

    parent = forms.ChoiceField(label=_("Under"), required=False)
    key = forms.CharField(
        label=_("Id"),
        max_length=40,
        help_text=_("One lower-case word; it follows the parent's id after a dot."),
    )
    party = forms.ChoiceField(label=_("Written by"), choices=Writer.choices)
    version = None  # type: ignore[assignment]

    field_order = ["parent", "key", "name_sv", "name_en", "party", "keywords_sv", "keywords_en"]

    def __init__(self, *args: Any, parents: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(the top level)")), *parents]
        self.fields["parent"].choices = choices  # type: ignore[attr-defined]
