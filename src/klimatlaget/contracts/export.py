"""A contract as an exported document: what the JSON, Word and PDF files hold.

The JSON keeps the contract's own (document) order and every value as it is; the Word and PDF
documents follow the programme's order of subjects (:mod:`klimatlaget.calc.contract_order`)
and put each section's linked figures, as they are now, and its commitments with their latest
status in tables after its text, and the follow-up of every commitment year by year at the end
(the writers put table cells through the formula-safe path,
:func:`klimatlaget.exports.cells.csv_text`, so that a table copied into a spreadsheet runs
nothing).
"""

import datetime
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from klimatlaget.calc.contract_order import OrderedItem, programme_order
from klimatlaget.contracts.choices import CommitmentState, LinkKind
from klimatlaget.contracts.live import LiveLink, SectionView, section_views
from klimatlaget.contracts.models import Commitment, CommitmentStatus, Contract, ContractParty
from klimatlaget.contracts.subjects import current_template


@dataclass
class FigureTable:
    """The figures of a section's links of one kind, as a table after the section."""

    kind: str
    header: list[str]
    rows: list[list[Any]]


@dataclass
class ExportCommitment:
    commitment: Commitment
    #: Its yearly statuses, the earliest first.
    statuses: list[CommitmentStatus]

    @property
    def latest(self) -> CommitmentStatus | None:
        return self.statuses[-1] if self.statuses else None

    def status_in(self, year: int) -> CommitmentStatus | None:
        return next((status for status in self.statuses if status.year == year), None)


def state_label(status: CommitmentStatus | None) -> str:
    return str(CommitmentState(status.status).label) if status is not None else ""


@dataclass
class ExportSection:
    view: SectionView
    #: 1 for a top-level section, 2 for its children, and so on.
    depth: int
    tables: list[FigureTable] = field(default_factory=list)
    commitments: list[ExportCommitment] = field(default_factory=list)

    @property
    def heading(self) -> str:
        section = self.view.section
        return f"{section.number} {section.title}".strip()


@dataclass
class ContractExport:
    contract: Contract
    parties: list[ContractParty]
    #: The sections in the programme's order.
    sections: list[ExportSection]
    #: Every commitment, in the contract's order (those in no section too).
    commitments: list[ExportCommitment] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.contract} – {self.contract.organisation.name}"

    @property
    def followed_up(self) -> list[int]:
        """The years any commitment has a status for, the earliest first."""
        return sorted({status.year for c in self.commitments for status in c.statuses})

    def commitment_table(self, section: ExportSection) -> FigureTable:
        """A section's commitments: party, commitment, due year, latest status and its year."""
        header = [_("Party"), _("Commitment"), _("Due year"), _("Latest status"), _("Year")]
        rows = []
        for each in section.commitments:
            commitment, latest = each.commitment, each.latest
            rows.append(
                [
                    commitment.party.party.name,
                    commitment.text,
                    str(commitment.due_year or ""),
                    state_label(latest),
                    str(latest.year) if latest is not None else "",
                ]
            )
        return FigureTable("commitments", header, rows)

    def followup_table(self) -> FigureTable:
        """Every commitment × the years followed up: its status in each."""
        years = self.followed_up
        header = [_("Section"), _("Party"), _("Commitment"), *(str(year) for year in years)]
        rows = [
            [
                each.commitment.section.number if each.commitment.section else "",
                each.commitment.party.party.name,
                each.commitment.text,
                *(state_label(each.status_in(year)) for year in years),
            ]
            for each in self.commitments
        ]
        return FigureTable("followup", header, rows)


def _rounded(value: Any) -> Any:
    return round(value) if isinstance(value, float) else value


