"""The report as an Excel workbook: a summary sheet with the headline figures, a sheet per
chapter with its tables (numbers as numbers) and a native bar chart for every yes/no, choice and
year question; the internal workbook adds a sheet of responses. Counts, shares and years have
number formats of their own, and every sheet prints across the width of one A4 page."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from klimatlaget.exports.columns import Kind, number_format
from klimatlaget.exports.workbook import append_row, save, set_up_printing
from klimatlaget.surveys.report import display
from klimatlaget.surveys.report.content import Basis, QuestionReport, Report
from klimatlaget.surveys.report.history import YearRow

BOLD = Font(bold=True)
HEADING = Font(bold=True, size=13)
SHEET_NAME = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
COUNT = number_format(Kind.INTEGER)
SHARE = number_format(Kind.PERCENT, 1)
YEAR = number_format(Kind.YEAR)
SUBMITTED = "yyyy-mm-dd hh:mm"


def sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = FORBIDDEN.sub(" ", title).strip()[:SHEET_NAME] or "Sheet"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name = base[: SHEET_NAME - len(suffix)] + suffix
        number += 1
    taken.add(name.lower())
    return name


def _summary(sheet: Worksheet, report: Report) -> None:
    sheet.title = sheet_title(_("Summary"), set())
    append_row(sheet, [report.title], Font(bold=True, size=16))
    append_row(sheet, [report.association_name])
    if report.preview:
        append_row(sheet, [_("Preview: the survey is not closed yet; the figures may change.")])
    append_row(sheet, [])
    append_row(sheet, [_("Figure"), _("Value")], BOLD)
    append_row(sheet, [_("Members who answered"), report.respondents], formats=(None, COUNT))
    append_row(sheet, [_("Members in the year"), report.invited], formats=(None, COUNT))
    change = report.emissions
    append_row(
        sheet,
        [
            _("Average change in emissions since %(base)s (%%)") % {"base": change.base_year},
            _fraction(change.mean_change_pct),
        ],
        formats=(None, SHARE),
    )
    append_row(
        sheet, [_("Latest year with emissions data"), change.latest_year], formats=(None, YEAR)
    )
    append_row(sheet, [_("Members with emissions data"), change.with_data], formats=(None, COUNT))
    append_row(sheet, [_("Headline figures"), display.basis_text(report)])
    append_row(sheet, [])
    for sentence in display.summary_sentences(report):
        append_row(sheet, [sentence])
    if not report.has_answers:
        append_row(sheet, [display.no_answers_text()])
    append_row(sheet, [_("Members who answered:"), ", ".join(report.respondent_names)])
    append_row(sheet, [])
    counted = _("Members") if report.basis == Basis.MEMBERS else _("Respondents")
    append_row(sheet, [_("Verdict on registered targets"), counted, _("All members")], BOLD)
    first = sheet.max_row + 1
    for verdict, of_all in zip(report.verdicts, report.member_verdicts, strict=True):
        append_row(
            sheet, [verdict.label, verdict.count, of_all.count], formats=(None, COUNT, COUNT)
        )
    _chart(sheet, report.verdict_title, first, sheet.max_row, anchor=f"E{first}")
    append_row(sheet, [])
    if report.earlier_years:
        _years(sheet, report)
    append_row(
        sheet, [_("Member"), _("Change in emissions since %(base)s (%%)") % {"base": 1990}], BOLD
    )
    for member in change.members:
        append_row(sheet, [member.name, _fraction(member.change_pct)], formats=(None, SHARE))
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 14


def _years(sheet: Worksheet, report: Report) -> None:
    """The headline figures compared with earlier years, with where each year's come from."""
    append_row(sheet, [_("Compared with earlier years")], HEADING)
    append_row(
        sheet,
        [
            _("Year"),
            _("Answered"),
            _("Members"),
            _("Change since %(base)s (%%)") % {"base": report.emissions.base_year},
            _("In line, all members"),
            _("Partly in line, all members"),
            _("Source"),
        ],
        BOLD,
    )
    for year in report.years:
        append_row(
            sheet,
            [
                year.year,
                year.respondents,
                year.members,
                _fraction(year.mean_change_pct),
                year.verdicts.get("in_line"),
                year.verdicts.get("partly"),
                display.sources_text(year.sources),
            ],
            formats=(YEAR, COUNT, COUNT, SHARE, COUNT, COUNT),
        )
    append_row(sheet, [])


def _history(sheet: Worksheet, rows: list[YearRow], yes_no: bool) -> None:
    """A question's figure year by year (yes/no: with the count of yes), and its source."""
    yes = [_("Yes")] if yes_no else []
    append_row(sheet, [_("Year"), _("Figure"), _("Answered"), *yes, _("Source")], BOLD)
    for row in rows:
        shown = SHARE if row.label == "share_yes" else _figure_format(row.value)
        counts = [row.yes] if yes_no else []
        append_row(
            sheet,
            [row.year, row.value, row.answered, *counts, display.source_text(row.source)],
            formats=(YEAR, shown, COUNT, *[COUNT for _count in counts]),
        )


