"""The contracts' registered exporters: an organisation's climate contract of a year as JSON,
Word or PDF (what ``klimatlaget export contract`` writes), and the template of subjects in use
in the format of ``subjects.json`` (so that the programme office's additions can be committed to
the repo). A draft contract is written only for those who read it (the reader's access, as on
the contract's page); to anybody else it is missing."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import anyone
from klimatlaget.contracts.subjects import current_data
from klimatlaget.exports.registry import (
    Exporter,
    ExportFile,
    ExportFormat,
    ExportRequest,
    NothingToExport,
    Scope,
    register,
)
from klimatlaget.exports.tabular import write_document

TEMPLATE_FILE = "subjects.json"


def _contract(request: ExportRequest) -> ExportFile:
    from klimatlaget.accounts.resolvers import visible_contracts
    from klimatlaget.contracts.export import contract_document, contract_export
    from klimatlaget.contracts.export_views import file_stem
    from klimatlaget.contracts.pdf import contract_pdf
    from klimatlaget.contracts.word import contract_docx

    assert request.organisation is not None and request.year is not None
    reader = request.reader if request.reader is not None else AnonymousUser()
    contract = visible_contracts(reader, request.organisation).filter(year=request.year).first()
    if contract is None:
        raise NothingToExport(f"No climate contract of {request.year}")
    if request.format == ExportFormat.JSON:
        content = write_document(contract_document(contract))
    elif request.format == ExportFormat.DOCX:
        content = contract_docx(contract_export(contract))
    else:
        content = contract_pdf(contract_export(contract))
    return ExportFile(content, f"{file_stem(contract)}.{request.format}", request.format)


def _template(_request: ExportRequest) -> ExportFile:
    return ExportFile(write_document(current_data()), TEMPLATE_FILE, ExportFormat.JSON)


register(
    Exporter(
        name="contract",
        title=_("Climate contract"),
        description=_(
            "The year's climate contract with its parties and every section in the "
            "programme's order, linked figures as tables."
        ),
        formats=(ExportFormat.JSON, ExportFormat.DOCX, ExportFormat.PDF),
        write=_contract,
        may_run=anyone,
    )
)
TEMPLATE = register(
    Exporter(
        name="contract-template",
        title=_("Climate contracts' template of subjects"),
        description=_(
            "The canonical subjects with the programme office's additions, in the format of "
            "the repository's subjects.json."
        ),
        formats=(ExportFormat.JSON,),
        write=_template,
        may_run=anyone,  # the template is public
        scope=Scope.PLATFORM,
        needs_year=False,
    )
)
