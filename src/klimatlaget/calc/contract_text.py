"""Climate contracts as text: the numbered sections found in a contract's text (pure, no Django).

A contract turned into text (from .txt, .docx or .pdf) is read into its numbered sections in
document order, each placed under a canonical subject of the programme's template where its
title allows; what could not be read or placed is reported, so that a person reviews the result
before anything is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from klimatlaget.calc.contract_subjects import SubjectTemplate, names_subject, place


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


#: The most a section title may be long; longer numbered lines are sentences or footnotes.
MAX_TITLE = 100
#: The highest top-level section number taken for a heading ("2030. Det …" is a sentence).
MAX_TOP_NUMBER = 30
#: How many lines a block of footnotes at a page's foot may span.
MAX_FOOTNOTE_LINES = 40

#: A word before a chapter's number ("Kapitel 3", "§ 3"), which then counts as the number.
_CHAPTER = r"(?:(?:kapitel|kap\.|chapter|avsnitt|section|§)\s*(?=\d))"
_HEADING = re.compile(
    rf"^{_CHAPTER}?(\d{{1,2}}(?:\.\d{{1,2}})*)(\.?)(?:\s*[:–—]|\s+-)?\s+(\S.*)$", re.IGNORECASE
)
_BARE_NUMBER = re.compile(
    rf"^(?:(\d{{1,2}}(?:\.\d{{1,2}})*)\.|(\d{{1,2}}(?:\.\d{{1,2}})+)|{_CHAPTER}(\d{{1,2}})\.?)$",
    re.IGNORECASE,
)
_APPENDIX = re.compile(r"^(Bilaga|Appendix|Annex)(?:\s+(\d{1,2}|[A-Z]))?\s*(?:[-–—:.]\s*(.*))?$")
_CONTENTS_ENTRY = re.compile(r"(?:\.\s?){3,}\s*\d+$|…\s*\d+$")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_START = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*")
_FOOTNOTE = re.compile(r"^(\d{1,2})\s+\S")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:sida|page|s\.)\s*)?\d{1,3}(?:\s*(?:/|av|of|\()\s*\d{1,3}\)?)?$", re.IGNORECASE
)
_WEB_FOOTER = re.compile(r"^(?:\d{1,3}\s+\S+\.[a-z]{2,4}|\S+\.[a-z]{2,4}\s+\d{1,3})$")
_URL = re.compile(r"^(?:https?://|www\.)\S*$")
_BULLET = re.compile(r"^[•▪◦●○■□\-–*]\s")
_SENTENCE_END = re.compile(r"[.!?:;”\"»)][⁰¹²³⁴⁵⁶⁷⁸⁹\d]*$")  # a footnote mark may follow
_KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "respektive", "som", "till", "and", "or"}


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based line of the original text
    text: str  # stripped
    page_start: bool  # the first line of a page (after a form feed, furniture or indent)


@dataclass(frozen=True, slots=True)
class _Heading:
    index: int  # into the cleaned lines
    parts: tuple[int, ...]
    dotted: bool
    title: str
    wrapped: bool = False  # the next line carries on its sentence (a paragraph, not a title)


def parse_contract(
    text: str, template: SubjectTemplate, *, gettext: Callable[[str], str] = str
) -> ParsedContract:
    """The numbered sections of a contract's ``text``, each placed under a subject of
    ``template``. ``gettext`` translates the problems' messages (the caller's language)."""
    lines = _clean(text)
    footnotes = _footnotes(lines)
    headings = _chain([h for h in _candidates(lines) if h.index not in footnotes], template)
    problems = _numbering_problems(lines, headings, gettext)
    starts = [(h.index, _number(h.parts), h.title) for h in headings]
    starts.extend(_appendices(lines, headings[-1].index + 1 if headings else 0))
    short = _short_line(lines)
    ends = [index for index, _number_, _title in starts[1:]] + [len(lines)]
    sections = [
        _section(lines, footnotes, index, end, number, title, short)
        for (index, number, title), end in zip(starts, ends, strict=False)
    ]
    sections = _placed(sections, template, problems, gettext)
    preamble_end = starts[0][0] if starts else len(lines)
    preamble = _reflow([lines[i] for i in range(preamble_end) if i not in footnotes], short)
    if not sections:
        problems.append(ParseProblem(1, gettext("No numbered sections were found in the text.")))
    problems.sort(key=lambda problem: problem.line)
    return ParsedContract(
        sections=[section for section, _line in sections], preamble=preamble, problems=problems
    )


def _numbering_problems(
    lines: list[_Line], headings: list[_Heading], gettext: Callable[[str], str]
) -> list[ParseProblem]:
    """A problem for each number missing from the sequence."""
    problems: list[ParseProblem] = []
    previous: tuple[int, ...] | None = None
    for heading in headings:
        missing = _missing(previous, heading.parts)
        if missing:
            message = (
                gettext("Section %(missing)s was not found: the numbering starts at %(after)s.")
                if previous is None
                else gettext(
                    "Section %(missing)s was not found: the numbering goes from %(before)s to "
                    "%(after)s."
                )
            )
            values = {
                "missing": missing,
                "before": _number(previous) if previous else "",
                "after": _number(heading.parts),
            }
            problems.append(ParseProblem(lines[heading.index].number, message % values))
        previous = heading.parts
    return problems


def _section(
    lines: list[_Line],
    footnotes: set[int],
    index: int,
    end: int,
    number: str,
    title: str,
    short: int,
) -> tuple[ParsedSection, int]:
    """The section whose heading is line ``index`` (its text up to line ``end``, its
    footnotes after it, each a paragraph) and the heading's line in the original text."""
    title, body_start = _full_title(lines, index, end, title)
    body = [lines[i] for i in range(body_start, end) if i not in footnotes]
    notes = [lines[i] for i in range(body_start, end) if i in footnotes]
    firsts = [n for n, note in enumerate(notes) if _FOOTNOTE.match(note.text)]
    paragraphs = [_reflow(body, short)] if body else []
    paragraphs += [_reflow(notes[a:b], short) for a, b in pairwise([*firsts, len(notes)])]
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    return ParsedSection(number, title, text), lines[index].number


