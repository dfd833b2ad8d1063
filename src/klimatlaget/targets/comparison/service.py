"""Comparing targets: every stored target (and the two reference targets) as one flat row, ranked
from sharpest to weakest within its scope group, by the experts' ladder of wordings or by the
implied reduction. Used by the page, its CSV, the API and the CLI.

Everything comes from :func:`~klimatlaget.targets.evaluation.evaluate_all` (cached per data
version), so building the rows makes no query per target.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from klimatlaget.calc.targets import (
    GROUP_SCOPE_1_2,
    GROUP_SCOPE_1_2_3,
    Form,
    NormalisedTarget,
    Order,
    ReferenceTarget,
    Rung,
    TargetParameters,
    TargetSpec,
    Verdict,
    rank_in_groups,
    reference_targets,
    rung,
)
from klimatlaget.calc.targets.references import EU, SWEDEN
from klimatlaget.charts import number_formatter
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.emissions.metrics import all_metrics
from klimatlaget.exports.columns import Column
from klimatlaget.organisations.models import NATION_CODE
from klimatlaget.targets.evaluation import EvaluatedTarget, OrganisationTargets, evaluate_all
from klimatlaget.targets.models import FormChoice, StatusChoice
from klimatlaget.targets.notes import note_text

#: The columns of the CSV file, the API and the CLI, in this order.
COLUMNS = [
    Column("organisation_code"),
    Column("organisation"),
    Column("county"),
    Column("is_reference"),
    Column("target_id"),
    Column("title"),
    Column("status"),
    Column("geography"),
    Column("scope_group"),
    Column("scopes"),
    Column("form"),
    Column("ladder_rung"),
    Column.decimal("value", 1),
    Column.year("base_year"),
    Column.year("start_year"),
    Column.year("target_year"),
    Column("per_capita"),
    Column.percent("implied_reduction_1990_at_2030_pct", per_cent=True),
    Column.percent("implied_reduction_1990_at_2045_pct", per_cent=True),
    Column.percent("implied_annual_rate_pct", per_cent=True),
    Column.integer("cumulative_to_2050_t"),
    Column.decimal("sharpness_years", 1),
    Column.integer("rank_in_group"),
    Column("paris_alignment"),
]

GROUPS: dict[str, Promise] = {
    GROUP_SCOPE_1_2: gettext_lazy("Scope 1–2: emissions in the territory and from energy used"),
    GROUP_SCOPE_1_2_3: gettext_lazy("Scope 1–2–3: including consumption and goods bought"),
}

NO_TARGET = "no_target"
VERDICT_LABELS: dict[str, Promise] = {
    Verdict.IN_LINE: gettext_lazy("In line"),
    Verdict.PARTLY: gettext_lazy("Partly in line"),
    Verdict.NOT_IN_LINE: gettext_lazy("Not in line"),
    Verdict.NOT_ASSESSED: gettext_lazy("Not assessed"),
    NO_TARGET: gettext_lazy("No target"),
}
#: A symbol beside each verdict label, so the verdict never depends on colour.
VERDICT_SYMBOLS = {
    Verdict.IN_LINE: "✓",
    Verdict.PARTLY: "◐",
    Verdict.NOT_IN_LINE: "✗",
    Verdict.NOT_ASSESSED: "–",
    NO_TARGET: "∅",
}
FORM_LABELS: dict[str, Promise] = {value: label for value, label in FormChoice.choices}
STATUS_LABELS: dict[str, Promise] = {value: label for value, label in StatusChoice.choices}
RUNG_LABELS: dict[str, Promise] = {
    Rung.CLIMATE_POSITIVE: gettext_lazy("Climate positive"),
    Rung.CLIMATE_NEUTRAL: gettext_lazy("Climate neutral / net zero, whole municipality"),
    Rung.CLIMATE_NEUTRAL_PART: gettext_lazy("Climate neutral for the city or another part only"),
    Rung.RENEWABLE_100: gettext_lazy("100 % renewable energy"),
    Rung.FOSSIL_FREE: gettext_lazy("Fossil free"),
    Rung.MINUS_100: gettext_lazy("−100 % (also per inhabitant)"),
    Rung.NEAR_ZERO: gettext_lazy("Near zero (−90 %)"),
    Rung.PERCENT: gettext_lazy("Percentage reduction"),
}
ORDER_LABELS: dict[str, Promise] = {
    Order.LADDER: gettext_lazy("By wording (experts' ladder)"),
    Order.REDUCTION: gettext_lazy("By implied reduction"),
}
REFERENCE_NAMES: dict[str, Promise] = {
    SWEDEN: gettext_lazy("Sweden: net zero by 2045 (national target)"),
    EU: gettext_lazy("EU: climate neutral by 2050 (European Climate Law)"),
}


@dataclass(frozen=True)
class Filters:
    """What the comparison shows and in which order. Empty strings mean "all". ``status``
    selects adopted or proposed targets; ranks are computed among the targets of the chosen
    status, before the other filters, so a filtered table keeps each target's rank among all of
    them. ``order`` ranks by the experts' ladder (default) or by the implied reduction."""

    scope_group: str = ""
    county: str = ""
    form: str = ""
    verdict: str = ""
    status: str = ""
    order: Order = Order.LADDER

    @classmethod
    def from_query(cls, query: Mapping[str, Any], *, strict: bool = False) -> Filters:
        """Filters from a query string; unknown values are ignored, or with ``strict`` raise
        ValueError naming the parameter (for the API and the CLI)."""
        allowed = {
            "scope_group": set(GROUPS),
            "form": {f.value for f in Form},
            "verdict": {v.value for v in Verdict},
            "status": set(STATUS_LABELS),
            "order": {o.value for o in Order},
        }
        values: dict[str, Any] = {}
        for name in ("scope_group", "county", "form", "verdict", "status", "order"):
            value = str(query.get(name) or "").strip()
            if value and name in allowed and value not in allowed[name]:
                if strict:
                    known = ", ".join(sorted(allowed[name]))
                    raise ValueError(f"unknown {name} {value!r}; use one of {known}")
                value = ""
            values[name] = value
        values["order"] = Order(values["order"] or Order.LADDER)
        return cls(**values)


