"""The CDP-ICLEI Track report of an organisation: its modules (governance, climate risk,
inventory, targets, plans and actions) answered from the platform's own objects, each answer with
its source in the platform (the page that shows it), as a workbook (a sheet per module) and JSON.

A module is a function from the :class:`Facts` to a :class:`Module`; :data:`MODULES` lists them
in the questionnaire's order. The last module holds the questionnaire's free-text questions with
the answers stored once on the readiness page: an answer given in an earlier year is carried
forward, marked to be confirmed.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from openpyxl import Workbook

from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.exports.columns import Column
from klimatlaget.exports.registry import ExportFile, ExportFormat, ExportRequest
from klimatlaget.exports.tabular import write_document
from klimatlaget.exports.workbook import save, sheet_name, write_table
from klimatlaget.measures.choices import PlanKind, PlanStatus
from klimatlaget.measures.models import ActionPlan, Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.reporting import gpc
from klimatlaget.reporting.models import Answer
from klimatlaget.reporting.profiles import profile
from klimatlaget.reporting.services import answers_for
from klimatlaget.targets.evaluation import (
    EvaluatedTarget,
    evaluate_organisation,
    target_parameters,
)

PLATFORM = "cdp"
#: The platform's usual base year, when no adopted target names one.
DEFAULT_BASE_YEAR = 1990
MISSING = "missing"


@dataclass(frozen=True)
class Facts:
    """What the modules are answered from."""

    organisation: Organisation
    year: int
    plans: list[ActionPlan]
    measures: list[Measure]
    targets: list[EvaluatedTarget]
    emission_years: list[int]
    #: The stored answers to the profile's free-text questions, by question key.
    answers: dict[str, Answer]


@dataclass(frozen=True)
class Module:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]


def _page(name: str, organisation: Organisation, anchor: str = "") -> str:
    return reverse(name, kwargs={"code": organisation.code}) + anchor


def _plan_source(plan: ActionPlan) -> str:
    return _page("plan-list", plan.organisation, f"#plan-{plan.pk}")


def governance(facts: Facts) -> Module:
    """The organisation, and its adopted plans with who decided them and when."""
    organisation = facts.organisation
    rows: list[dict[str, Any]] = [
        {
            "subject": "organisation",
            "name": organisation.name,
            "code": organisation.code,
            "kind": organisation.kind,
            "source": organisation.get_absolute_url(),
        }
    ]
    for plan in facts.plans:
        if plan.status != PlanStatus.ADOPTED:
            continue
        rows.append(
            {
                "subject": "action_plan",
                "name": plan.title,
                "code": plan.version_label,
                "kind": plan.kind,
                "status": plan.status,
                "decided_on": plan.adopted_on,
                "decided_by": plan.adopted_by,
                "period_from": plan.period_from,
                "period_to": plan.period_to,
                "source": _plan_source(plan),
            }
        )
    if len(rows) == 1:
        rows.append(_missing("action_plan", _page("plan-list", organisation)))
    columns = [
        Column("subject"),
        Column("name", width=40),
        Column("code"),
        Column("kind"),
        Column("status"),
        Column("decided_on", width=12),
        Column("decided_by", width=30),
        Column.year("period_from"),
        Column.year("period_to"),
        Column("source", width=30),
    ]
    return Module("governance", "Governance", columns, rows)


def _missing(subject: str, source: str) -> dict[str, Any]:
    """A row saying the platform has nothing for ``subject`` yet; the source is where to add it."""
    return {"subject": subject, "status": MISSING, "source": source}


def climate_risk(facts: Facts) -> Module:
    """Adaptation plans and the measures against a climate hazard, else marked missing."""
    organisation = facts.organisation
    adaptation = (PlanKind.ADAPTATION, PlanKind.BOTH)
    rows: list[dict[str, Any]] = [
        {
            "subject": "adaptation_plan",
            "name": plan.title,
            "status": plan.status,
            "period_from": plan.period_from,
            "period_to": plan.period_to,
            "source": _plan_source(plan),
        }
        for plan in facts.plans
        if plan.kind in adaptation
    ]
    if not rows:
        rows.append(_missing("adaptation_plan", _page("plan-list", organisation)))
    measures = [
        measure
        for measure in facts.measures
        if measure.hazard or (measure.plan is not None and measure.plan.kind in adaptation)
    ]
    rows += [
        {
            "subject": "adaptation_measure",
            "name": measure.title,
            "hazard": measure.hazard,
            "status": measure.status,
            "period_from": measure.start_year,
            "period_to": measure.end_year,
            "source": _measure_source(measure),
        }
        for measure in measures
    ]
    if not measures:
        rows.append(_missing("adaptation_measure", _page("measure-register", organisation)))
    columns = [
        Column("subject"),
        Column("name", width=40),
        Column("hazard"),
        Column("status"),
        Column.year("period_from"),
        Column.year("period_to"),
        Column("source", width=30),
    ]
    return Module("climate_risk", "Climate risk", columns, rows)


def _measure_source(measure: Measure) -> str:
    return reverse("measure", kwargs={"code": measure.organisation.code, "measure_id": measure.pk})


def base_year(facts: Facts) -> int | None:
    """The inventory's base year: the one the adopted targets use most (the earliest of equals),
    else 1990, else the first year with emissions; never after the report's year."""
    years = [year for year in facts.emission_years if year <= facts.year]
    if not years:
        return None
    named = Counter(
        e.target.base_year
        for e in facts.targets
        if e.target.status == "adopted" and e.target.base_year in years
    )
    if named:
        return min(named, key=lambda year: (-named[year], year))
    return DEFAULT_BASE_YEAR if DEFAULT_BASE_YEAR in years else years[0]


