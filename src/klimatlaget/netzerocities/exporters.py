"""The ``netzerocities`` exporter: an organisation's Climate City Contract tables of a year."""

from django.utils.translation import gettext_lazy as _

from klimatlaget.exports.registry import Exporter, ExportFile, ExportFormat, ExportRequest, register


def write(request: ExportRequest) -> ExportFile:
    from klimatlaget.netzerocities.files import file_stem, report_docx, report_xlsx
    from klimatlaget.netzerocities.report import build_report

    if request.organisation is None or request.year is None:
        raise ValueError("netzerocities exports an organisation's tables of a year")
    report = build_report(request.organisation, request.year, request.reader)
    writer = report_docx if request.format == ExportFormat.DOCX else report_xlsx
    name = f"{file_stem(report)}.{request.format}"
    return ExportFile(writer(report), name, request.format)


NETZEROCITIES = register(
    Exporter(
        name="netzerocities",
        title=_("NetZeroCities: action outlines, indicators and investment summary"),
        description=_(
            "The Climate City Contract's action outlines (B-2), indicator overview and metadata "
            "(B-3) and investment plan cost summary (C-3), from the measures, indicators and "
            "investment plan. Drafts only for the organisation's editors."
        ),
        formats=(ExportFormat.XLSX, ExportFormat.DOCX),
        write=write,
        may_run=lambda user, organisation: True,  # public facts; drafts by the reader's access
        platform="netzerocities",
    )
)
