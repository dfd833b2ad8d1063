"""A contract's exports through the API: the document as JSON, Word or PDF. Whoever reads the
contract may download it; a hidden draft is as missing (404)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from klimatlaget.accounts.resolvers import visible_contract_by_id
from klimatlaget.api.openapi import file_download
from klimatlaget.api.schemas import ErrorOut, Id
from klimatlaget.contracts import export_views
from klimatlaget.exports.responses import JSON

router = Router(tags=["contracts"])


@router.get(
    "/contracts/{contract_id}/export.json",
    response={404: ErrorOut},
    openapi_extra=file_download(JSON, "The contract as a JSON document, sections in its order"),
)
def export_contract_json(request: HttpRequest, contract_id: Id) -> Any:
    """The contract with its parties and every section (number, title, subject, writer, text)
    with its links and what the linked objects say now, in the contract's order."""
    return export_views.json_file(visible_contract_by_id(request.user, contract_id))


@router.get(
    "/contracts/{contract_id}/export.docx",
    response={404: ErrorOut},
    openapi_extra=file_download(export_views.DOCX, "The contract as a Word document"),
)
def export_contract_docx(request: HttpRequest, contract_id: Id) -> Any:
    """The contract as a Word document: a title page with the parties, then the sections in
    the programme's order with their linked figures as tables."""
    return export_views.docx_file(visible_contract_by_id(request.user, contract_id))


@router.get(
    "/contracts/{contract_id}/export.pdf",
    response={404: ErrorOut},
    openapi_extra=file_download(export_views.PDF, "The contract as a PDF"),
)
def export_contract_pdf(request: HttpRequest, contract_id: Id) -> Any:
    """The contract as a PDF: a title page with the parties, then the sections in the
    programme's order with their linked figures as tables."""
    return export_views.pdf_file(visible_contract_by_id(request.user, contract_id))
