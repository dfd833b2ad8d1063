"""A plan's downloads beside its page: the finance workbook, the NetZeroCities cost summary as
CSV and the whole plan as JSON. Plans are public: anyone may download them."""

from django.http import HttpRequest, HttpResponse

from klimatlaget.accounts.resolvers import in_organisation, organisation_or_404
from klimatlaget.exports.responses import JSON, csv_response, download, xlsx_response
from klimatlaget.exports.tabular import CsvDialect, write_document
from klimatlaget.investments import netzerocities, workbook
from klimatlaget.investments.document import plan_document
from klimatlaget.investments.figures import PlanFigures, plan_figures
from klimatlaget.investments.models import InvestmentPlan


def _figures(code: str, plan_id: int) -> PlanFigures:
    organisation = organisation_or_404(code)
    plan = in_organisation(InvestmentPlan.objects.all(), organisation, plan_id)
    return plan_figures(plan)


def plan_xlsx(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    figures = _figures(code, plan_id)
    return xlsx_response(workbook.plan_xlsx(figures), f"{workbook.file_stem(figures)}.xlsx")


def netzerocities_csv(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    figures = _figures(code, plan_id)
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    name = f"{workbook.file_stem(figures)}-netzerocities"
    return csv_response(name, netzerocities.rows(figures), netzerocities.COLUMNS, dialect)


def plan_json(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    figures = _figures(code, plan_id)
    return download(
        write_document(plan_document(figures)), f"{workbook.file_stem(figures)}.json", JSON
    )
