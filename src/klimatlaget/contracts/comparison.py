"""The cities' contracts side by side: each city's version of a year (or its latest up to that
year), its sections on one subject with the figures of their links, and the coverage of the
template's subjects per city. Only the contracts the reader may read take part."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import User
from klimatlaget.accounts.resolvers import readable_contracts
from klimatlaget.calc.contract_coverage import (
    SubjectCoverage,
    city_coverage,
    covered_subjects,
)
from klimatlaget.contracts.models import Contract, Section, SectionLink
from klimatlaget.contracts.subjects import current_template
from klimatlaget.exports.columns import Column, Kind
from klimatlaget.investments import figures
from klimatlaget.targets.evaluation import evaluate_organisation, target_parameters
from klimatlaget.targets.register.rows import verdict_text

Reader = User

#: The comparison table's columns (CSV, workbook and API alike).
COLUMNS = (
    Column("organisation_code", _("Code")),
    Column("organisation", _("Organisation"), width=28),
    Column("year", _("Version"), Kind.YEAR),
    Column("status", _("Status")),
    Column("latest_up_to_year", _("Latest up to the year")),
    Column("sections", _("Sections"), Kind.INTEGER),
    Column("section_titles", _("Section titles"), width=40),
    Column("target_verdict", _("Target verdict")),
    Column("measures", _("Measures"), Kind.INTEGER),
    Column("expected_reduction_t", _("Expected reduction (t CO2e)"), Kind.DECIMAL, 1),
    Column("investment_total", _("Investment plan total (SEK)"), Kind.INTEGER),
)

#: The coverage table's columns besides one per subject.
COVERAGE_COLUMNS = (
    Column("organisation_code", _("Code")),
    Column("organisation", _("Organisation"), width=28),
    Column("year", _("Version"), Kind.YEAR),
)


def subject_ids() -> list[str]:
    """The template's subjects in the programme's order (parents before their children)."""
    template = current_template()
    ordered: list[str] = []

    def walk(parent: str | None) -> None:
        for subject in template.children(parent):
            ordered.append(subject.id)
            walk(subject.id)

    walk(None)
    return ordered


def versions(user: Reader, year: int | None) -> list[Contract]:
    """Each city's readable version of ``year``, or its latest before; the latest of all
    without a year. By the organisation's name."""
    contracts = readable_contracts(user)
    if year is not None:
        contracts = contracts.filter(year__lte=year)
    chosen: dict[int, Contract] = {}
    for contract in contracts.order_by("organisation_id", "-year"):
        chosen.setdefault(contract.organisation_id, contract)
    return sorted(chosen.values(), key=lambda c: (c.organisation.name, c.organisation.code))


def years(user: Reader) -> list[int]:
    """The years of the readable versions, latest first."""
    found = readable_contracts(user).values_list("year", flat=True)
    return sorted(set(found), reverse=True)


@dataclass
class CityCard:
    """One city's version and its sections on the subject, with the figures of their links."""

    contract: Contract
    requested_year: int | None
    sections: list[Section] = field(default_factory=list)
    target_verdict: str = ""
    measures: int = 0
    expected_reduction_t: float = 0.0
    investment_total: float | None = None

    @property
    def latest_up_to_year(self) -> bool:
        """Is this an earlier version than the year asked for (the city's latest up to it)?"""
        return self.requested_year is not None and self.contract.year != self.requested_year

    @property
    def verdict_label(self) -> str:
        return verdict_text(self.target_verdict) if self.target_verdict else ""

    def row(self) -> dict[str, Any]:
        organisation = self.contract.organisation
        return {
            "organisation_code": organisation.code,
            "organisation": organisation.name,
            "year": self.contract.year,
            "status": self.contract.status,
            "latest_up_to_year": self.latest_up_to_year,
            "sections": len(self.sections),
            "section_titles": "; ".join(str(section) for section in self.sections),
            "target_verdict": self.target_verdict,
            "measures": self.measures,
            "expected_reduction_t": round(self.expected_reduction_t, 1),
            "investment_total": self.investment_total,
        }


