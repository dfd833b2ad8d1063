"""The permission matrix covers the whole site: every URL pattern (django-ninja's included) and
every operation in the OpenAPI schema has a row in :mod:`access.matrix`. A new route without a
row fails here, so nobody can add a page or an endpoint without saying who may use it."""

import re

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from access.matrix import PLACEHOLDERS, ROWS, concrete

#: Any id will do to find a row's pattern.
IDS = dict.fromkeys(PLACEHOLDERS, 1)

#: Django's admin has its own permission system (staff only); the matrix covers its entrance.
ADMIN = "admin/"


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(ADMIN):
            yield ADMIN
        elif isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, route)
        else:
            assert isinstance(pattern, URLPattern)
            yield route


def _route(url: str) -> str:
    """The URL pattern a row's URL resolves to, as written in the URLconf."""
    match = resolve(concrete(url, IDS).split("?")[0])
    return ADMIN if match.route.startswith(ADMIN) else match.route


def _operation(method: str, url: str) -> tuple[str, str]:
    """(METHOD, OpenAPI path) of an API row, ``api/x/<int:x_id>`` written ``/api/x/{x_id}``."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", _route(url))
    return method.upper(), "/" + path


def test_every_url_pattern_has_a_row():
    covered = {_route(row.url) for row in ROWS if _resolves(row.url)}
    missing = sorted(set(_patterns(get_resolver().url_patterns)) - covered)
    assert not missing, f"routes without a row in tests/access/matrix.py: {missing}"


def test_every_api_operation_has_a_row():
    from klimatlaget.api.routes import api

    schema = api.get_openapi_schema()
    operations = {
        (method.upper(), path) for path, item in schema["paths"].items() for method in item
    }
    api_rows = [row for row in ROWS if row.url.startswith("/api/") and _resolves(row.url)]
    covered = {_operation(row.method, row.url) for row in api_rows}
    missing = sorted(operations - covered)
    assert not missing, f"API operations without a row in tests/access/matrix.py: {missing}"


def _resolves(url: str) -> bool:
    try:
        _route(url)
    except Resolver404:
        return False
    return True


def test_every_row_names_a_real_route():
    """A row whose URL resolves to nothing would cover nothing."""
    assert [row.url for row in ROWS if not _resolves(row.url)] == []
