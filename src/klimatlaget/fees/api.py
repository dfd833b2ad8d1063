"""The fee list of an association's year in the API (secretariat only; ``?format=csv``)."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.exports.responses import csv_response
from klimatlaget.fees.services import COLUMNS, fee_list
from klimatlaget.organisations.lookup import organisation_or_404

router = Router(tags=["fees"])


class ErrorOut(Schema):
    detail: str


class FeeRowOut(Schema):
    member_code: str
    member_name: str
    kind: str
    population_year: int
    inhabitants: int | None
    counted_inhabitants: int | None
    capped: bool
    fee_sek: float | None
    override_reason: str
    missing_population: bool


class FeeRuleOut(Schema):
    from_year: int
    fixed_sek: float
    per_inhabitant_sek: float
    max_inhabitants: int | None
    population_year: int
    rounding: str


class FeeListOut(Schema):
    association: str
    year: int
    rule: FeeRuleOut
    total_sek: float
    members: int
    missing_population: int
    rows: list[FeeRowOut]


@router.get(
    "/associations/{code}/fees",
    auth=django_auth,
    response={200: FeeListOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def association_fees(
    request: HttpRequest, code: str, year: int, format: Literal["json", "csv"] = "json"
) -> Any:
    """Every member's fee in ``year`` under the rule in force, with the sum; members whose
    population is missing are flagged, not charged zero. Secretariat only."""
    association = organisation_or_404(code)
    ensure_permission(request.user, Permission.MANAGE_ASSOCIATION, association)
    fees = fee_list(association, year)  # no rule for the year: ValueError, answered with 422
    if format == "csv":
        return csv_response(f"{association.code}-fees-{year}", fees.table(), COLUMNS)
    rule = fees.rule
    return {
        "association": association.code,
        "year": year,
        "rule": {
            "from_year": rule.from_year,
            "fixed_sek": float(rule.fixed_sek),
            "per_inhabitant_sek": float(rule.per_inhabitant_sek),
            "max_inhabitants": rule.max_inhabitants,
            "population_year": fees.population_year,
            "rounding": rule.rounding,
        },
        "total_sek": float(fees.total_sek),
        "members": len(fees.rows),
        "missing_population": fees.flagged,
        "rows": [
            {**row.as_dict(), "fee_sek": None if row.fee_sek is None else float(row.fee_sek)}
            for row in fees.rows
        ],
    }