def _placed(
    sections: list[tuple[ParsedSection, int]],
    template: SubjectTemplate,
    problems: list[ParseProblem],
    gettext: Callable[[str], str],
) -> list[tuple[ParsedSection, int]]:
    """The sections with their subjects; unplaced sections and two sections under one
    subject are reported."""
    subjects: dict[str, str | None] = {}
    placed: dict[str, str] = {}
    result: list[tuple[ParsedSection, int]] = []
    for section, line in sections:
        number, title = section.number, section.title
        subject = _place(number, title, subjects, template)
        subjects[number] = subject
        if subject is None:
            message = gettext('Section %(number)s "%(title)s" matches no subject of the template.')
            problems.append(ParseProblem(line, message % {"number": number, "title": title}))
        elif subject in placed and subject != APPENDICES:
            message = gettext(
                "Sections %(first)s and %(second)s are both placed under %(subject)s."
            )
            values = {"first": placed[subject], "second": number, "subject": subject}
            problems.append(ParseProblem(line, message % values))
        else:
            placed[subject] = number
        result.append((replace(section, subject=subject), line))
    return result


#: The subject of appendices ("Bilaga 1 …").
APPENDICES = "appendices"


def _place(
    number: str, title: str, subjects: dict[str, str | None], template: SubjectTemplate
) -> str | None:
    """The subject id for a section, among the children of its parent section's subject
    (``subjects``: the sections placed so far); an appendix goes under ``appendices``."""
    if not number[0].isdigit():
        return APPENDICES if APPENDICES in template else None
    parent_number = number.rsplit(".", 1)[0] if "." in number else None
    if parent_number is not None:
        parent_subject = subjects.get(parent_number)
        if parent_subject is None:
            return None
    else:
        parent_subject = None
    subject = place(title, parent_subject, template)
    return subject.id if subject else None


