"""What a contract's page shows beside each section: its links with the linked objects' figures
as they are now (a target's verdict, a measure's status and reduction, an investment plan's
total), and its commitments with this year's status."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from klimatlaget.contracts.choices import LinkKind
from klimatlaget.contracts.models import Commitment, Contract, Section, SectionLink
from klimatlaget.investments import figures
from klimatlaget.targets.evaluation import evaluate_organisation, target_parameters
from klimatlaget.targets.register.rows import verdict_text


@dataclass
class LiveLink:
    link: SectionLink
    label: str
    href: str
    #: What the linked object says now ("" for a document).
    figure: str = ""
    #: The figure as a plain value for data attributes and the API.
    value: Any = None


@dataclass
class SectionView:
    section: Section
    links: list[LiveLink] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)
    #: May the reader edit the section (set by the page)?
    editable: bool = False


def _verdicts(contract: Contract) -> dict[int, str]:
    evaluated = evaluate_organisation(contract.organisation.code, target_parameters())
    if evaluated is None:
        return {}
    return {e.target.pk: e.alignment.verdict.value for e in evaluated.targets}


def _live(link: SectionLink, code: str, verdicts: dict[int, str]) -> LiveLink:
    kind = link.kind
    if kind == LinkKind.TARGET and link.target is not None:
        verdict = verdicts.get(link.target.pk, "not_assessed")
        href = reverse("organisation-targets", kwargs={"code": code}) + f"#target-{link.target.pk}"
        return LiveLink(link, str(link.target), href, verdict_text(verdict), verdict)
    if kind == LinkKind.MEASURE and link.measure is not None:
        measure = link.measure
        href = reverse("measure", kwargs={"code": code, "measure_id": measure.pk})
        return LiveLink(
            link, measure.title, href, measure.get_status_display(), measure.expected_reduction_t
        )
    if kind == LinkKind.INVESTMENT_PLAN and link.investment_plan is not None:
        plan = link.investment_plan
        href = reverse("investment-plan", kwargs={"code": code, "plan_id": plan.pk})
        total = figures.plan_figures(plan).totals.capex
        return LiveLink(link, str(plan), href, "", total)
    if kind == LinkKind.ACTION_PLAN and link.action_plan is not None:
        action_plan = link.action_plan
        href = reverse("plan-list", kwargs={"code": code}) + f"#plan-{action_plan.pk}"
        return LiveLink(
            link, str(action_plan), href, action_plan.get_status_display(), action_plan.status
        )
    if kind == LinkKind.INDICATOR and link.indicator is not None:
        indicator = link.indicator
        href = reverse("indicator", kwargs={"code": code, "indicator_id": indicator.pk})
        return LiveLink(link, str(indicator), href)
    return LiveLink(link, link.title or link.url, link.url)


def section_views(contract: Contract, year: int) -> list[SectionView]:
    """The sections in document order, each with its live links and its commitments with
    their status in ``year``."""
    sections = list(contract.sections.all())
    links: dict[int, list[SectionLink]] = defaultdict(list)
    for link in SectionLink.objects.filter(section__contract=contract).select_related(
        "target", "action_plan", "measure", "indicator", "investment_plan"
    ):
        links[link.section_id].append(link)
    verdicts = (
        _verdicts(contract)
        if any(link.kind == LinkKind.TARGET for found in links.values() for link in found)
        else {}
    )
    commitments: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for commitment in (
        Commitment.objects.filter(contract=contract)
        .select_related("party__party")
        .prefetch_related("statuses")
    ):
        status = next((s for s in commitment.statuses.all() if s.year == year), None)
        commitments[commitment.section_id].append({"commitment": commitment, "status": status})
    code = contract.organisation.code
    return [
        SectionView(
            section,
            [_live(link, code, verdicts) for link in links[section.pk]],
            commitments[section.pk],
        )
        for section in sections
    ]
