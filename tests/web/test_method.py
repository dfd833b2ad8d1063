"""The method page and the method documentation: anchors that exist, presets in words."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from klimatlaget.calc import CARBON_LAW_PRESETS
from klimatlaget.web.methoddoc import method_document, slug

pytestmark = pytest.mark.django_db

METHOD, DOCUMENTATION = "/method/", "/method/documentation/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")


def _parse(client, path: str) -> _Links:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, path
    links = _Links()
    links.feed(response.content.decode())
    return links


def test_every_link_with_a_fragment_reaches_its_anchor(client, example_data):
    """From the targets page ("How targets are judged") and both method pages, every internal
    link with a fragment is followed and its anchor must exist on the page it leads to."""
    pages: dict[str, _Links] = {}
    followed = 0
    for start in (
        "/o/9102/targets/",
        "/o/9102/budget/2026/",
        "/method/nowcast/",
        METHOD,
        DOCUMENTATION,
    ):
        for href in _parse(client, start).hrefs:
            address = urlsplit(urljoin(start, href))
            if not address.fragment or address.netloc:
                continue
            if address.path not in pages:
                pages[address.path] = _parse(client, address.path)
            assert address.fragment in pages[address.path].ids, f"{start} → {href}"
            followed += 1
    assert f"{METHOD}" in pages and DOCUMENTATION in pages
    assert {"targets", "paris-alignment", "target-ranking"} <= pages[DOCUMENTATION].ids
    assert "targets" in pages[METHOD].ids
    assert followed >= 30  # the document's own table of contents and cross-references


def test_presets_in_words_and_the_documentation_linked(client, db):
    with_english = client.get(METHOD, HTTP_ACCEPT_LANGUAGE="en")
    html = with_english.content.decode()
    assert not any(f"{name}:" in html for name in CARBON_LAW_PRESETS)  # was "fair-share-10: 0,1000"
    assert "fair-share" not in html and ": 0,1" not in html and ": 0.1" not in html
    assert "11.72 % a year: 1.5 °C, as in Swedish municipal analyses (the default)" in html
    assert "7 % a year: Global average" in html
    assert f'href="{DOCUMENTATION}"' in html
    swedish = client.get(METHOD).content.decode()
    assert f'href="{DOCUMENTATION}"' in swedish


def test_the_documentation_page_renders_the_document(client, db):
    html = client.get(DOCUMENTATION).content.decode()
    assert '<h1 id="method-how-klimatläget-calculates-emissions-metrics">' in html
    assert "<table>" in html and '<article class="method-document" lang="en">' in html
    assert '<a href="#slope-range">' in html


def test_without_the_document_the_page_says_so(client, db, settings, tmp_path):
    settings.METHOD_DOCUMENT = tmp_path / "missing.md"
    response = client.get(DOCUMENTATION, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404


def test_anchors_follow_githubs_rule(tmp_path: Path):
    assert slug("Slope range") == "slope-range"
    assert slug("Method: how Klimatläget calculates") == "method-how-klimatläget-calculates"
    assert slug("Targets (per inhabitant)") == "targets-per-inhabitant"
    document = tmp_path / "doc.md"
    document.write_text("# Title\n\n## Notes\n\ntext\n\n## Notes\n", encoding="utf-8")
    rendered = method_document(document)
    assert [h.anchor for h in rendered.headings] == ["title", "notes", "notes-1"]
    assert '<h2 id="notes-1">' in rendered.html and rendered.title == "Title"


def test_table_alignment_by_class_not_inline_style(tmp_path: Path):
    """The content security policy refuses inline styles, so aligned columns use classes."""
    document = tmp_path / "doc.md"
    document.write_text("# T\n\n| a | b |\n| --- | ---: |\n| x | 1 |\n", encoding="utf-8")
    html = method_document(document).html
    assert "style=" not in html
    assert '<td class="align-right">1</td>' in html and '<th class="align-right">b</th>' in html
