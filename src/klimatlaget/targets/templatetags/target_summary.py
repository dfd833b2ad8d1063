"""The short climate-target summary on an organisation's page."""

from typing import Any

from django import template

from klimatlaget.calc import MetricParameters
from klimatlaget.targets.national import national_target as sweden_target
from klimatlaget.targets.notes import note_text
from klimatlaget.targets.register.rows import overview, verdict_text

register = template.Library()


@register.simple_tag
def organisation_target_summary(code: str, params: MetricParameters | None = None) -> Any:
    """How many targets the organisation has and its overall verdict (None without targets)."""
    view = overview(code, params or MetricParameters())
    if view.evaluated is None or not view.targets:
        return None
    alignment = view.evaluated.alignment
    return {
        "count": len(view.targets),
        "verdict": alignment.verdict.value if alignment else None,
        "verdict_text": verdict_text(alignment.verdict.value) if alignment else "",
        "reasons": [note_text(n) for n in alignment.reasons] if alignment else [],
    }


@register.simple_tag
def national_target(code: str, params: MetricParameters | None = None) -> Any:
    """Sweden's national target on Sweden's page (None for every other organisation)."""
    return sweden_target(code, params or MetricParameters())
