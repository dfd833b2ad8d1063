"""The fee list of an association's year in the API (secretariat only; ``?format=csv``), and
the secretariat's fee rules and per-member overrides.

Overrides are addressed by member and first year: ``PUT …/fee-overrides/{member_code}?year=2025``
creates or changes the member's override that starts in 2025 (``to_year`` in the body, None: until
further notice); ``DELETE`` with the same ``year`` removes it. Invalid values are answered with 422
and a ``detail`` naming the field, and ``errors`` by field.
"""

from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.resolvers import is_member, managed_association, organisation_or_404
from klimatlaget.api.schemas import CONFLICTS, Year
from klimatlaget.associations.api import InvalidOut, invalid
from klimatlaget.concurrency import IF_MATCH, expected_version
from klimatlaget.exports.responses import csv_response
from klimatlaget.fees.models import FeeOverride, FeeRule
from klimatlaget.fees.services import (
    COLUMNS,
    fee_list,
    remove_fee_override,
    set_fee_override,
    set_fee_rule,
)

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
    earlier_population: bool = Field(
        description="The rule's population year is not published yet: population_year is the "
        "latest year before it"
    )


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
    earlier_population: int = Field(
        description="Members charged on the latest population before the rule's year"
    )
    rows: list[FeeRowOut]


@router.get(
    "/associations/{code}/fees",
    auth=django_auth,
    response={200: FeeListOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def association_fees(
    request: HttpRequest, code: str, year: Year, format: Literal["json", "csv"] = "json"
) -> Any:
    """Every member's fee in ``year`` under the rule in force, with the sum; members whose
    population is missing are flagged, not charged zero. Secretariat only."""
    association = managed_association(request.user, code)
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
        "earlier_population": fees.earlier_population,
        "rows": [
            {**row.as_dict(), "fee_sek": None if row.fee_sek is None else float(row.fee_sek)}
            for row in fees.rows
        ],
    }


# Rules and overrides -----------------------------------------------------------------------

WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}


class FeeRuleDetailOut(Schema):
    from_year: int
    fixed_sek: float
    per_inhabitant_sek: float
    max_inhabitants: int | None
    population_year_offset: int
    population_year: int | None
    rounding: str
    version: int = Field(description="Send it back (or in If-Match) when changing the rule")


class FeeRuleIn(Schema):
    from_year: Year
    fixed_sek: Decimal
    per_inhabitant_sek: Decimal
    max_inhabitants: int | None = None
    population_year_offset: int = -1
    population_year: Year | None = None
    rounding: str = "krona"
    version: int | None = Field(None, description="The version edited; a stale one gets 409")


class FeeOverrideIn(Schema):
    to_year: Year | None = None
    counted_inhabitants: int | None = None
    amount_sek: Decimal | None = None
    reason: str = ""
    version: int | None = Field(None, description="The version edited; a stale one gets 409")


class FeeOverrideOut(Schema):
    member_code: str
    member_name: str
    from_year: int
    to_year: int | None
    counted_inhabitants: int | None
    amount_sek: float | None
    reason: str
    version: int = Field(description="Send it back (or in If-Match) when changing the override")


def _rule_out(rule: FeeRule) -> dict[str, Any]:
    return {
        "from_year": rule.from_year,
        "fixed_sek": float(rule.fixed_sek),
        "per_inhabitant_sek": float(rule.per_inhabitant_sek),
        "max_inhabitants": rule.max_inhabitants,
        "population_year_offset": rule.population_year_offset,
        "population_year": rule.population_year,
        "rounding": rule.rounding,
        "version": rule.version,
    }


def _override_out(override: FeeOverride) -> dict[str, Any]:
    amount = override.amount_sek
    return {
        "member_code": override.member.code,
        "member_name": override.member.name,
        "from_year": override.from_year,
        "to_year": override.to_year,
        "counted_inhabitants": override.counted_inhabitants,
        "amount_sek": None if amount is None else float(amount),
        "reason": override.reason,
        "version": override.version,
    }


