"""Request and response shapes of the climate contracts API."""

import datetime

from ninja import Schema
from pydantic import Field

from klimatlaget.api.schemas import Id, Year, one_of
from klimatlaget.contracts.choices import (
    CommitmentState,
    ContractStatus,
    LinkKind,
    PartyRole,
    Writer,
)


class PartyOut(Schema):
    organisation_code: str
    name: str
    role: str
    signatory_name: str
    signatory_title: str


class LinkOut(Schema):
    id: int
    kind: str
    object_id: int | None = Field(description="The linked object's id (none for a document)")
    title: str
    url: str = Field(description="The document's address, or the linked object's page")
    figure: str = Field(description="What the linked object says now, in words")
    value: float | str | None = Field(
        description="The figure as a value: a target's verdict, a measure's reduction "
        "(t CO₂e a year), an investment plan's total (SEK), an action plan's status"
    )


class SectionOut(Schema):
    id: int
    number: str
    parent_number: str | None
    title: str
    subject: str
    writer: str
    text: str
    version: int
    links: list[LinkOut]


class ContractOut(Schema):
    id: int
    organisation_code: str
    year: int
    status: str
    signed_on: datetime.date | None
    source: str
    replaces_id: int | None
    version: int
    parties: list[PartyOut]
    sections: list[SectionOut] | None = Field(
        None, description="In document order (not in the list of contracts)"
    )


class StatusOut(Schema):
    year: int
    status: str
    comment: str


class CommitmentOut(Schema):
    id: int
    contract_id: int
    section_number: str | None
    party_code: str
    party_role: str
    text: str
    due_year: int | None
    version: int
    statuses: list[StatusOut]


class CommitmentStatusIn(Schema):
    year: Year
    status: str = one_of(CommitmentState.values)
    comment: str = Field("", max_length=1000)
    version: int | None = Field(None, description="The commitment's version; a stale one: 409")


class ContractInvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class RunOut(Schema):
    op: str = Field(description="equal, insert (only in the new text) or delete (only in the old)")
    text: str


class VersionRefOut(Schema):
    id: int
    year: int
    status: str


class SectionPairOut(Schema):
    status: str = Field(description="added, removed, changed or unchanged")
    subject: str | None = Field(description="The canonical subject the sections were matched by")
    matched_by: str | None = Field(description="subject or title (none when added or removed)")
    old_id: int | None
    new_id: int | None
    old_number: str | None
    new_number: str | None
    old_title: str | None
    new_title: str | None
    renumbered: bool
    title_changed: bool
    text_changed: bool
    title_runs: list[RunOut] = Field(description="The title's word diff when it changed")
    text_runs: list[RunOut] = Field(description="The text's word diff when it changed")


class ComparisonOut(Schema):
    old: VersionRefOut = Field(description="The earlier version")
    new: VersionRefOut = Field(description="The later version")
    counts: dict[str, int] = Field(
        description="Sections added, removed, changed, unchanged and renumbered"
    )
    sections: list[SectionPairOut] = Field(
        description="In the new version's order, each removed section after the one before it"
    )


# Writing ----------------------------------------------------------------------------------


class ContractIn(Schema):
    """Only the fields sent are changed."""

    status: str | None = one_of(ContractStatus.values)
    signed_on: datetime.date | None = Field(None, description="Needed unless a draft")
    source: str | None = Field(None, max_length=500, description="The document it came from")
    version: int | None = Field(None, description="The contract's version; a stale one: 409")


class NewVersionIn(Schema):
    year: Year = Field(description="The new version's year (none of the organisation's yet)")


class SectionIn(Schema):
    """Only the fields sent are changed."""

    title: str | None = Field(None, max_length=300)
    text: str | None = None
    subject: str | None = Field(None, max_length=120, description="A subject of the template")
    writer: str | None = one_of(Writer.values)
    version: int | None = Field(None, description="The section's version; a stale one: 409")


class LinkIn(Schema):
    kind: str = one_of(LinkKind.values)
    object_id: int | None = Field(
        None, description="The organisation's own target, plan, measure… (not for a document)"
    )
    url: str = Field("", max_length=500, description="A document's address")
    title: str = Field("", max_length=200, description="A document's title")


class LinkAddedOut(Schema):
    id: int
    section_id: int
    kind: str
    object_id: int | None
    title: str
    url: str


class CommitmentIn(Schema):
    text: str = Field(max_length=2000)
    party_code: str = Field(description="The organisation code of a party of the contract")
    section_id: Id | None = Field(None, description="A section of the contract")
    due_year: Year | None = None


class PartyIn(Schema):
    organisation_code: str = Field(description="An organisation of the platform")
    role: str = one_of(PartyRole.values)
    signatory_name: str = Field("", max_length=200)
    signatory_title: str = Field("", max_length=200)


class ReviewSectionOut(Schema):
    number: str
    title: str
    subject: str | None = Field(description="The template's subject it was placed under")
    writer: str = Field(
        description="The party that will write it: municipality, viable_cities, agencies or joint"
    )


class ReviewProblemOut(Schema):
    line: int
    message: str


class ContractReviewOut(Schema):
    id: int = Field(description="The review's id, to store it with POST …/confirm")
    expires_at: datetime.datetime = Field(description="Until when it may be confirmed")
    file: str
    year: int
    sections: list[ReviewSectionOut]
    problems: list[ReviewProblemOut] = Field(description="What the reader doubted, by line")


class SubjectNames(Schema):
    sv: str
    en: str


class TemplateEntryOut(Schema):
    """A subject as ``subjects.json`` writes it."""

    id: str
    parent: str | None
    party: str
    order: int
    name: SubjectNames
    keywords: dict[str, list[str]]


class TemplateOut(Schema):
    version: int = Field(description="The format's version")
    subjects: list[TemplateEntryOut]


class SubjectOut(TemplateEntryOut):
    version: int = Field(description="The subject's edit version (0: the file's, never edited)")
    added: bool = Field(description="Added by the programme office (not in the repository's file)")


class SubjectNamesIn(Schema):
    sv: str | None = Field(None, max_length=200)
    en: str | None = Field(None, max_length=200)


class SubjectIn(Schema):
    key: str = Field(max_length=40, description="One lower-case word, after the parent's id")
    parent: str | None = Field(None, max_length=120, description="None: the top level")
    party: str = one_of(Writer, "Who writes its sections", ...)
    name: SubjectNamesIn
    keywords: dict[str, list[str]] = Field(default_factory=dict)
    order: int | None = Field(None, description="Its place among its siblings (default: last)")


class SubjectChangeIn(Schema):
    name: SubjectNamesIn | None = None
    keywords: dict[str, list[str]] | None = None
    version: int | None = Field(None, description="The version edited (or send If-Match)")