def _verdict(card: CityCard, links: list[SectionLink]) -> str:
    targets = [link.target_id for link in links if link.target_id is not None]
    if not targets:
        return ""
    evaluated = evaluate_organisation(card.contract.organisation.code, target_parameters())
    verdicts = (
        {e.target.pk: e.alignment.verdict.value for e in evaluated.targets} if evaluated else {}
    )
    return verdicts.get(targets[0], "not_assessed")


def _figures(card: CityCard, links: list[SectionLink]) -> None:
    card.target_verdict = _verdict(card, links)
    measures = {link.measure_id: link.measure for link in links if link.measure is not None}
    card.measures = len(measures)
    card.expected_reduction_t = sum(
        (measure.expected_reduction_t or 0.0 for measure in measures.values() if measure), 0.0
    )
    plans = [link.investment_plan for link in links if link.investment_plan is not None]
    if plans:
        latest = max(plans, key=lambda plan: (plan.year, plan.pk))
        card.investment_total = float(figures.plan_figures(latest).totals.capex)


def compare(user: Reader, subject: str, year: int | None) -> list[CityCard]:
    """Every city's version of ``year`` (or its latest up to it) with its sections on
    ``subject`` (or its descendants) and the figures of their links; cities whose version
    has none are left out."""
    contracts = versions(user, year)
    by_contract: dict[int, list[Section]] = defaultdict(list)
    sections = (
        Section.objects.filter(contract__in=[c.pk for c in contracts])
        .filter(Q(subject=subject) | Q(subject__startswith=subject + "."))
        .order_by("contract_id", "position", "id")
    )
    for section in sections:
        by_contract[section.contract_id].append(section)
    links: dict[int, list[SectionLink]] = defaultdict(list)
    chosen = [section.pk for found in by_contract.values() for section in found]
    for link in SectionLink.objects.filter(section__in=chosen).select_related(
        "section", "measure", "investment_plan"
    ):
        links[link.section.contract_id].append(link)
    cards = []
    for contract in contracts:
        if not by_contract[contract.pk]:
            continue
        card = CityCard(contract, year, by_contract[contract.pk])
        _figures(card, links[contract.pk])
        cards.append(card)
    return cards


@dataclass
class CoverageRow:
    contract: Contract
    #: Subject → the first section on it (None where the contract lacks it).
    cells: dict[str, Section | None]

    def row(self, subjects: list[str]) -> dict[str, Any]:
        organisation = self.contract.organisation
        return {
            "organisation_code": organisation.code,
            "organisation": organisation.name,
            "year": self.contract.year,
            **{subject: self.cells.get(subject) is not None for subject in subjects},
        }


def coverage(user: Reader, year: int | None) -> list[CoverageRow]:
    """Each city's version of ``year`` (or its latest up to it) with the first section on
    each subject of the template (a section covers its subject's ancestors too)."""
    contracts = versions(user, year)
    subjects = subject_ids()
    firsts: dict[int, dict[str, Section]] = defaultdict(dict)
    for section in (
        Section.objects.filter(contract__in=[c.pk for c in contracts])
        .only("contract_id", "number", "title", "subject")
        .order_by("contract_id", "position", "id")
    ):
        for subject in covered_subjects([section.subject]):
            firsts[section.contract_id].setdefault(subject, section)
    return [
        CoverageRow(contract, {s: firsts[contract.pk].get(s) for s in subjects})
        for contract in contracts
    ]


def city_gaps(rows: list[CoverageRow], code: str) -> list[SubjectCoverage]:
    """The subjects the city ``code`` covers or lacks beside the others, most covered first."""
    covered = {
        row.contract.organisation.code: {s for s, found in row.cells.items() if found}
        for row in rows
    }
    return city_coverage(code, covered, subject_ids())


def subject_names() -> dict[str, str]:
    """Subject id → its name in the active language (Swedish or English)."""
    swedish = (get_language() or "sv").startswith("sv")
    return {s.id: s.name_sv if swedish else s.name_en for s in current_template().subjects}
