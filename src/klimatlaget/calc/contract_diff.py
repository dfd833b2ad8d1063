"""Comparing two versions of a climate contract section by section (pure, no Django).

Sections are matched by their canonical subject, never by their number (numbering differs
between years): when a subject has several sections in a version, they are paired by the
similarity of title and text; sections left over are paired by the similarity of their
normalised titles when it is at least ``TITLE_THRESHOLD``. Each pair is unchanged or changed
(title and/or text; a new number alone is noted, not a change); a section only in the new
version is added, one only in the old is removed. A changed text is diffed word by word into
runs of equal, inserted and deleted text, which ``as_html`` renders with ``<ins>``/``<del>``.
The method, with a worked example, is in docs/METHOD.md ("Comparing contract versions").
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import NamedTuple, Protocol

#: The least similarity (difflib's ratio, 0–1) of two normalised titles for sections without
#: a common subject to be taken as the same section: "Klimatinvesteringsplan" and
#: "Klimatinvesteringsplaner" (0.96) are, "Hållbara inköp" and "Hållbar mobilitet" (0.58) not.
TITLE_THRESHOLD = 0.8

_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])|\s+$")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_TRAILING_SPACES = re.compile(r"[ \t]+$", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"[ \t]*\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"\s*\n\s*")


class SectionLike(Protocol):
    """What the comparison reads of a section: a parsed one (``ParsedSection``) or a stored
    one. An empty subject is no subject."""

    @property
    def number(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def subject(self) -> str | None: ...


class Status(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


class MatchedBy(StrEnum):
    SUBJECT = "subject"
    TITLE = "title"


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class Run(NamedTuple):
    """A stretch of text that both versions have (equal), or only the new (insert) or the
    old (delete)."""

    op: Op
    text: str


@dataclass(frozen=True, slots=True)
class SectionChange[S: SectionLike]:
    """One section of the comparison: the old and the new section (one of them None when it
    was added or removed), how they were matched, and what differs. ``title_runs`` and
    ``text_runs`` are the word diff when the title or the text changed, otherwise empty."""

    status: Status
    old: S | None
    new: S | None
    matched_by: MatchedBy | None = None
    title_changed: bool = False
    text_changed: bool = False
    renumbered: bool = False
    title_runs: tuple[Run, ...] = ()
    text_runs: tuple[Run, ...] = ()

    @property
    def number(self) -> str:
        """The section's number in the new version (the old one's when it was removed)."""
        return self._section.number

    @property
    def subject(self) -> str | None:
        """The section's subject in the new version (the old one's when it was removed)."""
        return self._section.subject or None

    @property
    def _section(self) -> S:
        section = self.new if self.new is not None else self.old
        assert section is not None
        return section


@dataclass(frozen=True, slots=True)
class ContractDiff[S: SectionLike]:
    """The sections in the new version's document order, each removed one after the section
    that came before it in the old version."""

    changes: tuple[SectionChange[S], ...]

    def count(self, status: Status) -> int:
        return sum(1 for change in self.changes if change.status is status)

    @property
    def identical(self) -> bool:
        """Nothing added, removed or changed (sections may have been renumbered)."""
        return all(change.status is Status.UNCHANGED for change in self.changes)


def diff_contracts[S: SectionLike](old: Sequence[S], new: Sequence[S]) -> ContractDiff[S]:
    """Compare the sections of two versions of a contract, each in document order."""
    pairs = _pairs_by_subject(old, new)
    pairs.update(_pairs_by_title(old, new, pairs))
    by_new = {new_index: (old_index, how) for old_index, (new_index, how) in pairs.items()}
    removed_after: dict[int | None, list[int]] = {}
    anchor: int | None = None  # the new index of the last matched old section
    for old_index in range(len(old)):
        if old_index in pairs:
            anchor = pairs[old_index][0]
        else:
            removed_after.setdefault(anchor, []).append(old_index)
    changes = [SectionChange(Status.REMOVED, old[i], None) for i in removed_after.get(None, [])]
    for new_index, section in enumerate(new):
        if new_index in by_new:
            old_index, how = by_new[new_index]
            changes.append(_compared(old[old_index], section, how))
        else:
            changes.append(SectionChange(Status.ADDED, None, section))
        changes.extend(
            SectionChange(Status.REMOVED, old[i], None) for i in removed_after.get(new_index, [])
        )
    return ContractDiff(tuple(changes))


def word_diff(old: str, new: str) -> list[Run]:
    """The runs that turn ``old`` into ``new``. Tokens are words and single punctuation marks,
    each with the whitespace before it (so that the space between two words is not a token that
    ties unrelated words together, and matching stays fast): "the red car" → "a blue car" is
    delete "the red", insert "a blue", equal " car"."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(Run(Op.EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(Run(Op.DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(Run(Op.INSERT, "".join(b[j1:j2])))
    return _merged(runs)


def as_html(runs: Sequence[Run]) -> str:
    """The runs as escaped HTML paragraphs, inserted text in ``<ins>`` and deleted in
    ``<del>``. Paragraphs and line breaks are the new text's: a break only in deleted text is
    shown as "¶" inside its ``<del>``."""
    paragraphs: list[str] = []
    current: list[str] = []
    for op, text in runs:
        if op is Op.DELETE:
            current.append(f"<del>{html.escape(_LINE_BREAK.sub(' ¶ ', text))}</del>")
            continue
        tag = "ins" if op is Op.INSERT else ""
        for n, paragraph in enumerate(_PARAGRAPH_BREAK.split(text)):
            if n:
                paragraphs.append("".join(current))
                current = []
            if paragraph:
                escaped = "<br>".join(html.escape(line) for line in paragraph.split("\n"))
                current.append(f"<{tag}>{escaped}</{tag}>" if tag else escaped)
    paragraphs.append("".join(current))
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs if paragraph)