def figure_tables(links: list[LiveLink]) -> list[FigureTable]:
    """The links' figures by kind: target verdicts, measures with status and reduction,
    investment plans with their total, then the other links."""
    by_kind: dict[str, list[LiveLink]] = {}
    for live in links:
        by_kind.setdefault(live.link.kind, []).append(live)
    tables: list[FigureTable] = []
    if targets := by_kind.pop(LinkKind.TARGET, []):
        rows = [[live.label, live.figure] for live in targets]
        tables.append(FigureTable(LinkKind.TARGET, [_("Target"), _("Verdict")], rows))
    if measures := by_kind.pop(LinkKind.MEASURE, []):
        header = [_("Measure"), _("Status"), _("Expected reduction (t a year)")]
        rows = [[live.label, live.figure, _rounded(live.value)] for live in measures]
        tables.append(FigureTable(LinkKind.MEASURE, header, rows))
    if plans := by_kind.pop(LinkKind.INVESTMENT_PLAN, []):
        header = [_("Investment plan"), f"{_('Total investment')} ({_('SEK')})"]
        rows = [[live.label, _rounded(live.value)] for live in plans]
        tables.append(FigureTable(LinkKind.INVESTMENT_PLAN, header, rows))
    others = [live for kind in LinkKind for live in by_kind.get(kind, [])]
    if others:
        rows = [[str(LinkKind(live.link.kind).label), live.label, live.figure] for live in others]
        tables.append(FigureTable("other", [_("Kind"), _("Title"), _("Figure")], rows))
    return tables


def export_commitments(contract: Contract) -> list[ExportCommitment]:
    """The contract's commitments in its order, each with its yearly statuses."""
    found = (
        Commitment.objects.filter(contract=contract)
        .select_related("party__party", "section")
        .prefetch_related("statuses")
    )
    return [ExportCommitment(c, sorted(c.statuses.all(), key=lambda s: s.year)) for c in found]


def contract_export(contract: Contract, year: int | None = None) -> ContractExport:
    """``contract`` with its parties and its sections in the programme's order, each with the
    figures of its links as they are in ``year`` (default: this year)."""
    views = section_views(contract, year or datetime.date.today().year)
    by_id: dict[Hashable, SectionView] = {view.section.pk: view for view in views}
    template = current_template()

    def place(subject: str) -> int | None:
        found = template.get(subject)
        return found.order if found is not None else None

    items = [OrderedItem(v.section.pk, v.section.parent_id, v.section.subject) for v in views]
    commitments = export_commitments(contract)
    depths: dict[Hashable, int] = {}
    sections: list[ExportSection] = []
    for key in programme_order(items, place):
        view = by_id[key]
        parent = view.section.parent_id
        depths[key] = depths.get(parent, 0) + 1 if parent in by_id else 1
        own = [c for c in commitments if c.commitment.section_id == key]
        sections.append(ExportSection(view, depths[key], figure_tables(view.links), own))
    parties = list(contract.parties.select_related("party"))
    return ContractExport(contract, parties, sections, commitments)


def _link(live: LiveLink) -> dict[str, Any]:
    linked = live.link.linked
    return {
        "kind": live.link.kind,
        "object_id": linked.pk if linked is not None else None,
        "title": live.label,
        "url": live.href,
        "figure": live.figure,
        "value": live.value,
    }


def _commitment(each: ExportCommitment) -> dict[str, Any]:
    commitment = each.commitment
    section = commitment.section
    return {
        "section_number": section.number if section else None,
        "section_subject": section.subject if section else None,
        "party_code": commitment.party.party.code,
        "party_name": commitment.party.party.name,
        "party_role": commitment.party.role,
        "text": commitment.text,
        "due_year": commitment.due_year,
        "statuses": [
            {"year": s.year, "status": s.status, "comment": s.comment} for s in each.statuses
        ],
    }


def contract_document(contract: Contract, year: int | None = None) -> dict[str, Any]:
    """The contract as a JSON document: its facts, parties, every section in the contract's
    order with its links and their figures as they are in ``year`` (default: this year), and
    every commitment with its yearly statuses."""
    views = section_views(contract, year or datetime.date.today().year)
    numbers: dict[int | None, str] = {view.section.pk: view.section.number for view in views}
    return {
        "organisation_code": contract.organisation.code,
        "organisation": contract.organisation.name,
        "year": contract.year,
        "status": contract.status,
        "signed_on": contract.signed_on,
        "source": contract.source,
        "replaces_year": contract.replaces.year if contract.replaces else None,
        "preamble": contract.preamble,
        "parties": contract.parties_data(),
        "sections": [
            {
                "number": view.section.number,
                "parent_number": numbers.get(view.section.parent_id),
                "title": view.section.title,
                "subject": view.section.subject,
                "writer": view.section.writer,
                "text": view.section.text,
                "links": [_link(live) for live in view.links],
            }
            for view in views
        ],
        "commitments": [_commitment(each) for each in export_commitments(contract)],
    }