def _clean(text: str) -> list[_Line]:
    """The text's lines, stripped, without page numbers, running headers and footers."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    shapes: dict[str, int] = {}
    for line in raw:
        stripped = line.replace("\f", "").strip()
        if 0 < len(stripped) <= 60 and any(c.isdigit() for c in stripped):
            shape = re.sub(r"\d+", "#", stripped)
            shapes[shape] = shapes.get(shape, 0) + 1
    lines: list[_Line] = []
    page_start = True
    for number, line in enumerate(raw, start=1):
        if "\f" in line:
            page_start = True
            line = line.replace("\f", "")
        stripped = line.strip()
        if not stripped:
            lines.append(_Line(number, "", False))
            continue
        if _furniture(stripped, shapes):
            page_start = True
            continue
        stripped = _SUPERSCRIPT_START.sub(_plain_digits, stripped)
        starts = page_start or line[:1].isspace()
        lines.append(_Line(number, stripped, starts))
        page_start = False
    return lines


def _plain_digits(match: re.Match[str]) -> str:
    """A footnote's number written in superscript ("¹ Text", "¹Text") as "1 Text"."""
    return match.group(1).translate(_SUPERSCRIPTS) + " "


def _furniture(stripped: str, shapes: dict[str, int]) -> bool:
    """A page number, a web address with a page number, or a short line with digits whose
    shape ("Kalmar #") is on three or more pages."""
    if _PAGE_NUMBER.match(stripped) or _WEB_FOOTER.match(stripped):
        return True
    if _HEADING.match(stripped) or len(stripped) > 60 or not any(c.isdigit() for c in stripped):
        return False
    return shapes.get(re.sub(r"\d+", "#", stripped), 0) >= 3


def _footnotes(lines: list[_Line]) -> set[int]:
    """Indexes of the lines of footnotes: blocks at a page's foot that start with the next
    footnote number ("1 Viable Cities är …") and end where the next page starts."""
    found: set[int] = set()
    expected = 1
    for index, line in enumerate(lines):
        match = _FOOTNOTE.match(line.text)
        if not match or index in found or int(match.group(1)) not in (expected, expected + 1):
            continue
        note = line.text[match.end() - 1 :]
        if not (note[:1].isupper() or _URL.match(note.split(" ", 1)[0])):
            continue
        block = _footnote_block(lines, index, int(match.group(1)))
        if block is None:
            continue
        end, last = block
        found.update(range(index, end))
        expected = last + 1
    return found


def _footnote_block(lines: list[_Line], start: int, number: int) -> tuple[int, int] | None:
    """(end, last footnote number) when the lines from ``start`` are footnotes up to the next
    page, else None."""
    last = number
    after_blank = False
    for index in range(start + 1, min(len(lines), start + MAX_FOOTNOTE_LINES)):
        line = lines[index]
        if line.page_start:
            return index, last
        if not line.text:
            after_blank = True
            continue
        match = _FOOTNOTE.match(line.text)
        if match and int(match.group(1)) == last + 1:
            last += 1
        elif _HEADING.match(line.text) or (after_blank and not _URL.match(line.text)):
            return None
        after_blank = False
    if start + MAX_FOOTNOTE_LINES >= len(lines):
        return len(lines), last
    return None