def inventory(facts: Facts) -> Module:
    """The GPC inventory (:mod:`klimatlaget.reporting.gpc`) of the base year and the report's
    year, the unplaced rows included, so each year's rows add up to SMHI's total."""
    organisation = facts.organisation
    source = organisation.get_absolute_url()
    rows: list[dict[str, Any]] = []
    first = base_year(facts)
    for role, year in (("base_year", first), ("latest_year", facts.year)):
        if year is None or year not in facts.emission_years:
            rows.append({"inventory": role, "year": year, "row_kind": MISSING, "source": source})
            continue
        for row in gpc.table_rows(gpc.inventory_for(organisation, year)):
            rows.append({"inventory": role, "year": year, **row, "source": source})
    columns = [Column("inventory"), Column.year("year"), *gpc.COLUMNS, Column("source", width=30)]
    return Module("inventory", "Inventory (GPC)", columns, rows)


def targets(facts: Facts) -> Module:
    """Every target with its base year and base-year emissions, target year, reduction, scopes
    and its 1.5 °C verdict (targets/evaluation.py)."""
    organisation = facts.organisation
    series = load_dataset().get(organisation.code)
    totals = series.total if series else {}
    rows: list[dict[str, Any]] = []
    for evaluated in facts.targets:
        target = evaluated.target
        reduction = target.value if target.form == "percent_reduction" else None
        rows.append(
            {
                "target_id": target.pk,
                "title": target.title,
                "status": target.status,
                "form": target.form,
                "geography": target.geography,
                "scopes": " | ".join(target.scopes),
                "base_year": target.base_year,
                "base_year_tco2e": totals.get(target.base_year) if target.base_year else None,
                "target_year": target.target_year,
                "reduction_pct": reduction,
                "reduction_vs_1990_pct": evaluated.normalised.reduction_at_target_year_pct,
                "verdict_1_5c": evaluated.alignment.verdict.value,
                "source": _page("organisation-targets", organisation, f"#target-{target.pk}"),
            }
        )
    if not rows:
        rows.append({"status": MISSING, "source": _page("organisation-targets", organisation)})
    columns = [
        Column.integer("target_id"),
        Column("title", width=40),
        Column("status"),
        Column("form"),
        Column("geography"),
        Column("scopes"),
        Column.year("base_year"),
        Column.decimal("base_year_tco2e", 0),
        Column.year("target_year"),
        Column.decimal("reduction_pct", 1),
        Column.decimal("reduction_vs_1990_pct", 1),
        Column("verdict_1_5c", width=12),
        Column("source", width=30),
    ]
    return Module("targets", "Targets", columns, rows)


