"""Two versions of an organisation's climate contract side by side: which versions (the
earlier year is the old one), the section-by-section comparison of
:func:`klimatlaget.calc.contract_diff.diff_contracts`, and its summary as a table."""

from dataclasses import dataclass
from typing import Any

from klimatlaget.calc.contract_diff import ContractDiff, SectionChange, Status, diff_contracts
from klimatlaget.contracts.models import Contract, Section

#: The summary's columns, one row per section.
COLUMNS = [
    "status",
    "old_number",
    "new_number",
    "old_title",
    "new_title",
    "subject",
    "renumbered",
]


@dataclass(frozen=True, slots=True)
class StoredSection:
    """A stored section as the comparison reads it (with its id)."""

    id: int
    number: str
    title: str
    text: str
    subject: str | None

    @classmethod
    def of(cls, section: Section) -> "StoredSection":
        return cls(section.pk, section.number, section.title, section.text, section.subject)


@dataclass(frozen=True)
class Comparison:
    """The old and the new version and how their sections differ."""

    old: Contract
    new: Contract
    diff: ContractDiff[StoredSection]

    def counts(self) -> dict[str, int]:
        counts = {status.value: self.diff.count(status) for status in Status}
        counts["renumbered"] = sum(1 for change in self.diff.changes if change.renumbered)
        return counts


def compare(one: Contract, other: Contract) -> Comparison:
    """The comparison of two versions, the earlier year's as the old one."""
    old, new = sorted((one, other), key=lambda contract: contract.year)
    diff = diff_contracts(_sections(old), _sections(new))
    return Comparison(old, new, diff)


def summary_row(change: SectionChange[StoredSection]) -> dict[str, Any]:
    """One section of the comparison as a row of :data:`COLUMNS` (with the sections' ids)."""
    old, new = change.old, change.new
    return {
        "status": change.status.value,
        "old_id": old.id if old else None,
        "new_id": new.id if new else None,
        "old_number": old.number if old else None,
        "new_number": new.number if new else None,
        "old_title": old.title if old else None,
        "new_title": new.title if new else None,
        "subject": change.subject,
        "renumbered": change.renumbered,
    }


def _sections(contract: Contract) -> list[StoredSection]:
    return [StoredSection.of(section) for section in contract.sections.order_by("position", "id")]