def _candidates(lines: list[_Line]) -> list[_Heading]:
    """Lines that look like numbered headings ("3.2.1 Hållbar mobilitet", "3.2." + title)."""
    found: list[_Heading] = []
    for index, line in enumerate(lines):
        match = _HEADING.match(line.text)
        if match:
            number, dot, title = match.groups()
        elif (bare := _BARE_NUMBER.match(line.text)) and index + 1 < len(lines):
            number = next(group for group in bare.groups() if group)
            dot, title = "." if line.text.endswith(".") else "", lines[index + 1].text
        else:
            continue
        parts = tuple(int(part) for part in number.split("."))
        if (
            not title[:1].isupper()
            or len(title) > MAX_TITLE
            or _CONTENTS_ENTRY.search(title)
            or min(parts) == 0
            or parts[0] > MAX_TOP_NUMBER
        ):
            continue
        wrapped = _wraps_on(lines, index + 1) and not _continues(title)
        found.append(_Heading(index, parts, bool(dot) or "." in number, title, wrapped))
    return found


def _wraps_on(lines: list[_Line], index: int) -> bool:
    """Does the line at ``index`` carry on a sentence (it begins in lower case)?"""
    return index < len(lines) and lines[index].text[:1].islower()


def _step(before: tuple[int, ...] | None, after: tuple[int, ...]) -> int | None:
    """How many numbers are missing between two consecutive headings (0 or 1), or None when
    ``after`` cannot follow ``before`` (next sibling, first child or next of an ancestor)."""
    if before is None:
        return after[0] - 1 if len(after) == 1 and after[0] <= 2 else None
    if len(after) == len(before) + 1 and after[:-1] == before and after[-1] <= 2:
        return after[-1] - 1
    level = len(after)
    if level <= len(before) and after[:-1] == before[: level - 1]:
        gap = after[-1] - before[level - 1]
        if gap in (1, 2):
            return gap - 1
    return None


def _missing(before: tuple[int, ...] | None, after: tuple[int, ...]) -> str | None:
    if not _step(before, after):
        return None
    return _number((*after[:-1], after[-1] - 1))


def _chain(candidates: list[_Heading], template: SubjectTemplate) -> list[_Heading]:
    """The longest run of candidates whose numbering continues, a missing number costing
    half a heading. Between runs of about the same length, small weights decide: a heading
    whose title names a subject of the template counts a fifth more (a list "1. Minska
    utsläppen" under "1. Syftet" is text), one whose next line carries on its sentence
    three tenths less, one written like most of its level (with or without a dot) a tenth
    more."""
    styles: dict[int, list[bool]] = {}
    for candidate in candidates:
        styles.setdefault(len(candidate.parts), []).append(candidate.dotted)
    usual = {level: 2 * sum(dots) >= len(dots) for level, dots in styles.items()}
    named = {title for title in {c.title for c in candidates} if names_subject(title, template)}
    weights = [
        1.0
        + (0.1 if c.dotted == usual[len(c.parts)] else 0.0)
        + (0.2 if c.title in named else 0.0)
        - (0.3 if c.wrapped else 0.0)
        for c in candidates
    ]
    # The best run ending exactly at a number, and at a number or anywhere below it; a
    # heading can only follow its parent, the previous sibling or something below that.
    exact: dict[tuple[int, ...], tuple[float, int]] = {}
    below: dict[tuple[int, ...], tuple[float, int]] = {}
    best: list[float] = []
    previous: list[int | None] = []
    for i, candidate in enumerate(candidates):
        *head, last = candidate.parts
        options: list[tuple[float, int]] = []  # (score, predecessor); -1: the run's start
        start = _step(None, candidate.parts)
        if start is not None:
            options.append((weights[i] - 0.5 * start, -1))
        if head and last <= 2 and tuple(head) in exact:
            score, j = exact[tuple(head)]
            options.append((score + weights[i] - 0.5 * (last - 1), j))
        for gap in (1, 2):
            found = below.get((*head, last - gap))
            if found:
                options.append((found[0] + weights[i] - 0.5 * (gap - 1), found[1]))
        # On a tie the later predecessor wins (a table of contents comes first).
        score, link = max(options, default=(float("-inf"), -1))
        best.append(score)
        previous.append(link if link >= 0 else None)
        if score == float("-inf"):
            continue
        if exact.get(candidate.parts, (score, i)) <= (score, i):
            exact[candidate.parts] = (score, i)
        for length in range(1, len(candidate.parts) + 1):
            prefix = candidate.parts[:length]
            if below.get(prefix, (score, i)) <= (score, i):
                below[prefix] = (score, i)
    if not candidates or max(best) == float("-inf"):
        return []
    # On a tie the run ending last wins: a table of contents comes before the sections.
    index: int | None = max(range(len(candidates)), key=lambda i: (best[i], i))
    chain: list[_Heading] = []
    while index is not None:
        chain.append(candidates[index])
        index = previous[index]
    return chain[::-1]