def plans_and_actions(facts: Facts) -> Module:
    """Action plans (every status) and measures with status, sector, cost and expected reduction."""
    organisation = facts.organisation
    rows: list[dict[str, Any]] = [
        {
            "subject": "action_plan",
            "title": plan.title,
            "status": plan.status,
            "kind": plan.kind,
            "start_year": plan.period_from,
            "end_year": plan.period_to,
            "source": _plan_source(plan),
        }
        for plan in facts.plans
    ]
    for measure in facts.measures:
        rows.append(
            {
                "subject": "measure",
                "code": measure.code,
                "title": measure.title,
                "status": measure.status,
                "kind": measure.type,
                "sector": measure.sector,
                "plan": measure.plan.title if measure.plan else "",
                "start_year": measure.start_year,
                "end_year": measure.end_year,
                "cost_sek": measure.budget_sek,
                "expected_reduction_t": measure.expected_reduction_t,
                "expected_low_t": measure.expected_low_t,
                "expected_high_t": measure.expected_high_t,
                "effect_year": measure.effect_year,
                "source": _measure_source(measure),
            }
        )
    if not facts.plans:
        rows.append(_missing("action_plan", _page("plan-list", organisation)))
    if not facts.measures:
        rows.append(_missing("measure", _page("measure-register", organisation)))
    columns = [
        Column("subject"),
        Column("code"),
        Column("title", width=40),
        Column("status"),
        Column("kind"),
        Column("sector", width=24),
        Column("plan", width=24),
        Column.year("start_year"),
        Column.year("end_year"),
        Column.integer("cost_sek"),
        Column.decimal("expected_reduction_t", 0),
        Column.decimal("expected_low_t", 0),
        Column.decimal("expected_high_t", 0),
        Column.year("effect_year"),
        Column("source", width=30),
    ]
    return Module("plans_and_actions", "Plans and actions", columns, rows)


#: An answer given for the report's year (or later).
ANSWERED = "answered"
#: An answer of an earlier year, carried forward until someone confirms or changes it.
CARRIED_FORWARD = "carried forward: confirm"


def _questions() -> list[tuple[str, str]]:
    """The CDP profile's free-text questions: (item id, shared question key)."""
    cdp = profile(PLATFORM)
    items = cdp.items if cdp else ()
    return [(item.id, item.question) for item in items if item.question]


def _answer_row(facts: Facts, item_id: str, key: str, page: str) -> dict[str, Any]:
    answer = facts.answers.get(key)
    row: dict[str, Any] = {"item": item_id, "question": key, "source": f"{page}#question-{key}"}
    if answer is None:
        return {**row, "status": MISSING}
    status = ANSWERED if answer.year >= facts.year else CARRIED_FORWARD
    return {**row, "status": status, "answer": answer.text, "year_answered": answer.year}


def free_text_answers(facts: Facts) -> Module:
    """The questions the platform's objects cannot answer, with the answers stored on the
    readiness page; each is the same answer every profile asking the question reuses."""
    page = _page("reporting", facts.organisation)
    rows = [_answer_row(facts, item_id, key, page) for item_id, key in _questions()]
    columns = [
        Column("item"),
        Column("question"),
        Column("status", width=22),
        Column("answer", width=60),
        Column.year("year_answered"),
        Column("source", width=30),
    ]
    return Module("answers", "Answers", columns, rows)


#: The report's modules in the questionnaire's order.
MODULES: list[Callable[[Facts], Module]] = [
    governance,
    climate_risk,
    inventory,
    targets,
    plans_and_actions,
    free_text_answers,
]


def facts(organisation: Organisation, year: int) -> Facts:
    evaluated = evaluate_organisation(organisation.code, target_parameters())
    plans = list(
        ActionPlan.objects.filter(organisation=organisation).select_related("organisation")
    )
    measures = list(
        Measure.objects.filter(organisation=organisation)
        .select_related("organisation", "plan")
        .order_by("code", "pk")
    )
    return Facts(
        organisation,
        year,
        plans,
        measures,
        evaluated.targets if evaluated else [],
        gpc.emission_years(organisation),
        answers_for(organisation, [key for _item, key in _questions()]),
    )


def modules(organisation: Organisation, year: int) -> list[Module]:
    known = facts(organisation, year)
    return [build(known) for build in MODULES]


def document(organisation: Organisation, year: int, built: list[Module]) -> dict[str, Any]:
    return {
        "platform": "CDP-ICLEI Track",
        "organisation": {"code": organisation.code, "name": organisation.name},
        "year": year,
        "modules": {
            module.key: [
                {column.key: row.get(column.key) for column in module.columns}
                for row in module.rows
            ]
            for module in built
        },
    }


def xlsx(built: list[Module]) -> bytes:
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    taken: set[str] = set()
    for module in built:
        sheet = book.create_sheet(sheet_name(module.title, taken))
        write_table(sheet, module.rows, module.columns)
    return save(book)


def write(request: ExportRequest) -> ExportFile:
    """The ``cdp-iclei-track`` exporter."""
    organisation, year = request.organisation, request.year
    if organisation is None or year is None:
        raise ValueError("The CDP-ICLEI Track report is of one organisation and one year.")
    built = modules(organisation, year)
    if request.format == ExportFormat.JSON:
        content = write_document(document(organisation, year, built))
    else:
        content = xlsx(built)
    name = f"cdp-iclei-track-{organisation.code}-{year}.{request.format.value}"
    return ExportFile(content, name, request.format)
