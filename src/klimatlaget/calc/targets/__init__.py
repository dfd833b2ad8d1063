"""Climate targets in comparable form: validation, normalisation, Paris alignment and ranking.

Pure Python like the rest of :mod:`klimatlaget.calc`; the rules are in docs/METHOD.md#targets.
"""

from klimatlaget.calc.targets.alignment import (
    Alignment,
    OnTrack,
    Verdict,
    coverage_limits,
    judge_organisation,
    judge_pathway,
    judge_target,
    on_track,
)
from klimatlaget.calc.targets.ladder import LADDER, ZERO_RUNGS, Order, Rung, rung
from klimatlaget.calc.targets.normalise import (
    NormalisedTarget,
    OrganisationData,
    Pathway,
    carbon_law_budget,
    combine,
    equivalent_rate,
    normalise_target,
    pathway_through,
)
from klimatlaget.calc.targets.parameters import TargetParameters
from klimatlaget.calc.targets.ranking import rank_in_groups
from klimatlaget.calc.targets.references import (
    EU_CLIMATE_NEUTRAL_2050,
    EU_NET_EMISSIONS_INDEX,
    SWEDEN_NET_ZERO_2045,
    ReferenceTarget,
    reference_targets,
)
from klimatlaget.calc.targets.spec import (
    GROUP_SCOPE_1_2,
    GROUP_SCOPE_1_2_3,
    MESSAGES,
    WORD_FORMS,
    Form,
    Geography,
    Note,
    Scope,
    TargetSpec,
    format_scopes,
    parse_scopes,
    scope_group,
)
from klimatlaget.calc.targets.validation import validate_target

__all__ = [
    "EU_CLIMATE_NEUTRAL_2050",
    "EU_NET_EMISSIONS_INDEX",
    "GROUP_SCOPE_1_2",
    "GROUP_SCOPE_1_2_3",
    "LADDER",
    "MESSAGES",
    "SWEDEN_NET_ZERO_2045",
    "WORD_FORMS",
    "ZERO_RUNGS",
    "Alignment",
    "Form",
    "Geography",
    "NormalisedTarget",
    "Note",
    "OnTrack",
    "Order",
    "OrganisationData",
    "Pathway",
    "ReferenceTarget",
    "Rung",
    "Scope",
    "TargetParameters",
    "TargetSpec",
    "Verdict",
    "carbon_law_budget",
    "combine",
    "coverage_limits",
    "equivalent_rate",
    "format_scopes",
    "judge_organisation",
    "judge_pathway",
    "judge_target",
    "normalise_target",
    "on_track",
    "parse_scopes",
    "pathway_through",
    "rank_in_groups",
    "reference_targets",
    "rung",
    "scope_group",
    "validate_target",
]
