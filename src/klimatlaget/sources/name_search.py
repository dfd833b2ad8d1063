"""Finding places from what someone has typed so far: partial names and other spellings.

Unlike :class:`~klimatlaget.sources.names.NameMatcher`, which must pick exactly one place for a
name in a data file, a search suggests every place the text could mean, best first. It ignores
case and diacritics ('malmo' finds Malmö, 'habo' both Habo and Håbo) and understands the
spellings NameMatcher understands ('Falu kommun', 'Stockholms stad', 'Region Gotland').
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from klimatlaget.sources.names import NameMatcher, canonical, split_name


def fold(text: str) -> str:
    """Canonical form without diacritics: 'Upplands-Väsby' -> 'upplands vasby'."""
    decomposed = unicodedata.normalize("NFD", canonical(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class NameSearch:
    """Searches {code: name}; build once per set of names, ask many times."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self._matcher = NameMatcher(names)
        self._folded = {code: fold(name) for code, name in names.items()}

    def find(self, query: str, limit: int = 10) -> list[str]:
        """Codes of the places ``query`` may mean, best first, at most ``limit``.

        Order: the place the whole text names, then names starting with the text, then names
        with a word starting with it, then names containing it; alphabetical within each.
        """
        if not fold(query):
            return []
        exact = self._matcher.match(query)
        core = fold(split_name(query)[0]) or fold(query)
        ranked: list[tuple[int, str, str]] = []
        for code, name in self._folded.items():
            rank = _rank(name, core)
            if code == exact:
                rank = 0
            if rank is not None:
                ranked.append((rank, name, code))
        return [code for _, _, code in sorted(ranked)[:limit]]


def _rank(name: str, core: str) -> int | None:
    if name.startswith(core):
        return 1
    if any(word.startswith(core) for word in name.split()):
        return 2
    if core in name:
        return 3
    return None
