"""Tables as downloadable CSV responses, for pages and the API alike."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpResponse

from klimatlaget.exports.tabular import CsvDialect, write_csv


def csv_response(
    name: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    dialect: CsvDialect = CsvDialect.PLAIN,
) -> HttpResponse:
    response = HttpResponse(
        write_csv(rows, columns, dialect), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
