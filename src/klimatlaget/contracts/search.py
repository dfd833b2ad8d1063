"""Full-text search of the contracts' sections the reader may read.

PostgreSQL searches with its 'swedish' text search configuration (``websearch_to_tsquery``,
which accepts any text), using the GIN index of migration 0002. SQLite searches the FTS5 table
``contracts_section_fts`` that the same migration creates and keeps in step with triggers;
the words asked for are quoted, so that no text can be an FTS syntax error. Snippets mark
the words found with ``<mark>`` after everything else is escaped.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from klimatlaget.accounts.resolvers import readable_contracts
from klimatlaget.contracts.comparison import Reader
from klimatlaget.contracts.models import Section

#: The most hits a search returns.
LIMIT = 50
#: The longest query read (longer ones are cut).
MAX_QUERY = 200
#: The FTS5 table of migration 0002 (SQLite).
FTS_TABLE = "contracts_section_fts"
#: Markers around a found word in a snippet, replaced by <mark> after escaping.
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Hit:
    section: Section
    snippet: SafeString


def _highlighted(snippet: str) -> SafeString:
    html = escape(snippet).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above, only the markers become tags


def _vector() -> SearchVector:
    return SearchVector("title", "text", config="swedish")


def _postgresql(q: str, contract_ids: list[int]) -> list[tuple[int, str]]:
    query = SearchQuery(q, config="swedish", search_type="websearch")
    found = (
        Section.objects.filter(contract_id__in=contract_ids)
        .annotate(found=_vector(), rank=SearchRank(_vector(), query))
        .filter(found=query)
        .annotate(
            snippet=SearchHeadline(
                "text",
                query,
                config="swedish",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
            )
        )
        .order_by("-rank", "id")
        .values_list("id", "snippet")[:LIMIT]
    )
    return list(found)


def fts_query(q: str) -> str:
    """``q``'s words as an FTS5 query: each a quoted prefix, all required (no syntax left)."""
    return " ".join(f'"{word}"*' for word in _WORD.findall(q))


def _sqlite(q: str, contract_ids: list[int]) -> list[tuple[int, str]]:
    match = fts_query(q)
    if not match or not contract_ids:
        return []
    marks = ", ".join("%s" for _ in contract_ids)
    sql = (
        f"SELECT f.rowid, snippet({FTS_TABLE}, -1, %s, %s, '…', 24) "  # noqa: S608
        f"FROM {FTS_TABLE} f JOIN contracts_section s ON s.id = f.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND s.contract_id IN ({marks}) "
        f"ORDER BY bm25({FTS_TABLE}), f.rowid LIMIT {LIMIT}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_START, _STOP, match, *contract_ids])
        return [(row[0], row[1]) for row in cursor.fetchall()]


def search(user: Reader, q: str) -> list[Hit]:
    """The sections of the contracts ``user`` may read that match ``q``, best first."""
    q = q.strip()[:MAX_QUERY]
    if not _WORD.search(q):
        return []
    contract_ids = list(readable_contracts(user).values_list("id", flat=True))
    found = (
        _postgresql(q, contract_ids)
        if connection.vendor == "postgresql"
        else _sqlite(q, contract_ids)
    )
    sections = Section.objects.select_related("contract__organisation").in_bulk(
        [section_id for section_id, _snippet in found]
    )
    return [
        Hit(sections[section_id], _highlighted(snippet or sections[section_id].title))
        for section_id, snippet in found
        if section_id in sections
    ]
