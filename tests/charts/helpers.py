"""Helpers for reading the SVG the charts produce (parsed with the standard library only)."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    """Parse the chart; raises if it is not well-formed XML."""
    root = ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted input)
    assert root.tag == f"{NS}svg"
    return root


def find_all(root: ET.Element, tag: str, cls: str | None = None) -> list[ET.Element]:
    found = root.iter(f"{NS}{tag}")
    if cls is None:
        return list(found)
    return [e for e in found if cls in (e.get("class") or "").split()]


def title_of(element: ET.Element) -> str:
    child = element.find(f"{NS}title")
    assert child is not None, f"<{element.tag}> has no <title>"
    return child.text or ""


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in find_all(root, "text")]


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    """Split an absolute ``M … L … Z`` path into lists of points."""
    result: list[list[tuple[float, float]]] = []
    for command, x, y in re.findall(r"([ML])\s*(-?[\d.]+),(-?[\d.]+)", d):
        if command == "M":
            result.append([])
        result[-1].append((float(x), float(y)))
    return result


def interpolate(points: list[tuple[float, float]], x: float) -> float:
    points = sorted(points)
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x0 <= x <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    raise AssertionError(f"{x} outside {points[0][0]}…{points[-1][0]}")


def parse_number(text: str) -> float:
    """Read back a number formatted by format_number_sv or format_number_en."""
    cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace("\u2212", "-")
    if "," in cleaned and "." not in cleaned and re.search(r",\d{1,2}$", cleaned):
        cleaned = cleaned.replace(",", ".")
    return float(cleaned.replace(",", ""))


def y_scale(root: ET.Element) -> tuple[float, float]:
    """(value at y=0, value per unit y) recovered from the y axis grid lines and tick labels."""
    axis = next(g for g in find_all(root, "g", "kl-axis-y"))
    ys = [float(line.get("y1", "nan")) for line in find_all(axis, "line")]
    values = [parse_number(t) for t in texts(axis)]
    assert len(ys) == len(values) >= 2
    slope = (values[-1] - values[0]) / (ys[-1] - ys[0])
    return values[0] - slope * ys[0], slope


def value_at(root: ET.Element, y: float) -> float:
    intercept, slope = y_scale(root)
    return intercept + slope * y


def assert_accessible(svg: str) -> ET.Element:
    """The checks every chart must pass: well-formed, labelled, responsive, readable on a phone."""
    root = parse(svg)
    assert root.get("role") in ("img", "group")
    labelled_by = (root.get("aria-labelledby") or "").split()
    assert labelled_by
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique"
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    assert by_id[labelled_by[0]].tag == f"{NS}title"
    assert (by_id[labelled_by[0]].text or "").strip()
    if len(labelled_by) > 1:
        assert by_id[labelled_by[1]].tag == f"{NS}desc"
    # drawn at the size it was laid out for (one viewBox unit = one CSS px), so it only shrinks
    # (keeping its proportions) in a narrower container and its text never grows with the page
    assert root.get("preserveAspectRatio")
    _, _, vb_width, vb_height = (float(v) for v in (root.get("viewBox") or "").split())
    assert vb_height > 0
    assert float(root.get("width", "nan")) == vb_width
    assert float(root.get("height", "nan")) == vb_height
    assert f"kl-w-{round(vb_width)}" in (root.get("class") or "").split()
    # readable text: ≥ 12 px
    sizes = [float(e.get("font-size", "0")) for e in root.iter() if e.get("font-size")]
    assert sizes
    assert all(size >= 12 for size in sizes)
    # text follows the page: inherited font, currentColor
    assert root.get("font-family") == "inherit"
    assert root.get("fill") == "currentColor"
    for text in find_all(root, "text"):
        assert text.get("fill") in (None, "currentColor")
    return root
