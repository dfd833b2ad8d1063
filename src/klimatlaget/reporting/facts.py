"""What the platform already knows, by the fact keys the profiles name.

Each fact function reads one organisation's data and says whether the fact is answered, as of
which year, what it says in a few words and where to fill it in (the address of the page that
edits it). :data:`FACTS` maps the profiles' keys to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from klimatlaget.calc.targets.alignment import Verdict
from klimatlaget.contracts.choices import ContractStatus
from klimatlaget.contracts.models import Contract
from klimatlaget.emissions.models import TOTAL_SECTOR, Emission
from klimatlaget.followup.models import FollowUpPeriod, PeriodState
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures.choices import CONSUMPTION, PlanKind, PlanStatus
from klimatlaget.measures.models import ActionPlan, IndicatorValue, Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.evaluation import evaluate_organisation, target_parameters
from klimatlaget.targets.models import FormChoice, GeographyChoice, StatusChoice, Target


@dataclass(frozen=True)
class Fact:
    answered: bool
    as_of: int | None  # the year the answer is from
    url: str  # where to fill it in
    detail: str = ""


def _url(name: str, organisation: Organisation) -> str:
    return reverse(name, kwargs={"code": organisation.code})


def _absolute_target(organisation: Organisation) -> Target | None:
    """The organisation's adopted territorial target of an absolute reduction from a base year
    (the latest target year first)."""
    return (
        Target.objects.filter(
            organisation=organisation,
            status=StatusChoice.ADOPTED,
            form=FormChoice.PERCENT_REDUCTION,
            geography=GeographyChoice.TERRITORY,
            per_capita=False,
            base_year__isnull=False,
            target_year__isnull=False,
            value__isnull=False,
        )
        .order_by("-target_year", "-id")
        .first()
    )


def target_absolute(organisation: Organisation) -> Fact:
    target = _absolute_target(organisation)
    url = _url("organisation-targets", organisation)
    if target is None:
        return Fact(False, None, url)
    year = target.adopted_on.year if target.adopted_on else target.updated_at.year
    detail = _("−%(value)s %% by %(target_year)s from %(base_year)s") % {
        "value": f"{target.value:g}",
        "target_year": target.target_year,
        "base_year": target.base_year,
    }
    return Fact(True, year, url, detail)


def target_verdict(organisation: Organisation) -> Fact:
    evaluated = evaluate_organisation(organisation.code, target_parameters())
    url = _url("organisation-targets", organisation)
    alignment = evaluated.alignment if evaluated else None
    if alignment is None or alignment.verdict == Verdict.NOT_ASSESSED:
        return Fact(False, None, url)
    series = evaluated.series if evaluated else None
    year = max(series.total) if series and series.total else None
    labels = {
        Verdict.IN_LINE: _("in line with 1.5 °C"),
        Verdict.PARTLY: _("partly in line with 1.5 °C"),
        Verdict.NOT_IN_LINE: _("not in line with 1.5 °C"),
    }
    return Fact(True, year, url, labels[alignment.verdict])


def _sector_years(organisation: Organisation) -> list[int]:
    return sorted(
        Emission.objects.filter(organisation=organisation)
        .exclude(sector=TOTAL_SECTOR)
        .values_list("year", flat=True)
        .distinct()
    )


def emissions_base_year(organisation: Organisation) -> Fact:
    """Emissions by sector in the base year of the target (else the first year SMHI has)."""
    years = _sector_years(organisation)
    target = _absolute_target(organisation)
    base = target.base_year if target else (years[0] if years else None)
    url = organisation.get_absolute_url()
    if base is None or base not in years:
        return Fact(False, None, url)
    return Fact(True, base, url, str(base))


def emissions_recent(organisation: Organisation) -> Fact:
    years = _sector_years(organisation)
    url = organisation.get_absolute_url()
    return Fact(True, years[-1], url, str(years[-1])) if years else Fact(False, None, url)


def emissions_consumption(organisation: Organisation) -> Fact:
    """Consumption-based emissions: values of an indicator of the consumption sector."""
    latest = IndicatorValue.objects.filter(
        indicator__organisation=organisation, indicator__sector=CONSUMPTION
    ).aggregate(year=Max("year"))["year"]
    url = _url("indicator-list", organisation)
    return Fact(latest is not None, latest, url, str(latest or ""))


def _adopted_plan(organisation: Organisation, kinds: tuple[str, ...]) -> ActionPlan | None:
    return (
        ActionPlan.objects.filter(
            organisation=organisation, kind__in=kinds, status=PlanStatus.ADOPTED
        )
        .order_by("-adopted_on", "-period_from", "-id")
        .first()
    )


def _plan_fact(organisation: Organisation, kinds: tuple[str, ...]) -> Fact:
    plan = _adopted_plan(organisation, kinds)
    url = _url("plan-list", organisation)
    if plan is None:
        return Fact(False, None, url)
    year = plan.adopted_on.year if plan.adopted_on else plan.period_from or plan.updated_at.year
    return Fact(True, year, url, str(plan))


def plan_mitigation(organisation: Organisation) -> Fact:
    return _plan_fact(organisation, (PlanKind.MITIGATION, PlanKind.BOTH))


def plan_adaptation(organisation: Organisation) -> Fact:
    return _plan_fact(organisation, (PlanKind.ADAPTATION, PlanKind.BOTH))


def _measures_fact(organisation: Organisation, measures: QuerySet[Measure]) -> Fact:
    summary = measures.aggregate(latest=Max("updated_at"))
    number = measures.count()
    url = _url("measure-register", organisation)
    if not number:
        return Fact(False, None, url)
    return Fact(True, summary["latest"].year, url, _("%(count)s measures") % {"count": number})


def measures_quantified(organisation: Organisation) -> Fact:
    return _measures_fact(
        organisation,
        Measure.objects.filter(organisation=organisation, expected_reduction_t__isnull=False),
    )


def measures_adaptation(organisation: Organisation) -> Fact:
    return _measures_fact(
        organisation, Measure.objects.filter(organisation=organisation).exclude(hazard="")
    )


def indicators(organisation: Organisation) -> Fact:
    latest = IndicatorValue.objects.filter(indicator__organisation=organisation).aggregate(
        year=Max("year")
    )["year"]
    return Fact(latest is not None, latest, _url("indicator-list", organisation), str(latest or ""))


def investment_plan(organisation: Organisation) -> Fact:
    plan = (
        InvestmentPlan.objects.filter(organisation=organisation)
        .order_by("-year", "-version_number")
        .first()
    )
    url = _url("investment-plans", organisation)
    if plan is None:
        return Fact(False, None, url)
    return Fact(True, plan.year, url, f"{plan.year} ({plan.get_status_display()})")


def contract_signed(organisation: Organisation) -> Fact:
    contract = (
        Contract.objects.filter(
            organisation=organisation,
            status__in=(ContractStatus.SIGNED, ContractStatus.SUPERSEDED),
        )
        .order_by("-year")
        .first()
    )
    url = _url("contracts", organisation)
    if contract is None:
        return Fact(False, None, url)
    return Fact(True, contract.year, url, str(contract.year))


def followup_recent(organisation: Organisation) -> Fact:
    latest = FollowUpPeriod.objects.filter(
        organisation=organisation, state=PeriodState.APPROVED
    ).aggregate(year=Max("year"))["year"]
    url = _url("follow-up-list", organisation)
    return Fact(latest is not None, latest, url, str(latest or ""))


FACTS: dict[str, Callable[[Organisation], Fact]] = {
    "target.absolute": target_absolute,
    "target.verdict_1_5": target_verdict,
    "emissions.by_sector.base_year": emissions_base_year,
    "emissions.by_sector.recent": emissions_recent,
    "emissions.consumption": emissions_consumption,
    "plan.mitigation_adopted": plan_mitigation,
    "plan.adaptation": plan_adaptation,
    "measures.quantified": measures_quantified,
    "measures.adaptation_by_hazard": measures_adaptation,
    "indicators": indicators,
    "investment_plan": investment_plan,
    "contract.signed": contract_signed,
    "followup.recent": followup_recent,
}


def facts_of(organisation: Organisation, keys: set[str]) -> dict[str, Fact]:
    """The facts ``keys`` of ``organisation``, each read once."""
    return {key: FACTS[key](organisation) for key in sorted(keys)}
