"""The report's pages (public and internal) with SVG charts and tables, and its PDF and Excel
downloads."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatlaget.charts import Bar, bar_chart, number_formatter, responsive
from klimatlaget.exports.responses import download, xlsx_response
from klimatlaget.surveys.report import display
from klimatlaget.surveys.report.access import visible_report
from klimatlaget.surveys.report.content import Chapter, QuestionReport, Report
from klimatlaget.surveys.report.history import YearRow


def question_chart(question: QuestionReport) -> SafeString:
    """A bar of counts per option (yes/no, choices, years)."""
    bars = [Bar(option.key, option.label, float(option.count)) for option in question.options]
    svg = responsive(
        bar_chart,
        bars,
        title=question.text,
        description=display.answered_text(question),
        unit=_("members"),
        counts=True,
        number_format=number_formatter(get_language() or "sv"),
        id_prefix=f"chart-{question.key}",
        no_data_text=_("no data"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


def verdict_chart(report: Report) -> SafeString:
    bars = [Bar(v.key, v.label, float(v.count)) for v in report.verdicts]
    svg = responsive(
        bar_chart,
        bars,
        title=report.verdict_title,
        description=_("How many respondents have targets in line with Paris."),
        unit=_("members"),
        counts=True,
        number_format=number_formatter(get_language() or "sv"),
        id_prefix="chart-verdicts",
        no_data_text=_("no data"),
    )
    return mark_safe(svg)  # noqa: S308 - escaped by the chart package


def _question_view(question: QuestionReport) -> dict[str, Any]:
    numbers = question.numbers
    return {
        "q": question,
        "answered": display.answered_text(question),
        "chart": question_chart(question) if question.has_chart else None,
        "options": [(o.label, o.count, display.share(o.share)) for o in question.options],
        "numbers": (
            [
                (_("Mean"), display.number(numbers.mean, 1)),
                (_("Median"), display.number(numbers.median, 1)),
                (_("Lowest"), display.number(numbers.minimum, 1)),
                (_("Highest"), display.number(numbers.maximum, 1)),
                (_("Sum"), display.number(numbers.total, 1)),
            ]
            if numbers is not None and question.kind == "number"
            else []
        ),
        "columns": [_question_view(column) for column in question.columns],
        "history": _history(question.history, question.unit),
    }


def _history(rows: list[YearRow], unit: str = "") -> list[dict[str, Any]]:
    """Rows of a year-by-year table; nothing to compare with a single year."""
    if len(rows) < 2:
        return []
    return [
        {
            "year": row.year,
            "text": display.figure_text(row, unit),
            "source": display.source_text(row.source),
            "url": row.source.url if row.source else "",
        }
        for row in rows
    ]


def _chapter_view(chapter: Chapter, report: Report) -> dict[str, Any]:
    return {
        "chapter": chapter,
        "answered": display.chapter_answered_text(chapter, report),
        "history": _history(chapter.history),
        "questions": [_question_view(q) for q in chapter.questions],
    }


def _years(report: Report) -> list[dict[str, Any]]:
    """The comparison of the headline figures with earlier years."""
    return [
        {
            "year": year.year,
            "respondents": display.number(year.respondents),
            "members": display.number(year.members),
            "change": display.percent(year.mean_change_pct),
            "in_line": display.number(year.verdicts.get("in_line")),
            "partly": display.number(year.verdicts.get("partly")),
            "sources": [(display.source_text(source), source.url) for source in year.sources],
        }
        for year in report.years
    ]


def _context(report: Report) -> dict[str, Any]:
    return {
        "report": report,
        "sentences": display.summary_sentences(report),
        "mean_change": display.percent(report.emissions.mean_change_pct),
        "basis": display.basis_text(report),
        "no_answers": display.no_answers_text(),
        "verdict_chart": verdict_chart(report),
        "verdict_rows": list(zip(report.verdicts, report.member_verdicts, strict=True)),
        "member_verdicts": display.member_verdicts_sentence(report),
        "years": _years(report) if report.earlier_years else [],
        "chapters": [_chapter_view(chapter, report) for chapter in report.chapters],
        "members_change": [
            (m.name, display.percent(m.change_pct, 1)) for m in report.emissions.members
        ],
    }


def report_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    report = visible_report(request.user, code, year)
    return render(request, "surveys/report/report.html", _context(report))


@login_required
def internal_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    report = visible_report(request.user, code, year, internal=True)
    return render(request, "surveys/report/report.html", _context(report))


def _file_name(report: Report, extension: str) -> str:
    suffix = "" if report.public else "-internal"
    return f"{report.association_code}-klimatlaget-{report.year}{suffix}.{extension}"


def report_pdf(request: HttpRequest, code: str, year: int) -> HttpResponse:
    from klimatlaget.surveys.report.pdf import report_pdf as render_pdf

    report = visible_report(request.user, code, year)
    return download(render_pdf(report), _file_name(report, "pdf"), "application/pdf")


@login_required
def internal_pdf(request: HttpRequest, code: str, year: int) -> HttpResponse:
    from klimatlaget.surveys.report.pdf import report_pdf as render_pdf

    report = visible_report(request.user, code, year, internal=True)
    return download(render_pdf(report), _file_name(report, "pdf"), "application/pdf")


def report_xlsx(request: HttpRequest, code: str, year: int) -> HttpResponse:
    from klimatlaget.surveys.report.excel import report_xlsx as render_xlsx

    report = visible_report(request.user, code, year)
    return xlsx_response(render_xlsx(report), _file_name(report, "xlsx"))


@login_required
def internal_xlsx(request: HttpRequest, code: str, year: int) -> HttpResponse:
    from klimatlaget.surveys.report.excel import report_xlsx as render_xlsx

    report = visible_report(request.user, code, year, internal=True)
    return xlsx_response(render_xlsx(report), _file_name(report, "xlsx"))
