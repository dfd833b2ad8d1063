"""Ordering targets from sharpest to weakest within their scope group."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence

from klimatlaget.calc.targets.normalise import NormalisedTarget
from klimatlaget.calc.targets.spec import WORD_FORMS


def sort_key(target: NormalisedTarget) -> tuple[float, int, int]:
    """Lower cumulative emissions (in years of today's emissions) first; then the earlier target
    year; then the stronger target word."""
    strength = WORD_FORMS.index(target.spec.form) if target.spec.form in WORD_FORMS else -1
    assert target.sharpness is not None
    return (round(target.sharpness, 9), target.target_year or 9999, -strength)


def rank_in_groups[K: Hashable](items: Sequence[tuple[K, NormalisedTarget]]) -> dict[K, int | None]:
    """Key → rank (1 = sharpest) within the target's scope group; None when it has no sharpness
    (qualitative targets and targets that could not be quantified at all)."""
    groups: dict[str, list[tuple[K, NormalisedTarget]]] = defaultdict(list)
    ranks: dict[K, int | None] = {}
    for key, target in items:
        if target.sharpness is None:
            ranks[key] = None
        else:
            groups[target.spec.scope_group].append((key, target))
    for members in groups.values():
        members.sort(key=lambda item: sort_key(item[1]))
        for position, (key, _target) in enumerate(members, start=1):
            ranks[key] = position
    return ranks
