"""The comparison of targets and the association's view of its members, in the REST API."""

from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router

from klimatlaget.api.schemas import CarbonLawQuery, CountyCode, ErrorOut, Year, one_of
from klimatlaget.calc.targets import Form, Order, Verdict
from klimatlaget.emissions.metrics import parameters
from klimatlaget.exports.columns import keys
from klimatlaget.exports.responses import csv_response
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.targets.comparison import association as association_view
from klimatlaget.targets.comparison import matrix as matrix_view
from klimatlaget.targets.comparison.service import COLUMNS, GROUPS, Filters, build_comparison
from klimatlaget.targets.evaluation import target_parameters
from klimatlaget.targets.models import StatusChoice

router = Router(tags=["targets"])

Format = Literal["json", "csv"]


class ComparisonQuery(CarbonLawQuery):
    scope_group: str | None = one_of(GROUPS, "scope group")
    county: CountyCode | None = None
    form: Form | None = None
    verdict: Verdict | None = None
    status: StatusChoice | None = None
    order: Order | None = None


@router.get("/targets/comparison", response=list[dict[str, Any]])
def target_comparison(
    request: HttpRequest, q: Query[ComparisonQuery], format: Format = "json"
) -> Any:
    """Every target (and Sweden's and the EU's for reference), ranked sharpest first within its
    scope group (``1-2`` or ``1-2-3``): by the experts' ladder of wordings (``order=ladder``,
    the default) or by the implied reduction (``order=reduction``). Filters: ``scope_group``,
    ``county`` (two-digit code), ``form``, ``verdict`` and ``status``; an unknown value is an
    error (422)."""
    params = target_parameters(parameters(q.current_year, q.rate, q.preset))
    filters = Filters.from_query(q.dict(), strict=True)
    rows = build_comparison(params, filters).rows
    if format == "csv":
        return csv_response("target-comparison", rows, COLUMNS)
    return [{column: row.get(column) for column in keys(COLUMNS)} for row in rows]


class MatrixQuery(CarbonLawQuery):
    scope_group: str | None = one_of(GROUPS, "scope group")
    county: CountyCode | None = None
    status: StatusChoice | None = None


@router.get("/targets/matrix", response=dict[str, Any])
def target_matrix(request: HttpRequest, q: Query[MatrixQuery], format: Format = "json") -> Any:
    """The experts' matrix: per scope group, the ladder's wordings (sharpest first) against the
    target year columns 2030, 2035, 2040, 2045, 2050 and ``later``, with the ranked targets in
    each cell (Sweden's and the EU's marked ``is_reference``). ``?format=csv`` gives one row
    per target with its ``ladder_rung`` and ``year_column``."""
    params = target_parameters(parameters(q.current_year, q.rate, q.preset))
    entries = matrix_view.matrix_entries(params, Filters.from_query(q.dict(), strict=True))
    if format == "csv":
        return csv_response("target-matrix", entries, matrix_view.CSV_COLUMNS)
    return matrix_view.matrix_as_dict(matrix_view.build_matrices(entries))


class AssociationQuery(CarbonLawQuery):
    association: str | None = None
    year: Year | None = None


@router.get("/targets/association", response={200: dict[str, Any], 404: ErrorOut})
def target_association(
    request: HttpRequest, q: Query[AssociationQuery], format: Format = "json"
) -> Any:
    """The members of an association in a year (default: the first association, this year),
    counted by the overall verdict on their adopted targets, by form and by scope group.
    ``?format=csv`` gives one row per member."""
    associations = Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION)
    chosen = (
        associations.filter(code=q.association).first()
        if q.association
        else associations.order_by("name").first()
    )
    if chosen is None:
        raise Http404("no such association")
    year = q.year if q.year is not None else association_view.current_year()
    params = target_parameters(parameters(q.current_year, q.rate, q.preset))
    summary = association_view.summarise(chosen, year, params)
    if format == "csv":
        return csv_response(
            f"{chosen.code}-{year}-member-targets", summary.members, association_view.MEMBER_COLUMNS
        )
    return summary.as_dict()
