"""Canonical subjects of climate contracts and placing a section's title under one (pure).

The programme's template (``contracts/subjects.json``, loaded by ``contracts.template``) names
the subjects a contract is written about as dotted ids ("municipality.strategy.mobility"). A
section is placed by its title, not its number (numbering differs between years and cities):
the title and each subject's keywords are normalised to lower-case words, and a keyword
matches when each of its words begins a word of the title ("uppdatering kommun" matches
"Viktigaste uppdateringar för kommunen"). A keyword whose first word begins the title wins,
then the longest matching keyword (in letters).
Only the children of the parent section's subject are candidates, so that "Smart
policyutveckling" lands under Viable Cities in §4 and under the agencies in §5.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

#: The parties that write a section, as the template names them.
PARTIES = ("municipality", "viable_cities", "agencies", "joint")

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Subject:
    """One canonical subject: its dotted id, parent id (None at the top), the party that
    writes it by default, its place in the programme's order, names and title keywords."""

    id: str
    parent: str | None
    party: str
    order: int
    name_sv: str
    name_en: str
    keywords: tuple[str, ...] = ()

    @property
    def depth(self) -> int:
        return self.id.count(".") + 1


@dataclass(frozen=True)
class SubjectTemplate:
    """The subjects in the programme's order (parents before children)."""

    subjects: tuple[Subject, ...]
    _by_id: dict[str, Subject] = field(init=False, repr=False, compare=False)
    _children: dict[str | None, tuple[Subject, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {subject.id: subject for subject in self.subjects}
        children: dict[str | None, list[Subject]] = {}
        for subject in sorted(self.subjects, key=lambda s: (s.order, s.id)):
            children.setdefault(subject.parent, []).append(subject)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(
            self, "_children", {key: tuple(value) for key, value in children.items()}
        )

    def get(self, subject_id: str) -> Subject | None:
        return self._by_id.get(subject_id)

    def children(self, parent: str | None) -> tuple[Subject, ...]:
        """The subjects directly under ``parent`` (None: the top level), in order."""
        return self._children.get(parent, ())

    def __contains__(self, subject_id: object) -> bool:
        return subject_id in self._by_id


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (letters and digits; "EU:s" gives "eu", "s")."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def keyword_score(title_words: Iterable[str], keyword: str) -> int:
    """The keyword's length in letters when each of its words begins a word of the title,
    else 0."""
    return _score(_prefixes(title_words), keyword)


@lru_cache(maxsize=4096)
def _keyword_words(keyword: str) -> tuple[str, ...]:
    return tuple(words(keyword))


def _prefixes(title_words: Iterable[str]) -> frozenset[str]:
    """Every beginning of every word of a title (a keyword's word must be one)."""
    return frozenset(word[:end] for word in title_words for end in range(1, len(word) + 1))


def _score(prefixes: frozenset[str], keyword: str) -> int:
    wanted = _keyword_words(keyword)
    if not wanted or not all(word in prefixes for word in wanted):
        return 0
    return sum(len(word) for word in wanted)


def match_subject(title: str, candidates: Iterable[Subject]) -> Subject | None:
    """The candidate whose keyword matches ``title`` best (the first in order on a tie), or
    None when no keyword matches. A keyword that begins the title beats any other ("Purpose
    of the contract" is about the purpose), then the longer keyword wins."""
    title_words = words(title)
    prefixes = _prefixes(title_words)
    best: Subject | None = None
    best_score = (False, 0)
    for subject in candidates:
        for keyword in subject.keywords:
            letters = _score(prefixes, keyword)
            if not letters:
                continue
            score = (title_words[0].startswith(_keyword_words(keyword)[0]), letters)
            if score > best_score:
                best, best_score = subject, score
    return best


def place(title: str, parent_subject: str | None, template: SubjectTemplate) -> Subject | None:
    """The subject for a section titled ``title`` whose parent section is placed under
    ``parent_subject`` (None for a top-level section)."""
    return match_subject(title, template.children(parent_subject))


def names_subject(title: str, template: SubjectTemplate) -> bool:
    """Does ``title`` match a keyword of any subject of ``template`` (at any level)?"""
    return match_subject(title, template.subjects) is not None
