"""The open data at a stable address: ``/open-data/`` describes the tables, and beside it the
package's ``datapackage.json``, each table's CSV and the whole as a zip file.

Anyone may read them (they hold only what the site shows every visitor). The files come from
the package kept per version (:func:`.package.open_data_package`); their ETag is that version,
so a client that has the current files gets 304 without anything being built.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import condition, require_safe

from klimatlaget.exports.responses import CSV, JSON
from klimatlaget.opendata.package import (
    DESCRIPTOR,
    LICENCE,
    SOURCES,
    open_data_package,
    package_version,
)
from klimatlaget.opendata.schema import TABLE_NAMES, TABLES
from klimatlaget.web.pagecache import public_page

ZIP = "application/zip"


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    return package_version()


def _file(content: bytes, file_name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{file_name}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: other sites may read it
    return response


@public_page
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/index.html",
        {"tables": TABLES, "licence": LICENCE, "sources": SOURCES},
    )


@require_safe
@condition(etag_func=_etag)
def descriptor(request: HttpRequest) -> HttpResponse:
    return _file(open_data_package().descriptor_json, DESCRIPTOR, JSON)


@require_safe
@condition(etag_func=_etag)
def table_csv(request: HttpRequest, table: str) -> HttpResponse:
    if table not in TABLE_NAMES:
        raise Http404(table)
    path = TABLE_NAMES[table].path
    return _file(open_data_package().files[path], path, CSV)


@require_safe
@condition(etag_func=_etag)
def package_zip(request: HttpRequest) -> HttpResponse:
    response = _file(open_data_package().zip, "klimatlaget-open-data.zip", ZIP)
    response["Content-Disposition"] = 'attachment; filename="klimatlaget-open-data.zip"'
    return response