def _chapter_history(sheet: Worksheet, rows: list[YearRow]) -> None:
    append_row(sheet, [_("Year"), _("Members who answered the chapter"), _("Source")], BOLD)
    for row in rows:
        append_row(
            sheet,
            [row.year, row.answered, display.source_text(row.source)],
            formats=(YEAR, COUNT),
        )


def _fraction(per_cent: float | None) -> float | None:
    """A value in per cent as the fraction a workbook shows as a percentage."""
    return None if per_cent is None else per_cent / 100


def _figure_format(value: object) -> str:
    """Whole numbers without decimals; a mean or a decimal answer with one or two."""
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    return COUNT if whole else "#,##0.0#"


def _chart(sheet: Worksheet, title: str, first: int, last: int, anchor: str) -> None:
    """A native bar chart of the counts in column B, labels in column A, rows first…last."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = title[:200]
    chart.legend = None
    chart.y_axis.title = _("members")
    data = Reference(sheet, min_col=2, min_row=first, max_row=last)
    categories = Reference(sheet, min_col=1, min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=False)
    chart.set_categories(categories)
    chart.height = max(5.0, 0.8 * (last - first + 1) + 2)
    chart.width = 14
    sheet.add_chart(chart, anchor)


def _options(sheet: Worksheet, question: QuestionReport) -> tuple[int, int]:
    append_row(sheet, [_("Answer"), _("Members"), _("Share")], BOLD)
    first = sheet.max_row + 1
    for option in question.options:
        append_row(sheet, [option.label, option.count, option.share], formats=(None, COUNT, SHARE))
    return first, sheet.max_row


def _numbers(sheet: Worksheet, question: QuestionReport) -> None:
    numbers = question.numbers
    if numbers is None or question.kind != "number":
        return
    unit = f" ({question.unit})" if question.unit else ""
    append_row(sheet, [_("Figure") + unit, _("Value")], BOLD)
    for label, value in (
        (_("Mean"), numbers.mean),
        (_("Median"), numbers.median),
        (_("Lowest"), numbers.minimum),
        (_("Highest"), numbers.maximum),
        (_("Sum"), numbers.total),
        (_("Answered"), numbers.count),
    ):
        append_row(sheet, [label, value], formats=(None, _figure_format(value)))


def _question(sheet: Worksheet, question: QuestionReport, public: bool) -> None:
    append_row(sheet, [question.text], HEADING)
    append_row(sheet, [display.answered_text(question)])
    if question.options:
        first, last = _options(sheet, question)
        if question.has_chart:
            _chart(sheet, question.text, first, last, anchor=f"E{first}")
            # leave room for the chart beside the table
            for _filler in range(max(0, 12 - (last - first + 1))):
                append_row(sheet, [])
    _numbers(sheet, question)
    if question.rows is not None:
        append_row(sheet, [_("Rows in all"), question.rows])
        for column in question.columns:
            append_row(sheet, [column.text, display.answered_text(column)], BOLD)
            if column.options:
                _options(sheet, column)
            _numbers(sheet, column)
    if question.members_yes:
        append_row(sheet, [_("Members answering yes:"), ", ".join(question.members_yes)])
    if len(question.history) > 1:
        _history(sheet, question.history, question.kind == "yes_no")
    if not public and question.free_answers:
        append_row(sheet, [_("Member"), _("Answer")], BOLD)
        for answer in question.free_answers:
            append_row(sheet, [answer.member, answer.text])
    append_row(sheet, [])


def _respondents(book: Workbook, report: Report, taken: set[str]) -> None:
    sheet = book.create_sheet(sheet_title(_("Responses"), taken))
    append_row(
        sheet, [_("Code"), _("Member"), _("Status"), _("Submitted"), _("Submitted by")], BOLD
    )
    for r in report.respondent_list:
        append_row(
            sheet,
            [r.code, r.name, r.status_label, r.submitted_at, r.submitted_by],
            formats=(None, None, None, SUBMITTED),
        )
    for letter, width in zip("ABCDE", (8, 30, 14, 17, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    set_up_printing(sheet)


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    _summary(summary, report)
    set_up_printing(summary, landscape=True)  # the charts stand beside the tables
    taken = {summary.title.lower()}
    if not report.public:
        _respondents(book, report, taken)
    for chapter in report.chapters:
        sheet = book.create_sheet(sheet_title(chapter.title, taken))
        append_row(sheet, [chapter.title], Font(bold=True, size=16))
        if chapter.description:
            append_row(sheet, [chapter.description])
        append_row(
            sheet, [_("Members who answered the chapter"), chapter.answered], formats=(None, COUNT)
        )
        if len(chapter.history) > 1:
            _chapter_history(sheet, chapter.history)
        append_row(sheet, [])
        for question in chapter.questions:
            _question(sheet, question, report.public)
        sheet.column_dimensions["A"].width = 50
        sheet.column_dimensions["B"].width = 12
        set_up_printing(sheet, landscape=True)
    return save(book)
