"""The contracts' registered exporters: the template of subjects in use, in the format of
``subjects.json`` (so that the programme office's additions can be committed to the repo)."""

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import User
from klimatlaget.contracts.subjects import current_data
from klimatlaget.exports.registry import (
    Exporter,
    ExportFile,
    ExportFormat,
    ExportRequest,
    Scope,
    register,
)
from klimatlaget.exports.tabular import write_document
from klimatlaget.organisations.models import Organisation

TEMPLATE_FILE = "subjects.json"


def _template(_request: ExportRequest) -> ExportFile:
    return ExportFile(write_document(current_data()), TEMPLATE_FILE, ExportFormat.JSON)


def _anyone(_user: User, _organisation: Organisation | None) -> bool:
    return True  # the template is public


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
        may_run=_anyone,
        scope=Scope.PLATFORM,
        needs_year=False,
    )
)
