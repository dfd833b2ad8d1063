"""The association's view of its members' targets in one year: who was a member, the overall
verdict on each member's adopted targets, and what kinds of targets they have adopted.

Membership is that of the chosen year, and so are the targets: those adopted by the end of it
(or without an adoption date), judged with today's data and method.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatlaget.associations.models import members_in_year
from klimatlaget.calc.targets import (
    GROUP_SCOPE_1_2,
    GROUP_SCOPE_1_2_3,
    TargetParameters,
    Verdict,
    judge_organisation,
)
from klimatlaget.charts import Bar, bar_chart, number_formatter, responsive
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.targets.comparison.service import FORM_LABELS, GROUPS, NO_TARGET, VERDICT_LABELS
from klimatlaget.targets.evaluation import EvaluatedTarget, OrganisationTargets, evaluate_all
from klimatlaget.targets.models import Target

VERDICT_ORDER = [
    Verdict.IN_LINE.value,
    Verdict.PARTLY.value,
    Verdict.NOT_IN_LINE.value,
    Verdict.NOT_ASSESSED.value,
    NO_TARGET,
]
MEMBER_COLUMNS = [
    "code",
    "name",
    "kind",
    "county",
    "adopted_targets",
    "forms",
    "scope_groups",
    "verdict",
]


@dataclass
class AssociationSummary:
    association: Organisation
    year: int
    members: list[dict[str, Any]] = field(default_factory=list)
    verdict_counts: dict[str, int] = field(default_factory=dict)
    form_counts: dict[str, int] = field(default_factory=dict)
    scope_group_counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "association": self.association.code,
            "association_name": self.association.name,
            "year": self.year,
            "member_count": len(self.members),
            "verdict_counts": self.verdict_counts,
            "form_counts": self.form_counts,
            "scope_group_counts": self.scope_group_counts,
            "members": [{c: m[c] for c in MEMBER_COLUMNS} for m in self.members],
        }


def associations() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION).order_by("name"))


def current_year() -> int:
    return datetime.date.today().year


def summarise(association: Organisation, year: int, params: TargetParameters) -> AssociationSummary:
    evaluated = evaluate_all(params)
    members = members_in_year(association, year).select_related("county").order_by("name")
    verdicts: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    rows = []
    for member in members:
        org = evaluated.get(member.code)
        adopted = [e for e in org.targets if _in_force(e.target, year)] if org else []
        verdict = _verdict(org, adopted, params) if org and adopted else NO_TARGET
        verdicts[verdict] += 1
        member_forms = [e.target.form for e in adopted]
        member_groups = sorted({e.normalised.spec.scope_group for e in adopted})
        forms.update(member_forms)
        groups.update(e.normalised.spec.scope_group for e in adopted)
        rows.append(
            {
                "code": member.code,
                "name": member.name,
                "kind": member.kind,
                "county": member.county.name if member.county else "",
                "adopted_targets": len(adopted),
                "forms": ",".join(sorted(set(member_forms))),
                "scope_groups": ",".join(member_groups),
                "verdict": verdict,
                "verdict_label": VERDICT_LABELS[verdict],
            }
        )
    return AssociationSummary(
        association=association,
        year=year,
        members=rows,
        verdict_counts={v: verdicts[v] for v in VERDICT_ORDER},
        form_counts={f: forms[f] for f in FORM_LABELS if forms[f]},
        scope_group_counts={g: groups[g] for g in (GROUP_SCOPE_1_2, GROUP_SCOPE_1_2_3)},
    )


def _in_force(target: Target, year: int) -> bool:
    """Adopted by the end of ``year``; a target without an adoption date counts in every year."""
    adopted_on = target.adopted_on
    return target.status == "adopted" and (adopted_on is None or adopted_on.year <= year)


def _verdict(
    org: OrganisationTargets, adopted: list[EvaluatedTarget], params: TargetParameters
) -> str:
    """The verdict on the organisation's targets in force that year."""
    series = org.series.total if org.series else {}
    trend = org.metrics.trend if org.metrics else None
    return judge_organisation([e.normalised for e in adopted], series, trend, params).verdict.value


def labelled(summary: AssociationSummary) -> dict[str, list[tuple[str, Any, int]]]:
    """(key, label, count) lists for the page's tables."""
    return {
        "verdicts": [(k, VERDICT_LABELS[k], n) for k, n in summary.verdict_counts.items()],
        "forms": [(k, FORM_LABELS[k], n) for k, n in summary.form_counts.items()],
        "scope_groups": [(k, GROUPS[k], n) for k, n in summary.scope_group_counts.items()],
    }


def chart(summary: AssociationSummary) -> SafeString:
    bars = [
        Bar(key, f"{VERDICT_LABELS[key]}", float(count))
        for key, count in summary.verdict_counts.items()
    ]
    svg = responsive(
        bar_chart,
        bars,
        title=_("Members by verdict on their targets, %(year)s") % {"year": summary.year},
        description=_("How many of the %(count)s members have targets in line with Paris.")
        % {"count": len(summary.members)},
        unit=_("members"),
        counts=True,
        number_format=number_formatter(get_language() or "sv"),
        no_data_text=_("no data"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes
