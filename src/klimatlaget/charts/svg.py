"""Low-level SVG helpers: escaping, attribute formatting, element construction and safe links.

Everything that ends up in the output passes through :func:`esc` (text and attribute values) or
:func:`num` (coordinates), so charts are well-formed XML and safe to embed inline in HTML.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from html import escape

SVG_NS = "http://www.w3.org/2000/svg"

# Characters that are not allowed in XML 1.0 documents at all (escaping cannot help): C0 controls
# other than tab, newline and carriage return, lone surrogates and the two non-characters.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Allowed colour syntaxes for caller-supplied colours (anything else falls back to the palette).
_COLOR = re.compile(
    r"^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{3,30}"
    r"|(rgb|hsl)a?\([0-9.,%\s]{1,60}\)|var\(--[A-Za-z0-9_-]{1,60}\))$"
)


def esc(text: object) -> str:
    """Escape text for use in XML element content and in double- or single-quoted attributes."""
    return escape(_XML_INVALID.sub("", str(text)), quote=True)


def num(value: float) -> str:
    """Format a coordinate compactly and deterministically (at most two decimals, no ``-0``)."""
    if not math.isfinite(value):
        return "0"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def attrs(attributes: Mapping[str, object | None]) -> str:
    """Render attributes in the given order; ``None`` values are skipped, floats go through num."""
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        rendered = num(value) if isinstance(value, float) else esc(value)
        parts.append(f' {name}="{rendered}"')
    return "".join(parts)


def el(tag: str, attributes: Mapping[str, object | None] | None = None, *children: str) -> str:
    """An element with already-rendered children (use :func:`text_el` or :func:`esc` for text)."""
    opening = f"<{tag}{attrs(attributes or {})}"
    if not children:
        return opening + "/>"
    return opening + ">" + "".join(children) + f"</{tag}>"


def text_el(tag: str, attributes: Mapping[str, object | None] | None, text: str) -> str:
    """An element whose only content is escaped text."""
    return f"<{tag}{attrs(attributes or {})}>{esc(text)}</{tag}>"


def title(text: str) -> str:
    """A ``<title>`` child: browsers show it as a tooltip, assistive technology as a name."""
    return text_el("title", None, text)


def safe_href(href: str | None) -> str | None:
    """Return ``href`` if it is a site-relative path or an http(s) URL, otherwise ``None``.

    Anything else (``javascript:``, ``data:``, ``vbscript:``, relative paths, values with control
    characters or leading whitespace) is dropped rather than escaped, because escaping does not
    make a dangerous scheme safe.
    """
    if not href or _XML_INVALID.search(href) or any(ord(ch) < 0x20 or ch == "\x7f" for ch in href):
        return None
    lowered = href.lower()
    if href.startswith("/") or lowered.startswith(("http://", "https://")):
        return href
    return None


def safe_color(color: str | None) -> str | None:
    """Return ``color`` if it looks like a plain CSS colour, otherwise ``None``."""
    if color and _COLOR.match(color.strip()):
        return color.strip()
    return None
