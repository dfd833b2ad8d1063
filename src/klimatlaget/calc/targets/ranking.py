"""Ranking targets from sharpest to weakest within their scope group."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence

from klimatlaget.calc.targets.ladder import Order, sort_key
from klimatlaget.calc.targets.normalise import NormalisedTarget


def rank_in_groups[K: Hashable](
    items: Sequence[tuple[K, NormalisedTarget]], order: Order = Order.LADDER
) -> dict[K, int | None]:
    """Key → rank (1 = sharpest) within the target's scope group, by the experts' ladder (default)
    or by the implied reduction (see :mod:`klimatlaget.calc.targets.ladder`). None for a target
    without sharpness (qualitative targets, targets whose year has passed, and targets that
    could not be quantified at all): both orders rank the same targets."""
    groups: dict[str, list[tuple[K, NormalisedTarget]]] = defaultdict(list)
    ranks: dict[K, int | None] = {}
    for key, target in items:
        if target.sharpness is None:
            ranks[key] = None
        else:
            groups[target.spec.scope_group].append((key, target))
    for members in groups.values():
        members.sort(key=lambda item: sort_key(item[1], order))
        for position, (key, _target) in enumerate(members, start=1):
            ranks[key] = position
    return ranks
