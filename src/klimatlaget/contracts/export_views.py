"""A contract's downloads beside its page: JSON, Word and PDF. Whoever reads the contract may
download it; a hidden draft is as missing (404)."""

from django.http import HttpRequest, HttpResponse

from klimatlaget.accounts.resolvers import visible_contract
from klimatlaget.contracts.export import contract_document, contract_export
from klimatlaget.contracts.models import Contract
from klimatlaget.contracts.pdf import contract_pdf
from klimatlaget.contracts.word import contract_docx
from klimatlaget.exports.responses import JSON, download
from klimatlaget.exports.tabular import write_document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def file_stem(contract: Contract) -> str:
    return f"klimatkontrakt-{contract.organisation.code}-{contract.year}"


def json_file(contract: Contract) -> HttpResponse:
    content = write_document(contract_document(contract))
    return download(content, f"{file_stem(contract)}.json", JSON)


def docx_file(contract: Contract) -> HttpResponse:
    return download(contract_docx(contract_export(contract)), f"{file_stem(contract)}.docx", DOCX)


def pdf_file(contract: Contract) -> HttpResponse:
    return download(contract_pdf(contract_export(contract)), f"{file_stem(contract)}.pdf", PDF)


def contract_json(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return json_file(visible_contract(request.user, code, year))


def contract_docx_view(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return docx_file(visible_contract(request.user, code, year))


def contract_pdf_view(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return pdf_file(visible_contract(request.user, code, year))