def _compared[S: SectionLike](old: S, new: S, how: MatchedBy) -> SectionChange[S]:
    old_title, new_title = _title(old.title), _title(new.title)
    old_text, new_text = _text(old.text), _text(new.text)
    title_changed, text_changed = old_title != new_title, old_text != new_text
    return SectionChange(
        Status.CHANGED if title_changed or text_changed else Status.UNCHANGED,
        old,
        new,
        matched_by=how,
        title_changed=title_changed,
        text_changed=text_changed,
        renumbered=old.number.strip() != new.number.strip(),
        title_runs=tuple(word_diff(old_title, new_title)) if title_changed else (),
        text_runs=tuple(word_diff(old_text, new_text)) if text_changed else (),
    )


def _pairs_by_subject(
    old: Sequence[SectionLike], new: Sequence[SectionLike]
) -> dict[int, tuple[int, MatchedBy]]:
    """Old index → new index of the sections with the same subject; several with one subject
    are paired most similar first (``_similarity``)."""
    old_by_subject = _by_subject(old)
    new_by_subject = _by_subject(new)
    pairs: dict[int, tuple[int, MatchedBy]] = {}
    for subject, old_indexes in old_by_subject.items():
        new_indexes = new_by_subject.get(subject, [])
        if len(old_indexes) == 1 and len(new_indexes) == 1:
            pairs[old_indexes[0]] = (new_indexes[0], MatchedBy.SUBJECT)
            continue
        scored = [(_similarity(old[i], new[j]), i, j) for i in old_indexes for j in new_indexes]
        for i, j in _greedy(scored):
            pairs[i] = (j, MatchedBy.SUBJECT)
    return pairs


def _pairs_by_title(
    old: Sequence[SectionLike],
    new: Sequence[SectionLike],
    pairs: dict[int, tuple[int, MatchedBy]],
) -> dict[int, tuple[int, MatchedBy]]:
    """Old index → new index of the sections not yet paired whose normalised titles are at
    least ``TITLE_THRESHOLD`` similar, most similar first."""
    taken = {new_index for new_index, _how in pairs.values()}
    old_left = [(i, _normal_title(old[i].title)) for i in range(len(old)) if i not in pairs]
    new_left = [(j, _normal_title(new[j].title)) for j in range(len(new)) if j not in taken]
    scored = []
    matcher = SequenceMatcher(None, autojunk=False)
    for j, new_title in new_left:
        matcher.set_seq2(new_title)  # indexed once for all the old titles
        for i, old_title in old_left:
            matcher.set_seq1(old_title)
            if old_title and new_title and matcher.quick_ratio() >= TITLE_THRESHOLD:
                ratio = matcher.ratio()  # quick_ratio is an upper bound of it
                if ratio >= TITLE_THRESHOLD:
                    scored.append((ratio, i, j))
    return {i: (j, MatchedBy.TITLE) for i, j in _greedy(scored)}


def _greedy(scored: list[tuple[float, int, int]]) -> Iterator[tuple[int, int]]:
    """Pairs (old, new) taken best score first (ties in document order), each index once."""
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _score, i, j in sorted(scored, key=lambda item: (-item[0], item[1], item[2])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            yield i, j


def _by_subject(sections: Sequence[SectionLike]) -> dict[str, list[int]]:
    indexes: dict[str, list[int]] = {}
    for index, section in enumerate(sections):
        if section.subject:
            indexes.setdefault(section.subject, []).append(index)
    return indexes


def _similarity(old: SectionLike, new: SectionLike) -> float:
    """The mean of the similarities of the normalised titles (by letter) and texts (by word)."""
    titles = SequenceMatcher(None, _normal_title(old.title), _normal_title(new.title))
    texts = SequenceMatcher(
        None, _WORD.findall(old.text.lower()), _WORD.findall(new.text.lower()), autojunk=False
    )
    return (titles.ratio() + texts.ratio()) / 2


def _normal_title(title: str) -> str:
    """Lower-case words separated by single spaces ("Hållbar  mobilitet:" → "hållbar
    mobilitet")."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", title).lower()))


def _title(title: str) -> str:
    return _SPACES.sub(" ", title).strip()


def _text(text: str) -> str:
    """The text without carriage returns, trailing spaces on lines and around it."""
    return _TRAILING_SPACES.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _merged(runs: list[Run]) -> list[Run]:
    """Adjacent runs of the same kind joined, deletions before insertions between equal runs."""
    result: list[Run] = []
    start = 0
    while start < len(runs):
        end = start
        while end < len(runs) and (runs[end].op is Op.EQUAL) == (runs[start].op is Op.EQUAL):
            end += 1
        if runs[start].op is Op.EQUAL:
            result.append(Run(Op.EQUAL, "".join(run.text for run in runs[start:end])))
        else:
            for op in (Op.DELETE, Op.INSERT):
                text = "".join(run.text for run in runs[start:end] if run.op is op)
                if text:
                    result.append(Run(op, text))
        start = end
    return result
