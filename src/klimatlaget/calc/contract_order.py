"""A contract's sections in the programme's order (pure), for its exported document.

Siblings (sections under the same parent) are ordered by their subject's place in the
programme's template; a section without a known subject stays right after the sibling it
follows in the contract (at the start when it comes first). Ties keep the contract's order,
and every section's children follow it, ordered the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OrderedItem:
    """A section as the ordering sees it: its key, its parent's key, and its subject."""

    key: Hashable
    parent: Hashable | None
    subject: str


def programme_order(
    items: Sequence[OrderedItem], place: Callable[[str], int | None]
) -> list[Hashable]:
    """The keys of ``items`` (given in document order) in the programme's order; ``place``
    gives a subject's order among its siblings in the template (None when unknown)."""
    keys = {item.key for item in items}
    children: dict[Hashable | None, list[OrderedItem]] = {}
    for item in items:
        parent = item.parent if item.parent in keys else None
        children.setdefault(parent, []).append(item)

    def ordered(parent: Hashable | None) -> list[Hashable]:
        ranked: list[tuple[int, int, OrderedItem]] = []
        last = -1
        for index, item in enumerate(children.get(parent, [])):
            known = place(item.subject) if item.subject else None
            last = known if known is not None else last
            ranked.append((last, index, item))
        found: list[Hashable] = []
        for _rank, _index, item in sorted(ranked, key=lambda r: (r[0], r[1])):
            found.append(item.key)
            found.extend(ordered(item.key))
        return found

    return ordered(None)
