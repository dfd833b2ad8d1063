"""Paris alignment: a verdict per target and per organisation, with its reasons, and whether the
actual trend is on track to meet a target. See docs/METHOD.md#paris-alignment."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from klimatlaget.calc.targets.normalise import (
    NormalisedTarget,
    Pathway,
    carbon_law_budget,
    combine,
)
from klimatlaget.calc.targets.parameters import TargetParameters
from klimatlaget.calc.targets.spec import Form, Geography, Note, Scope, TargetSpec
from klimatlaget.calc.trend import Trend

_RANKING_NOTES = {"assumed_flat", "ranked_on_territory"}


class Verdict(StrEnum):
    IN_LINE = "in_line"
    PARTLY = "partly"
    NOT_IN_LINE = "not_in_line"
    NOT_ASSESSED = "not_assessed"


#: Higher is better; "not assessed" ranks below "not in line" only when choosing the best.
_STRENGTH = {
    Verdict.IN_LINE: 3,
    Verdict.PARTLY: 2,
    Verdict.NOT_IN_LINE: 1,
    Verdict.NOT_ASSESSED: 0,
}


@dataclass(frozen=True, slots=True)
class Alignment:
    verdict: Verdict
    reasons: tuple[Note, ...]
    budget_t: float | None = None
    partly_budget_t: float | None = None
    cumulative_t: float | None = None


def coverage_limits(spec: TargetSpec) -> list[Note]:
    """Why a target does not cover all the territory's emissions (each caps it at "partly")."""
    limits = []
    if spec.geography != Geography.TERRITORY:
        limits.append(Note.of("coverage_part_of_territory", geography=spec.geography.value))
    if Scope.SCOPE_1 not in spec.scopes:
        limits.append(Note.of("coverage_scope_1_missing"))
    if spec.form == Form.RENEWABLE_100 or spec.includes_non_energy is False:
        limits.append(Note.of("coverage_energy_only"))
    elif spec.includes_non_energy is None:
        limits.append(Note.of("coverage_non_energy_unknown"))
    return limits


def judge_target(target: NormalisedTarget, params: TargetParameters) -> Alignment:
    """The verdict on one target."""
    spec = target.spec
    if spec.form == Form.QUALITATIVE:
        return Alignment(Verdict.NOT_IN_LINE, (Note.of("no_limit"),))
    if target.target_passed:
        return Alignment(Verdict.NOT_IN_LINE, target.problems)
    if target.pathway is None:
        reasons = tuple(p for p in target.problems if p.code not in _RANKING_NOTES)
        return Alignment(Verdict.NOT_ASSESSED, reasons)
    alignment = judge_pathway(target.pathway, params)
    return _capped(alignment, coverage_limits(spec), target.relies_on_removals)


def judge_pathway(pathway: Pathway, params: TargetParameters) -> Alignment:
    """In line when the cumulative emissions stay within the fair Carbon Law budget; partly when
    within the budget of the slower ``partly_rate``; otherwise not in line."""
    years = params.end_year - params.current_year + 1
    budget = carbon_law_budget(pathway.anchor_t, params.metrics.carbon_law_rate, years)
    partly = carbon_law_budget(pathway.anchor_t, params.partly_rate, years)
    cumulative = pathway.cumulative_t
    excess_pct = round((cumulative / budget - 1.0) * 100.0, 1) if budget > 0 else None
    end_year = params.end_year
    if cumulative <= budget:
        verdict = Verdict.IN_LINE
        reason = Note.of(
            "within_budget",
            cumulative_t=round(cumulative),
            budget_t=round(budget),
            rate_pct=round(params.metrics.carbon_law_rate * 100, 2),
            end_year=end_year,
        )
    elif cumulative <= partly:
        verdict = Verdict.PARTLY
        reason = Note.of(
            "within_partly_budget",
            excess_pct=excess_pct,
            rate_pct=round(params.partly_rate * 100, 2),
            end_year=end_year,
        )
    else:
        verdict = Verdict.NOT_IN_LINE
        reason = Note.of("over_budget", excess_pct=excess_pct, end_year=end_year)
    return Alignment(verdict, (reason,), budget, partly, cumulative)


