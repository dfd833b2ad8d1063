"""The climate contracts API: signed and superseded contracts are public, drafts only for those
who may edit them (as missing for others); commitments' yearly status is reported by the
contract's editors, through the same services as the pages."""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.resolvers import (
    editable_commitment,
    organisation_or_404,
    visible_contract_by_id,
    visible_contracts,
)
from klimatlaget.api.schemas import CONFLICTS, ErrorOut, Id
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.contracts import schemas, services
from klimatlaget.contracts.comparing import COLUMNS, compare, summary_row
from klimatlaget.contracts.live import LiveLink, section_views
from klimatlaget.contracts.models import Commitment, Contract
from klimatlaget.exports.responses import csv_response

router = Router(tags=["contracts"])


def _link_out(live: LiveLink) -> dict[str, Any]:
    link = live.link
    linked = link.linked
    return {
        "id": link.pk,
        "kind": link.kind,
        "object_id": linked.pk if linked is not None else None,
        "title": live.label,
        "url": live.href,
        "figure": live.figure,
        "value": live.value,
    }


def _contract_out(contract: Contract, with_sections: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": contract.pk,
        "organisation_code": contract.organisation.code,
        "year": contract.year,
        "status": contract.status,
        "signed_on": contract.signed_on,
        "source": contract.source,
        "replaces_id": contract.replaces_id,
        "version": contract.version,
        "parties": contract.parties_data(),
    }
    if with_sections:
        out["sections"] = [
            {
                "id": view.section.pk,
                "number": view.section.number,
                "parent_number": view.section.parent.number if view.section.parent else None,
                "title": view.section.title,
                "subject": view.section.subject,
                "writer": view.section.writer,
                "text": view.section.text,
                "version": view.section.version,
                "links": [_link_out(live) for live in view.links],
            }
            for view in section_views(contract, datetime.date.today().year)
        ]
    return out


def _commitment_out(commitment: Commitment) -> dict[str, Any]:
    return {
        "id": commitment.pk,
        "contract_id": commitment.contract_id,
        "section_number": commitment.section.number if commitment.section else None,
        "party_code": commitment.party.party.code,
        "party_role": commitment.party.role,
        "text": commitment.text,
        "due_year": commitment.due_year,
        "version": commitment.version,
        "statuses": [
            {"year": s.year, "status": s.status, "comment": s.comment}
            for s in commitment.statuses.all()
        ],
    }


@router.get(
    "/organisations/{code}/contracts",
    response={200: list[schemas.ContractOut], 404: ErrorOut},
)
def list_contracts(request: HttpRequest, code: str) -> Any:
    """The organisation's climate contracts, a version per year (without their sections);
    drafts only for those who may edit them."""
    organisation = organisation_or_404(code)
    return [_contract_out(c, False) for c in visible_contracts(request.user, organisation)]


@router.get(
    "/contracts/{contract_id}",
    response={200: schemas.ContractOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_contract(request: HttpRequest, contract_id: Id, response: HttpResponse) -> Any:
    """A contract with its sections in document order, each with its links and what the
    linked objects say now."""
    contract = visible_contract_by_id(request.user, contract_id)
    response["ETag"] = etag(contract.version)
    return _contract_out(contract, True)


@router.get(
    "/contracts/{contract_id}/commitments",
    response={200: list[schemas.CommitmentOut], 404: ErrorOut},
)
def list_commitments(request: HttpRequest, contract_id: Id) -> Any:
    """The contract's commitments with their status in each year reported."""
    contract = visible_contract_by_id(request.user, contract_id)
    commitments = contract.commitments.select_related("party__party", "section").prefetch_related(
        "statuses"
    )
    return [_commitment_out(c) for c in commitments]


@router.post(
    "/commitments/{commitment_id}/statuses",
    auth=django_auth,
    response={
        200: schemas.CommitmentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: schemas.ContractInvalidOut,
        **CONFLICTS,
    },
    openapi_extra=sends_etag(IF_MATCH),
)
def post_commitment_status(
    request: HttpRequest,
    commitment_id: Id,
    body: schemas.CommitmentStatusIn,
    response: HttpResponse,
) -> Any:
    """Where the commitment stood in a year, with a comment; a stale ``If-Match`` or
    ``version`` of the commitment: 412 or 409."""
    commitment = editable_commitment(request.user, commitment_id)
    values = {**body.model_dump(), "version": expected_version(request, body.version)}
    try:
        services.set_commitment_status(request.user, commitment, body.year, values)
    except ValidationError as error:
        return Status(422, {"detail": "Not saved: invalid values.", "errors": error.message_dict})
    commitment.refresh_from_db()
    response["ETag"] = etag(commitment.version)
    return _commitment_out(commitment)


def _version_out(contract: Contract) -> dict[str, Any]:
    return {"id": contract.pk, "year": contract.year, "status": contract.status}


@router.get(
    "/contracts/{contract_id}/compare",
    response={200: schemas.ComparisonOut, 404: ErrorOut, 422: ErrorOut},
)
def compare_contracts(
    request: HttpRequest,
    contract_id: Id,
    other_id: Id = Query(..., alias="with"),  # noqa: B008 (ninja's declaration)
    format: Literal["json", "csv"] = "json",
) -> Any:
    """Two versions of the same organisation's contract (``with`` is the other's id), section
    by section: matched by subject, each added, removed, changed or unchanged, with the word
    diff of a changed title or text. The earlier year is the old version; ``?format=csv`` gives
    the summary, one row per section."""
    contract = visible_contract_by_id(request.user, contract_id)
    other = visible_contract_by_id(request.user, other_id)
    if other.organisation_id != contract.organisation_id:
        return Status(422, {"detail": "The two contracts are not versions of one organisation's."})
    comparison = compare(contract, other)
    rows = [summary_row(change) for change in comparison.diff.changes]
    if format == "csv":
        name = f"{contract.organisation.code}-contract-{comparison.old.year}-{comparison.new.year}"
        return csv_response(name, rows, COLUMNS)
    for row, change in zip(rows, comparison.diff.changes, strict=True):
        row |= {
            "matched_by": change.matched_by,
            "title_changed": change.title_changed,
            "text_changed": change.text_changed,
            "title_runs": [{"op": run.op, "text": run.text} for run in change.title_runs],
            "text_runs": [{"op": run.op, "text": run.text} for run in change.text_runs],
        }
    return {
        "old": _version_out(comparison.old),
        "new": _version_out(comparison.new),
        "counts": comparison.counts(),
        "sections": rows,
    }
