"""The report as a PDF with reportlab: a title page with the headline figures, then a chapter
per section with tables and bar charts, and page numbers.

The built-in Helvetica is used (no font files to ship). It covers Windows-1252, so å, ä, ö, é
and ° render; the few characters outside it that our own formatting writes (the minus sign,
subscript two, arrows) are replaced by plain equivalents, anything else by "?".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from klimatlaget.charts import NumberFormat, nice_ticks, number_formatter
from klimatlaget.charts.format import tick_format, value_format
from klimatlaget.charts.scales import step_decimals
from klimatlaget.surveys.report import display
from klimatlaget.surveys.report.content import Basis, QuestionReport, Report
from klimatlaget.surveys.report.history import YearRow

ACCENT = colors.HexColor("#1f6f50")
LINE = colors.HexColor("#cccccc")
REPLACEMENTS = str.maketrans({"−": "-", "₂": "2", "→": "->", "←": "<-", "≥": ">=", "≤": "<="})
MAX_CHART_BARS = 20


def plain(text: Any) -> str:
    """Text Helvetica (Windows-1252) can draw."""
    translated = str(text).translate(REPLACEMENTS)
    return translated.encode("cp1252", errors="replace").decode("cp1252")


@cache
def _styles() -> dict[str, ParagraphStyle]:
    sheet = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("KlTitle", parent=sheet["Title"], fontSize=30, leading=36),
        "subtitle": ParagraphStyle("KlSub", parent=sheet["Heading2"], textColor=ACCENT),
        "h1": ParagraphStyle("KlH1", parent=sheet["Heading1"], textColor=ACCENT),
        "h2": ParagraphStyle("KlH2", parent=sheet["Heading3"], spaceBefore=10),
        "body": sheet["BodyText"],
        "small": ParagraphStyle("KlSmall", parent=sheet["BodyText"], fontSize=8.5, leading=11),
        "notice": ParagraphStyle(
            "KlNotice", parent=sheet["BodyText"], textColor=colors.HexColor("#8a5a00")
        ),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(plain(text)), style)


def _table(rows: Sequence[Sequence[Any]], widths: Sequence[float], header: bool = True) -> Table:
    styles = _styles()
    data = [[_p(cell, styles["small"]) for cell in row] for row in rows]
    table = Table(data, colWidths=list(widths), hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef5f1")))
    table.setStyle(TableStyle(commands))
    return table


def value_axis(values: Sequence[float], *, counts: bool = True) -> tuple[list[float], NumberFormat]:
    """Nice 1-2-5 ticks from 0 to past the largest value, and their label format in the active
    language with as many decimals as the step needs (0, 0,2, 0,4 … 1; for counts whole numbers
    only), so no two labels read the same."""
    ticks = nice_ticks(0.0, max([0.0, *values]), 6, min_step=1.0 if counts else None)
    number_format = tick_format(number_formatter(get_language()), step_decimals(ticks))
    return ticks, lambda value: plain(number_format(value))


def bar_drawing(labels: Sequence[str], values: Sequence[float], *, counts: bool = True) -> Drawing:
    """A horizontal bar chart (of counts unless told otherwise), one bar per label, first label on
    top, on an axis with the same nice ticks as the web charts."""
    rows = min(len(labels), MAX_CHART_BARS)
    height = 18 * rows + 30
    drawing = Drawing(16 * cm, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 5.5 * cm, 20
    chart.width, chart.height = 9.5 * cm, height - 30
    chart.data = [list(reversed(values[:rows]))]
    chart.categoryAxis.categoryNames = [plain(label)[:40] for label in reversed(labels[:rows])]
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    ticks, tick_label = value_axis(values[:rows], counts=counts)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = ticks[0], ticks[-1]
    chart.valueAxis.valueSteps = ticks
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = tick_label
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    bar_format: NumberFormat = number_formatter(get_language())
    if not counts:
        bar_format = value_format(bar_format)
    chart.barLabelFormat = lambda value: plain(bar_format(value))
    chart.barLabels.fontName = "Helvetica"
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _title_page(report: Report, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    flow: list[Flowable] = [
        Spacer(1, 3 * cm),
        _p(report.title, styles["title"]),
        _p(report.association_name, styles["subtitle"]),
    ]
    if not report.public:
        flow.append(_p(_("Internal version for the secretariat"), styles["notice"]))
    if report.preview:
        flow.append(
            _p(
                _("Preview: the survey is not closed yet; the figures may change."),
                styles["notice"],
            )
        )
    flow.append(Spacer(1, 1 * cm))
    flow.append(
        _table(
            [
                [_("Figure"), _("Value")],
                [_("Members who answered"), report.respondents],
                [_("Members in the year"), report.invited],
                [
                    _("Average change in emissions since %(base)s")
                    % {"base": report.emissions.base_year},
                    display.percent(report.emissions.mean_change_pct),
                ],
                [_("Latest year with emissions data"), display.year(report.emissions.latest_year)],
                [_("Headline figures"), display.basis_text(report)],
            ],
            (10 * cm, 5 * cm),
        )
    )
    flow.append(Spacer(1, 0.5 * cm))
    flow += [_p(sentence, styles["body"]) for sentence in display.summary_sentences(report)]
    if report.respondent_names:
        names = ", ".join(report.respondent_names)
        flow.append(_p(_("Members who answered:") + " " + names, styles["body"]))
    flow.append(_p(report.verdict_title, styles["h2"]))
    counted = _("Members") if report.basis == Basis.MEMBERS else _("Respondents")
    rows = [
        [v.label, v.count, m.count]
        for v, m in zip(report.verdicts, report.member_verdicts, strict=True)
    ]
    flow.append(
        _table([[_("Verdict"), counted, _("All members")], *rows], (8 * cm, 3.5 * cm, 3.5 * cm))
    )
    flow.append(bar_drawing([v.label for v in report.verdicts], [v.count for v in report.verdicts]))
    if report.earlier_years:
        flow += _years(report, styles)
    return flow


def _years(report: Report, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The headline figures compared with earlier years, with where each year's come from."""
    rows: list[list[Any]] = [
        [
            _("Year"),
            _("Answered"),
            _("Members"),
            _("Change since %(base)s") % {"base": report.emissions.base_year},
            _("In line, all members"),
            _("Partly in line, all members"),
        ]
    ]
    notes = []
    for year in report.years:
        rows.append(
            [
                year.year,
                display.number(year.respondents),
                display.number(year.members),
                display.percent(year.mean_change_pct),
                display.number(year.verdicts.get("in_line")),
                display.number(year.verdicts.get("partly")),
            ]
        )
        if year.sources:
            notes.append(f"{year.year}: {display.sources_text(year.sources)}")
    widths = (2 * cm, 2.5 * cm, 2.5 * cm, 3 * cm, 3 * cm, 3 * cm)
    flow: list[Flowable] = [
        _p(_("Compared with earlier years"), styles["h2"]),
        _table(rows, widths),
    ]
    flow += [_p(note, styles["small"]) for note in notes]
    return flow