def _appendices(lines: list[_Line], start: int) -> list[tuple[int, str, str]]:
    """Appendix headings ("Bilaga 1 - Länkar till dokument") after the last section."""
    found: list[tuple[int, str, str]] = []
    for index in range(start, len(lines)):
        match = _APPENDIX.match(lines[index].text)
        if not match:
            continue
        word, label, title = match.groups()
        title = (title or "").strip()
        if title and not title[:1].isupper():
            continue
        found.append((index, f"{word} {label}" if label else word, title))
    return found


def _full_title(lines: list[_Line], index: int, end: int, title: str) -> tuple[str, int]:
    """The heading's title with its continuation lines joined, and where its text begins."""
    following = index + 1
    if _BARE_NUMBER.match(lines[index].text):
        following += 1
    while following < end and lines[following].text and _continues(title):
        title = _join(title, lines[following].text)
        following += 1
    return title, following


def _continues(title: str) -> bool:
    """A title broken over lines: ending in a hyphen, a comma or a joining word."""
    last = title.rsplit(" ", 1)[-1].casefold()
    return title.endswith(("-", ",")) or last in _KEEP_HYPHEN_BEFORE | {"för", "of", "for"}


def _join(first: str, second: str) -> str:
    """Two lines of one sentence: "ut-" + "värdering" is "utvärdering", "forsknings-" +
    "och" keeps its hyphen, "EU-" + "kommissionen" is "EU-kommissionen"."""
    if first.endswith("-") and len(first) > 1 and not first[-2].isspace():
        next_word = second.split(" ", 1)[0].casefold()
        if next_word in _KEEP_HYPHEN_BEFORE or not second[:1].islower():
            return f"{first} {second}"
        if first[-2].islower():
            return first[:-1] + second
        return first + second
    if first.endswith("–") and first[-2:-1].isdigit() and second[:1].isdigit():
        return first + second
    return f"{first} {second}"


def _short_line(lines: list[_Line]) -> int:
    """The length below which a line ending a sentence ends its paragraph: 70 % of the
    length most lines of running text reach (text from a PDF has no blank lines)."""
    lengths = sorted(len(line.text) for line in lines if line.text)
    return int(0.7 * lengths[(len(lengths) * 4) // 5]) if lengths else 0


def _reflow(lines: list[_Line], short: int) -> str:
    """Paragraphs (split at blank lines, bullets and short lines ending a sentence) with their
    lines joined; a paragraph broken by a page break mid-sentence is joined again."""
    paragraphs: list[str] = []
    current = ""
    blank = False
    ended = False
    for line in lines:
        if not line.text:
            blank = bool(current) or blank
            continue
        mid_sentence = (
            bool(current)
            and not _SENTENCE_END.search(current)
            and line.text[:1].islower()
            and line.page_start
        )
        ended = ended or (line.page_start and bool(_SENTENCE_END.search(current)))
        new = not current or ended or _BULLET.match(line.text) or (blank and not mid_sentence)
        if new and not mid_sentence:
            if current:
                paragraphs.append(current)
            current = line.text
        else:
            current = _join(current, line.text)
        blank = False
        ended = len(line.text) < short and bool(_SENTENCE_END.search(line.text))
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _number(parts: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in parts)
