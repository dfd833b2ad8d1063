"""Climate contracts as text: the numbered sections found in a contract's text (pure, no Django).

A contract turned into text (from .txt, .docx or .pdf) is read into its numbered sections in
document order, each placed under a canonical subject of the programme's template where its
title allows; what could not be read or placed is reported, so that a person reviews the result
before anything is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ParsedSection:
    """One numbered section: ``number`` as written without a trailing dot ("3.2.1"), its title
    (a heading broken over lines joined), its text, and the canonical subject id it was placed
    under (None when its title matched none)."""

    number: str
    title: str
    text: str
    subject: str | None = None

    @property
    def level(self) -> int:
        """1 for "3", 2 for "3.2", 3 for "3.2.1"."""
        return self.number.count(".") + 1

    @property
    def parent_number(self) -> str | None:
        return self.number.rsplit(".", 1)[0] if "." in self.number else None


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """Something the reader noticed: the line of the text it is on and what it is."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class ParsedContract:
    """The sections in document order (the text before the first section is ``preamble``)."""

    sections: list[ParsedSection]
    preamble: str = ""
    problems: list[ParseProblem] = field(default_factory=list)