@router.get(
    "/associations/{code}/fee-rules",
    auth=django_auth,
    response={200: list[FeeRuleDetailOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def association_fee_rules(request: HttpRequest, code: str) -> Any:
    """Every fee rule of the association, the earliest first (secretariat only)."""
    association = managed_association(request.user, code)
    return [_rule_out(rule) for rule in FeeRule.objects.filter(association=association)]


@router.post(
    "/associations/{code}/fee-rules",
    auth=django_auth,
    response={200: FeeRuleDetailOut, 201: FeeRuleDetailOut, **WRITE_ERRORS, **CONFLICTS},
    openapi_extra=IF_MATCH,
)
def post_fee_rule(request: HttpRequest, code: str, body: FeeRuleIn) -> Any:
    """Create the rule from ``from_year`` (201), or change it if there is one (200). Recorded.
    With ``If-Match`` or ``version``, a rule changed since that version is not changed."""
    association = managed_association(request.user, code)
    values = body.model_dump()
    from_year = values.pop("from_year")
    values["version"] = expected_version(request, body.version)
    exists = FeeRule.objects.filter(association=association, from_year=from_year).exists()
    try:
        rule = set_fee_rule(request.user, association, from_year, **values)
    except ValidationError as error:
        return invalid(error, _("The fee rule is not valid."))
    return Status(200 if exists else 201, _rule_out(rule))


@router.get(
    "/associations/{code}/fee-overrides/{member_code}",
    auth=django_auth,
    response={200: list[FeeOverrideOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def member_fee_overrides(request: HttpRequest, code: str, member_code: str) -> Any:
    """The member's fee overrides in the association, the earliest first (secretariat only)."""
    association = managed_association(request.user, code)
    member = organisation_or_404(member_code)
    overrides = FeeOverride.objects.filter(association=association, member=member)
    return [_override_out(o) for o in overrides.select_related("member").order_by("from_year")]


@router.put(
    "/associations/{code}/fee-overrides/{member_code}",
    auth=django_auth,
    response={200: FeeOverrideOut, 201: FeeOverrideOut, **WRITE_ERRORS, **CONFLICTS},
    openapi_extra=IF_MATCH,
)
def put_fee_override(
    request: HttpRequest, code: str, member_code: str, year: Year, body: FeeOverrideIn
) -> Any:
    """Create (201) or change (200) the member's override starting in ``year``: either
    ``counted_inhabitants`` or ``amount_sek``, with a ``reason``. Recorded. With ``If-Match``
    or ``version``, an override changed since that version is not changed (412 or 409)."""
    association = managed_association(request.user, code)
    member = organisation_or_404(member_code)
    if not is_member(association, member, year):
        error = ValidationError(
            {
                "member_code": _("%(member)s is not a member of %(association)s in %(year)s.")
                % {"member": member.name, "association": association.name, "year": year}
            }
        )
        return invalid(error, _("The fee override is not valid."))
    if (body.counted_inhabitants is None) == (body.amount_sek is None):
        error = ValidationError(
            {"counted_inhabitants": _("Give exactly one of counted_inhabitants and amount_sek.")}
        )
        return invalid(error, _("The fee override is not valid."))
    exists = FeeOverride.objects.filter(
        association=association, member=member, from_year=year
    ).exists()
    try:
        values = {**body.model_dump(), "version": expected_version(request, body.version)}
        override = set_fee_override(request.user, association, member, year, **values)
    except ValidationError as error:
        return invalid(error, _("The fee override is not valid."))
    return Status(200 if exists else 201, _override_out(override))


@router.delete(
    "/associations/{code}/fee-overrides/{member_code}",
    auth=django_auth,
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, **CONFLICTS},
    openapi_extra=IF_MATCH,
)
def delete_fee_override(request: HttpRequest, code: str, member_code: str, year: Year) -> Any:
    """Remove the member's override that starts in ``year`` (all its years). Recorded. With
    ``If-Match``, only the version named."""
    association = managed_association(request.user, code)
    member = organisation_or_404(member_code)
    override = FeeOverride.objects.filter(
        association=association, member=member, from_year=year
    ).first()
    if override is None:
        raise Http404(member_code)
    remove_fee_override(request.user, override, expected_version(request, None))
    return Status(204, None)