def _capped(alignment: Alignment, limits: list[Note], relies_on_removals: bool) -> Alignment:
    verdict = alignment.verdict
    if limits and verdict == Verdict.IN_LINE:
        verdict = Verdict.PARTLY
    extra = (Note.of("relies_on_removals"),) if relies_on_removals else ()
    return Alignment(
        verdict,
        (*alignment.reasons, *limits, *extra),
        alignment.budget_t,
        alignment.partly_budget_t,
        alignment.cumulative_t,
    )


def judge_organisation(
    targets: Sequence[NormalisedTarget],
    series: Mapping[int, float],
    trend: Trend | None,
    params: TargetParameters,
) -> Alignment:
    """The verdict on an organisation's territorial targets taken together.

    Targets that complement each other (−70 % by 2030 and net zero by 2045) are combined into
    one pathway; targets that cover only part of the emissions can lift the verdict at best to
    "partly". The best of the combined verdicts and the single verdicts counts.
    """
    territorial = [t for t in targets if t.spec.geography == Geography.TERRITORY]
    if not territorial:
        return Alignment(Verdict.NOT_IN_LINE, (Note.of("no_territorial_target"),))
    candidates = [judge_target(t, params) for t in territorial]
    normalised = [t for t in territorial if t.pathway is not None]
    if len(normalised) > 1 and series:
        full = [t for t in normalised if not coverage_limits(t.spec)]
        for group in (normalised, full):
            if len(group) < 2:
                continue
            pathway = combine(group, series, trend, params)
            if pathway is None:
                continue
            judged = judge_pathway(pathway, params)
            # The coverage limits of the members, each once (not always "energy only").
            limits = list(dict.fromkeys(n for t in group for n in coverage_limits(t.spec)))
            note = Note.of("combined_targets", count=len(group))
            combined = _capped(judged, limits, any(t.relies_on_removals for t in group))
            candidates.append(
                Alignment(
                    combined.verdict,
                    (note, *combined.reasons),
                    combined.budget_t,
                    combined.partly_budget_t,
                    combined.cumulative_t,
                )
            )
    return max(candidates, key=lambda a: _STRENGTH[a.verdict])


@dataclass(frozen=True, slots=True)
class OnTrack:
    """The actual trend against a target in its target year. ``gap_t`` is positive when the
    trend is above the target level; ``gap_pct`` is that gap as a share of the last year's
    emissions. ``reaches_level_year`` is the first year the trend is at or below the level."""

    target_year: int
    trend_t: float
    target_t: float
    gap_t: float
    gap_pct: float | None
    on_track: bool
    reaches_level_year: int | None
    trend_uncertain: bool


def on_track(target: NormalisedTarget, trend: Trend | None) -> OnTrack | None:
    """Whether the trend meets the target's level in its target year (None when not computable)."""
    pathway, year = target.pathway, target.target_year
    if trend is None or pathway is None or year is None or year not in pathway.milestones:
        return None
    level = pathway.milestones[year]
    trend_value = trend.pathway.get(year, max(0.0, trend.value_at(year)))
    gap = trend_value - level
    last = pathway.last_emissions_t
    reaches = next(
        (y for y, value in sorted(trend.pathway.items()) if y <= year and value <= level), None
    )
    if reaches is None:
        reaches = next((y for y, value in sorted(trend.pathway.items()) if value <= level), None)
    return OnTrack(
        target_year=year,
        trend_t=trend_value,
        target_t=level,
        gap_t=gap,
        gap_pct=gap / last * 100.0 if last > 0 else None,
        on_track=gap <= 0,
        reaches_level_year=reaches,
        trend_uncertain=trend.uncertain,
    )
