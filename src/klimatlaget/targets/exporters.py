"""The targets' registered exporters: an organisation's targets with their verdicts, and every
target ranked within its scope group (what ``klimatlaget export target-comparison`` writes)."""

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import anyone
from klimatlaget.emissions.exporters import TABLES
from klimatlaget.exports.registry import (
    Exporter,
    ExportFile,
    ExportRequest,
    Scope,
    register,
    table_file,
)


def _targets(request: ExportRequest) -> ExportFile:
    from klimatlaget.emissions.metrics import parameters
    from klimatlaget.targets.register import rows as target_rows

    assert request.organisation is not None
    code = request.organisation.code
    view = target_rows.overview(code, parameters())
    rows = target_rows.csv_rows(target_rows.target_rows(view.evaluated))
    return table_file(f"{code}-targets", rows, target_rows.COLUMNS, request.format)


def _comparison(request: ExportRequest) -> ExportFile:
    from klimatlaget.emissions.metrics import parameters
    from klimatlaget.targets.comparison.service import COLUMNS, Filters, comparison_rows
    from klimatlaget.targets.evaluation import target_parameters

    rows = comparison_rows(target_parameters(parameters()), Filters())
    return table_file("target-comparison", rows, COLUMNS, request.format, "target-comparison")


register(
    Exporter(
        name="targets",
        title=_("Climate targets"),
        description=_(
            "The organisation's targets as registered, in comparable form, with their verdicts "
            "against the Paris Agreement."
        ),
        formats=TABLES,
        write=_targets,
        may_run=anyone,
        needs_year=False,
    )
)
register(
    Exporter(
        name="target-comparison",
        title=_("Every target compared"),
        description=_("Every organisation's targets ranked within their scope group."),
        formats=TABLES,
        write=_comparison,
        may_run=anyone,
        scope=Scope.PLATFORM,
        needs_year=False,
    )
)
