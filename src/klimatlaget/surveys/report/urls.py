from django.urls import URLPattern, path

from klimatlaget.surveys.report import web

PREFIX = "associations/<str:code>/reports/<int:year>/"

urlpatterns: list[URLPattern] = [
    path(PREFIX, web.report_page, name="survey-report"),
    path(PREFIX + "report.pdf", web.report_pdf, name="survey-report-pdf"),
    path(PREFIX + "report.xlsx", web.report_xlsx, name="survey-report-xlsx"),
    path(PREFIX + "internal/", web.internal_page, name="survey-report-internal"),
    path(PREFIX + "internal/report.pdf", web.internal_pdf, name="survey-report-internal-pdf"),
    path(PREFIX + "internal/report.xlsx", web.internal_xlsx, name="survey-report-internal-xlsx"),
]
