"""Request and response shapes of the climate contracts API."""

import datetime

from ninja import Schema
from pydantic import Field

from klimatlaget.api.schemas import Year, one_of
from klimatlaget.contracts.choices import CommitmentState


class PartyOut(Schema):
    organisation_code: str
    name: str
    role: str
    signatory_name: str
    signatory_title: str


class LinkOut(Schema):
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