def _history(rows: list[YearRow], unit: str = "") -> Table:
    table: list[list[Any]] = [[_("Year"), _("Figure"), _("Source")]]
    table += [
        [row.year, display.figure_text(row, unit), display.source_text(row.source)] for row in rows
    ]
    return _table(table, (2 * cm, 6 * cm, 8 * cm))


def _respondents(report: Report, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    rows = [[_("Member"), _("Status"), _("Submitted"), _("Submitted by")]]
    rows += [
        [r.name, r.status_label, r.submitted_at or display.DASH, r.submitted_by or display.DASH]
        for r in report.respondent_list
    ]
    return [
        PageBreak(),
        _p(_("Responses"), styles["h1"]),
        _table(rows, (6 * cm, 4 * cm, 3 * cm, 4 * cm)),
    ]


def _summary_rows(question: QuestionReport) -> list[list[Any]]:
    rows: list[list[Any]] = []
    if question.options:
        rows.append([_("Answer"), _("Members"), _("Share")])
        rows += [[o.label, o.count, display.share(o.share)] for o in question.options]
    numbers = question.numbers
    if numbers is not None and question.kind == "number":
        unit = f" {question.unit}" if question.unit else ""
        rows.append([_("Figure"), _("Value"), ""])
        rows += [
            [_("Mean"), display.number(numbers.mean, 1) + unit, ""],
            [_("Median"), display.number(numbers.median, 1) + unit, ""],
            [_("Lowest"), display.number(numbers.minimum, 1) + unit, ""],
            [_("Highest"), display.number(numbers.maximum, 1) + unit, ""],
            [_("Sum"), display.number(numbers.total, 1) + unit, ""],
        ]
    return rows


def _question(
    question: QuestionReport, report: Report, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    flow: list[Flowable] = [
        _p(question.text, styles["h2"]),
        _p(display.answered_text(question), styles["small"]),
    ]
    rows = _summary_rows(question)
    if rows:
        flow.append(_table(rows, (9 * cm, 3 * cm, 3 * cm)))
    if question.has_chart:
        flow.append(
            bar_drawing([o.label for o in question.options], [o.count for o in question.options])
        )
    if question.rows is not None:
        flow.append(_p(_("%(rows)s rows in all.") % {"rows": question.rows}, styles["small"]))
        for column in question.columns:
            flow.append(_p(f"{column.text}: {display.answered_text(column)}", styles["small"]))
            column_rows = _summary_rows(column)
            if column_rows:
                flow.append(_table(column_rows, (9 * cm, 3 * cm, 3 * cm)))
    if question.members_yes:
        flow.append(
            _p(_("Members answering yes:") + " " + ", ".join(question.members_yes), styles["small"])
        )
    if len(question.history) > 1:
        flow.append(_history(question.history, question.unit))
    if not report.public and question.free_answers:
        answers = [[_("Member"), _("Answer")]]
        answers += [[a.member, a.text] for a in question.free_answers]
        flow.append(_table(answers, (5 * cm, 11 * cm)))
    return [KeepTogether(flow[:3]), *flow[3:]]


def _page_number(canvas: Any, document: Any) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawRightString(
        A4[0] - 2 * cm, 1.2 * cm, plain(_("Page %(page)s") % {"page": document.page})
    )
    canvas.drawString(2 * cm, 1.2 * cm, plain(document.title))
    canvas.restoreState()


def report_pdf(report: Report) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=plain(f"{report.title} · {report.association_name}"),
        author=plain(report.association_name),
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    flow = _title_page(report, styles)
    if not report.public:
        flow += _respondents(report, styles)
    if not report.has_answers:
        flow.append(_p(display.no_answers_text(), styles["body"]))
    for chapter in report.chapters:
        flow += [PageBreak(), _p(chapter.title, styles["h1"])]
        if chapter.description:
            flow.append(_p(chapter.description, styles["body"]))
        flow.append(_p(display.chapter_answered_text(chapter, report), styles["body"]))
        if len(chapter.history) > 1:
            flow.append(_history(chapter.history))
        for question in chapter.questions:
            flow += _question(question, report, styles)
    document.build(flow, onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()