@dataclass
class Comparison:
    filters: Filters
    rows: list[dict[str, Any]]
    counties: list[tuple[str, str]] = field(default_factory=list)

    def groups(self) -> list[tuple[str, Promise, list[dict[str, Any]]]]:
        """(group, label, rows) for each scope group with rows, 1–2 first."""
        return [
            (key, label, [r for r in self.rows if r["scope_group"] == key])
            for key, label in GROUPS.items()
            if any(r["scope_group"] == key for r in self.rows)
        ]


def build_comparison(
    params: TargetParameters, filters: Filters | None = None, *, references: bool = True
) -> Comparison:
    """Every stored target of the chosen status, plus the reference targets, ranked and filtered."""
    filters = filters or Filters()
    evaluated = evaluate_all(params)
    rows: list[dict[str, Any]] = []
    normalised: list[tuple[int, NormalisedTarget]] = []
    for org in evaluated.values():
        for item in org.targets:
            if filters.status and item.target.status != filters.status:
                continue
            normalised.append((len(rows), item.normalised))
            rows.append(_target_row(org, item))
    if references:
        for reference in normalised_references(params):
            normalised.append((len(rows), reference.normalised))
            rows.append(_reference_row(reference))
    ranks = rank_in_groups(normalised, filters.order)
    for index, row in enumerate(rows):
        row["rank_in_group"] = ranks.get(index)
    counties = sorted(
        {(r["county_code"], r["county"]) for r in rows if r["county_code"]},
        key=lambda c: c[1].casefold(),
    )
    shown = [r for r in rows if _keep(r, filters)]
    shown.sort(key=_order)
    return Comparison(filters, shown, counties)


def comparison_rows(
    params: TargetParameters, filters: Filters | None = None
) -> list[dict[str, Any]]:
    return build_comparison(params, filters).rows


def normalised_references(params: TargetParameters) -> list[ReferenceTarget]:
    """Sweden's and the EU's targets, normalised with the nation's series."""
    nation = load_dataset().get(NATION_CODE)
    if nation is None or not nation.total:
        return reference_targets({}, params)
    metrics = all_metrics(params.metrics).get(NATION_CODE)
    return reference_targets(nation.total, params, metrics.trend if metrics else None)


def _figures(target: NormalisedTarget, tonnes: bool = True) -> dict[str, Any]:
    implied = target.implied_reduction_1990_pct
    return {
        "implied_reduction_1990_at_2030_pct": _round(implied.get(2030), 1),
        "implied_reduction_1990_at_2045_pct": _round(implied.get(2045), 1),
        "implied_annual_rate_pct": _round(target.implied_annual_rate_pct, 2),
        "cumulative_to_2050_t": _round(target.cumulative_t, 0) if tonnes else None,
        "sharpness_years": _round(target.sharpness, 2),
    }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _target_row(org: OrganisationTargets, item: EvaluatedTarget) -> dict[str, Any]:
    target, normalised = item.target, item.normalised
    spec = normalised.spec
    county_code = org.series.county_code if org.series else None
    if county_code is None and target.organisation.county is not None:
        county_code = target.organisation.county.code
    if org.kind == "county":
        county_code, county = org.code, org.name
    else:
        county = org.county
    return {
        "key": f"t{target.pk}",
        "organisation_code": org.code,
        "organisation": org.name,
        "county": county,
        "county_code": county_code or "",
        "is_reference": False,
        "target_id": target.pk,
        "title": target.title,
        "status": target.status,
        "geography": target.geography,
        "scope_group": spec.scope_group,
        "scopes": target.scopes_text,
        "form": target.form,
        "ladder_rung": _rung(spec),
        "value": target.value,
        "base_year": target.base_year,
        "start_year": target.start_year,
        "target_year": normalised.target_year,
        "per_capita": target.per_capita,
        **_figures(normalised),
        "paris_alignment": str(item.alignment.verdict),
        "reasons": item.alignment.reasons,
    }


