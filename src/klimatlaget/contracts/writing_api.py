"""Writing climate contracts through the API: importing a contract's file (a review first), its
status, new versions, sections, their links, commitments and parties, by the same services
and with the same permissions as the pages (a hidden draft is as missing, 404).

The operations join the contracts router (some share an address with its reads), which the
API mounts from here."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import File, UploadedFile
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.resolvers import (
    changeable_contract,
    changeable_link,
    changeable_section,
    contract_organisation,
    linkable_section,
    pending_contract_import,
    removable_commitment,
)
from klimatlaget.api.schemas import CONFLICTS, ErrorOut, Id, Year
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.contracts import schemas, services
from klimatlaget.contracts.api import _commitment_out, _contract_out, router
from klimatlaget.contracts.models import Contract, PendingImport, SectionLink
from klimatlaget.contracts.pending import ReviewGone, confirm_review, gone, hold_review
from klimatlaget.contracts.reading import read_text, template_writers
from klimatlaget.contracts.writers import planned_sections
from klimatlaget.organisations.models import Organisation
from klimatlaget.sources import SourceError
from klimatlaget.sources.contract_documents import contract_text

__all__ = ["router"]

_WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: schemas.ContractInvalidOut}
_CHANGE_ERRORS = {**_WRITE_ERRORS, **CONFLICTS}


def _written(
    write: Callable[[], Any], answer: Callable[[Any], Any], status: int = 200, **renamed: str
) -> Any:
    """``answer(write())`` with ``status``; a ValidationError is a 422 (its fields named as in
    the request: ``renamed`` maps the service's names to the API's)."""
    try:
        written = write()
    except ValidationError as error:
        errors = {renamed.get(name, name): found for name, found in error.message_dict.items()}
        return Status(422, {"detail": "Not saved: invalid values.", "errors": errors})
    return Status(status, answer(written))


def _file_problems(error: SourceError) -> dict[str, Any]:
    problems = [
        {"file": p.file, "code": p.code, "message": p.message, "row": p.row} for p in error.problems
    ]
    return {"detail": "The file was not read.", "problems": problems}


# Importing ----------------------------------------------------------------------------------


@router.post(
    "/organisations/{code}/contracts/import",
    auth=django_auth,
    response={
        200: schemas.ContractReviewOut,
        201: schemas.ContractOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: schemas.ContractInvalidOut,
    },
)
def import_contract(
    request: HttpRequest,
    code: str,
    year: Year,
    file: File[UploadedFile],
    confirm: bool = False,
) -> Any:
    """Read a contract's file (multipart, field ``file``: .txt, .docx or .pdf) as the
    organisation's contract of ``year``. Without ``confirm`` the review: the sections found,
    each with its number, title, subject and writing party, and what the reader doubted, kept
    for 24 hours under its ``id`` for ``POST /api/contract-imports/{id}/confirm``; nothing is
    stored. With ``confirm=true`` it is stored as a draft at once (201). 400 when the file
    cannot be read, 409 when the organisation has a contract of that year."""
    organisation = contract_organisation(request.user, code)
    name = file.name or "contract"
    try:
        text = contract_text(file.read(), name)
    except SourceError as error:
        return Status(400, _file_problems(error))
    if Contract.objects.filter(organisation=organisation, year=year).exists():
        return Status(409, {"detail": f"The organisation already has a contract of {year}."})
    parsed = read_text(text)
    if not confirm:
        user: Any = request.user  # logged in (django_auth)
        return _review_out(hold_review(user, organisation, year, parsed, name))
    return _written(
        lambda: services.store_parsed(
            request.user, organisation, year, parsed, source=name, writers=template_writers()
        ),
        lambda contract: _contract_out(contract, True),
        201,
    )


def _review_out(pending: PendingImport) -> dict[str, Any]:
    parsed = pending.parsed
    return {
        "id": pending.pk,
        "expires_at": pending.expires_at,
        "file": pending.file,
        "year": pending.year,
        "sections": [
            {
                "number": plan.read.number,
                "title": plan.read.title,
                "subject": plan.read.subject,
                "writer": plan.writer,
            }
            for plan in planned_sections(parsed.sections, template_writers())
        ],
        "problems": [{"line": p.line, "message": p.message} for p in parsed.problems],
    }


@router.post(
    "/contract-imports/{review_id}/confirm",
    auth=django_auth,
    response={201: schemas.ContractOut, 409: ErrorOut, 410: ErrorOut, **_WRITE_ERRORS},
)
def confirm_import(request: HttpRequest, review_id: Id) -> Any:
    """Store a review (the ``id`` the import answered) as the organisation's draft, exactly as
    it was reviewed, without sending the file again: once, within 24 hours (410 after that or
    when it was stored already), by its uploader or another of the contract's editors (404
    for anybody else); 409 when the organisation has a contract of its year by now."""
    pending = pending_contract_import(request.user, review_id)
    if (reason := gone(pending)) is not None:
        return Status(410, {"detail": reason})
    if Contract.objects.filter(organisation=pending.organisation, year=pending.year).exists():
        return Status(
            409, {"detail": f"The organisation already has a contract of {pending.year}."}
        )
    try:
        return _written(
            lambda: confirm_review(request.user, pending),
            lambda contract: _contract_out(contract, True),
            201,
        )
    except ReviewGone as error:
        return Status(410, {"detail": str(error)})


# The contract -------------------------------------------------------------------------------


@router.patch(
    "/contracts/{contract_id}",
    auth=django_auth,
    response={200: schemas.ContractOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def patch_contract(
    request: HttpRequest, contract_id: Id, body: schemas.ContractIn, response: HttpResponse
) -> Any:
    """Change the status, the date of signing or the source document (only the fields sent;
    a stale ``If-Match`` or ``version``: 412 or 409)."""
    contract = changeable_contract(request.user, contract_id)
    values = body.model_dump(exclude_unset=True)
    values["version"] = expected_version(request, body.version)
    answer = _written(
        lambda: services.update_contract(request.user, contract, values),
        lambda _changes: _contract_out(contract, True),
    )
    response["ETag"] = etag(contract.version)
    return answer


@router.post(
    "/contracts/{contract_id}/versions",
    auth=django_auth,
    response={201: schemas.ContractOut, **_WRITE_ERRORS},
)
def post_version(request: HttpRequest, contract_id: Id, body: schemas.NewVersionIn) -> Any:
    """A draft for ``year`` copying the contract: its parties, sections, links and
    commitments (without their yearly statuses)."""
    contract = changeable_contract(request.user, contract_id)
    return _written(
        lambda: services.new_version(request.user, contract, body.year),
        lambda copy: _contract_out(copy, True),
        201,
    )


@router.post(
    "/contracts/{contract_id}/parties",
    auth=django_auth,
    response={201: schemas.PartyOut, **_WRITE_ERRORS},
)
def post_party(request: HttpRequest, contract_id: Id, body: schemas.PartyIn) -> Any:
    """A party of the contract (an organisation of the platform) with its role and
    signatory."""
    contract = changeable_contract(request.user, contract_id)
    organisation = Organisation.objects.filter(code=body.organisation_code).first()
    values = {
        **body.model_dump(exclude={"organisation_code"}),
        "party_id": organisation.pk if organisation else None,
    }
    return _written(
        lambda: services.add_party(request.user, contract, values),
        lambda party: {
            "organisation_code": party.party.code,
            "name": party.party.name,
            "role": party.role,
            "signatory_name": party.signatory_name,
            "signatory_title": party.signatory_title,
        },
        201,
        party_id="organisation_code",
    )


# Sections and their links -------------------------------------------------------------------


@router.patch(
    "/contract-sections/{section_id}",
    auth=django_auth,
    response={200: schemas.SectionOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def patch_section(
    request: HttpRequest, section_id: Id, body: schemas.SectionIn, response: HttpResponse
) -> Any:
    """Change a section's title, text, subject or writer (only the fields sent; a stale
    ``If-Match`` or ``version``: 412 or 409). The municipality's editors change its own
    sections; the programme office every section."""
    section = changeable_section(request.user, section_id)
    values = body.model_dump(exclude_unset=True)
    values["version"] = expected_version(request, body.version)
    answer = _written(
        lambda: services.update_section(request.user, section, values),
        lambda _changes: next(
            out for out in _contract_out(section.contract, True)["sections"]
            if out["id"] == section.pk
        ),
    )  # fmt: skip
    response["ETag"] = etag(section.version)
    return answer


def _link_added(link: SectionLink) -> dict[str, Any]:
    linked = link.linked
    return {
        "id": link.pk,
        "section_id": link.section_id,
        "kind": link.kind,
        "object_id": linked.pk if linked is not None else None,
        "title": str(link),
        "url": link.url,
    }


@router.post(
    "/contract-sections/{section_id}/links",
    auth=django_auth,
    response={201: schemas.LinkAddedOut, **_WRITE_ERRORS},
)
def post_link(request: HttpRequest, section_id: Id, body: schemas.LinkIn) -> Any:
    """Link the section to one of the organisation's own targets, action plans, measures,
    indicators or investment plans (``object_id``), or to a document (``url``, ``title``)."""
    section = linkable_section(request.user, section_id)
    return _written(
        lambda: services.add_link(request.user, section, body.model_dump()), _link_added, 201
    )


@router.delete(
    "/contract-sections/{section_id}/links/{link_id}",
    auth=django_auth,
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def delete_link(request: HttpRequest, section_id: Id, link_id: Id) -> Any:
    """Remove a link of the section."""
    link = changeable_link(request.user, section_id, link_id)
    services.remove_link(request.user, link)
    return Status(204, None)


# Commitments --------------------------------------------------------------------------------


@router.post(
    "/contracts/{contract_id}/commitments",
    auth=django_auth,
    response={201: schemas.CommitmentOut, **_WRITE_ERRORS},
)
def post_commitment(request: HttpRequest, contract_id: Id, body: schemas.CommitmentIn) -> Any:
    """A sentence a party of the contract (``party_code``) commits to, in a section of the
    contract (``section_id``, or none), due in ``due_year`` (or not said)."""
    contract = changeable_contract(request.user, contract_id)
    party = contract.parties.filter(party__code=body.party_code).first()
    values = {
        **body.model_dump(exclude={"party_code"}),
        "party_id": party.pk if party else None,
    }
    return _written(
        lambda: services.add_commitment(request.user, contract, values),
        _commitment_out,
        201,
        party_id="party_code",
    )


@router.delete(
    "/commitments/{commitment_id}",
    auth=django_auth,
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, **CONFLICTS},
    openapi_extra=IF_MATCH,
)
def delete_commitment(request: HttpRequest, commitment_id: Id) -> Any:
    """Remove a commitment with its yearly statuses (a stale ``If-Match``: 412)."""
    commitment = removable_commitment(request.user, commitment_id)
    services.remove_commitment(request.user, commitment, expected_version(request, None))
    return Status(204, None)
