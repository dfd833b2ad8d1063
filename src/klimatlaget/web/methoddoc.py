"""The method documentation (docs/METHOD.md) as a web page, each heading with its anchor.

Anchors follow GitHub's rule (lower case, punctuation dropped, spaces as hyphens), so the links
inside the document (``#slope-range``) and those from the code and pages (``#targets``) work both
on GitHub and here. The document lives beside the source code (``settings.METHOD_DOCUMENT``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

_NOT_IN_SLUG = re.compile(r"[^\w\- ]")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    anchor: str
    title: str


@dataclass(frozen=True, slots=True)
class MethodDocument:
    title: str
    html: str
    headings: tuple[Heading, ...]


def slug(title: str) -> str:
    """GitHub's anchor for a heading: "Slope range" → "slope-range"."""
    return _NOT_IN_SLUG.sub("", title.strip().lower()).replace(" ", "-")


def method_document(path: Path) -> MethodDocument:
    """``path`` rendered as HTML (re-read when the file changes)."""
    return _render(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _render(path: Path, _mtime: int) -> MethodDocument:
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = parser.parse(path.read_text(encoding="utf-8"))
    headings: list[Heading] = []
    seen: dict[str, int] = {}
    title = ""
    for opening, inline in pairwise(tokens):
        if opening.type != "heading_open":
            continue
        text = inline.content
        level = int(opening.tag[1])
        if level == 1 and not title:
            title = text
        anchor = slug(text)
        seen[anchor] = seen.get(anchor, -1) + 1
        if seen[anchor]:  # GitHub numbers a repeated heading: "notes", "notes-1", …
            anchor = f"{anchor}-{seen[anchor]}"
        opening.attrSet("id", anchor)
        headings.append(Heading(level, anchor, text))
    _align_by_class(tokens)
    html = parser.renderer.render(tokens, parser.options, {})
    return MethodDocument(title, html, tuple(headings))


def _align_by_class(tokens: list[Token]) -> None:
    """Table cells aligned by a class: the site's security policy refuses inline styles."""
    for token in tokens:
        style = token.attrGet("style")
        if token.type in ("th_open", "td_open") and style:
            alignment = str(style).removeprefix("text-align:")
            del token.attrs["style"]
            token.attrSet("class", f"align-{alignment}")
