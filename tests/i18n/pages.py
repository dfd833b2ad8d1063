"""One page of each kind: every GET route of the permission matrix, with a role that may see it."""

from django.urls import resolve

from access.matrix import PLACEHOLDERS, ROWS, Row, concrete
from access.world import ROLES

#: Answers that are files or data, not pages.
NOT_PAGES = (".csv", ".xlsx", ".pdf", ".docx", ".json", ".zip", "/healthz", "/admin/")
#: Any id will do to find a row's URL pattern.
ANY_IDS = dict.fromkeys(PLACEHOLDERS, 1)


def _role(row: Row) -> str | None:
    """The first role (a person before the anonymous visitor) the row lets read the page."""
    return next(role for role, status in zip(ROLES, row.expected, strict=True) if status == 200)


def page_kinds(api: bool = False) -> list[tuple[str, str | None]]:
    """(URL, role) of one row per URL pattern that some role may GET: pages, or API reads."""
    kinds: dict[str, tuple[str, str | None]] = {}
    for row in ROWS:
        if row.method != "get" or 200 not in row.expected:
            continue
        path = row.url.split("?")[0]
        if row.url.startswith("/api/") != api or (not api and path.endswith(NOT_PAGES)):
            continue
        route = resolve(concrete(row.url, ANY_IDS).split("?")[0]).route
        kinds.setdefault(route, (row.url, _role(row)))
    return sorted(kinds.values())