def _reference_row(reference: ReferenceTarget) -> dict[str, Any]:
    spec, normalised = reference.spec, reference.normalised
    return {
        "key": f"ref-{reference.key}",
        "organisation_code": reference.key,
        "organisation": str(REFERENCE_NAMES[reference.key]),
        "county": "",
        "county_code": "",
        "is_reference": True,
        "target_id": None,
        "title": "",
        "status": StatusChoice.ADOPTED.value,
        "geography": spec.geography.value,
        "scope_group": spec.scope_group,
        "scopes": "1",
        "form": spec.form.value,
        "ladder_rung": _rung(spec),
        "value": spec.value,
        "base_year": spec.base_year,
        "start_year": spec.start_year,
        "target_year": normalised.target_year,
        "per_capita": False,
        # The EU's series is an index, not tonnes: its cumulative emissions are left out.
        **_figures(normalised, tonnes=reference.key != EU),
        "paris_alignment": str(reference.alignment.verdict),
        "reasons": reference.alignment.reasons,
    }


def _rung(spec: TargetSpec) -> str | None:
    step = rung(spec)
    return None if step is None else step.value


def _keep(row: dict[str, Any], filters: Filters) -> bool:
    if filters.scope_group and row["scope_group"] != filters.scope_group:
        return False
    if row["is_reference"]:
        return True  # the benchmarks stay beside whatever is shown
    if filters.county and row["county_code"] != filters.county:
        return False
    if filters.form and row["form"] != filters.form:
        return False
    return not (filters.verdict and row["paris_alignment"] != filters.verdict)


def _order(row: dict[str, Any]) -> tuple[int, bool, int, str, str]:
    """Scope group 1–2 first; within it by rank, unranked last; then by name."""
    group = list(GROUPS).index(row["scope_group"]) if row["scope_group"] in GROUPS else len(GROUPS)
    rank = row["rank_in_group"]
    return (group, rank is None, rank or 0, row["organisation"].casefold(), row["key"])


def decorate(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with translated labels and formatted numbers for a page (the CSV and the API keep the
    codes and the raw numbers). Labels are translated once, not once per row."""
    lang = get_language()
    forms = {key: str(label) for key, label in FORM_LABELS.items()}
    verdicts = {key: str(label) for key, label in VERDICT_LABELS.items()}
    statuses = {key: str(label) for key, label in STATUS_LABELS.items()}
    rungs = {key: str(label) for key, label in RUNG_LABELS.items()}
    formats = {
        "implied_reduction_1990_at_2030_pct": number_formatter(lang, 0),
        "implied_reduction_1990_at_2045_pct": number_formatter(lang, 0),
        "implied_annual_rate_pct": number_formatter(lang, 1),
        "cumulative_to_2050_t": number_formatter(lang, 0),
        "value": number_formatter(lang, 1),
    }
    decorated = []
    for row in rows:
        shown = {
            f"{key}_text": "–" if row[key] is None else fmt(row[key])
            for key, fmt in formats.items()
        }
        decorated.append(
            {
                **row,
                **shown,
                "form_label": forms.get(row["form"], row["form"]),
                "verdict_label": verdicts.get(row["paris_alignment"], row["paris_alignment"]),
                "verdict_symbol": VERDICT_SYMBOLS.get(row["paris_alignment"], ""),
                "status_label": statuses.get(row["status"], row["status"]),
                "rung_label": rungs.get(row["ladder_rung"] or "", ""),
                "unassessed_why": unassessed_why(row),
            }
        )
    return decorated


def unassessed_why(row: dict[str, Any]) -> str:
    """Why a ranked target is "not assessed": it is ranked by its wording (and, for the
    reduction order, on the territorial series), but there are no data to judge it on."""
    if row["rank_in_group"] is None or row["paris_alignment"] != Verdict.NOT_ASSESSED:
        return ""
    reasons = " ".join(note_text(note) for note in row.get("reasons", ()))
    return _("Ranked by what the target states; not assessed, because: %(reasons)s") % {
        "reasons": reasons
    }
