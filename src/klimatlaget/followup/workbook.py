"""A follow-up period as an Excel workbook to fill in offline, and the filled-in workbook read
back and saved: every changed row or none.

The workbook has an instructions sheet, a sheet of the measures' reports (one row each: code,
title and sector, the status from a pick list, completion, money spent against the budget, the
reduction achieved against the expected one, a comment) and a sheet of the indicators' values.
Cells that are not filled in here are grey and the sheets are protected so that only the yellow
cells change; each row carries its report's id and version in hidden columns, and a hidden
metadata sheet ties the file to its organisation and period and records the headings as
written, so that the reader depends neither on sheet names nor on the language of the download.

Reading checks every cell of every row that changed, and refuses the whole file with every
problem located by sheet, row and column: a workbook of another organisation or period, an
approved period, a row changed on the web since the download (its version), a row of a measure
the uploader does not report on, unknown statuses, numbers that are no numbers or out of range.
A row left as it was is not written (nor refused). Saving goes through
:mod:`klimatlaget.followup.services`, so every change is versioned and recorded.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from klimatlaget.accounts.permissions import Permission, has_permission, may_report_on
from klimatlaget.audit.services import Actor
from klimatlaget.concurrency import StaleVersion
from klimatlaget.exports.columns import Kind, number_format
from klimatlaget.exports.workbook import (
    PickLists,
    append_row,
    save,
    set_up_printing,
    sheet_name,
)
from klimatlaget.followup import services
from klimatlaget.followup.models import (
    FollowUpPeriod,
    IndicatorReport,
    MeasureReport,
    locked_message,
)
from klimatlaget.imports import workbook as uploaded
from klimatlaget.imports.workbook import Rejected
from klimatlaget.measures.choices import MeasureStatus
from klimatlaget.measures.models import Measure
from klimatlaget.sources.text import parse_number

#: Raised when the layout changes, so that older files are refused with a clear message.
FORMAT_VERSION = 2
META_SHEET = "_meta"
LISTS_SHEET = "_lists"
HEADING_ROW, FIRST_ROW = 1, 2
MEASURES, INDICATORS = "measures", "indicators"
#: The largest numbers accepted: more than any measure's money or reduction could be.
MAX_SEK = Decimal(10) ** 14
MAX_TONNES = 1e9
MAX_COMMENT = 4000

GREY = PatternFill("solid", fgColor="E7E6E6")
YELLOW = PatternFill("solid", fgColor="FFF9DB")
GREY_FONT = Font(color="595959")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
INTEGER = number_format(Kind.INTEGER)
DECIMAL = number_format(Kind.DECIMAL, 1)


@dataclass(frozen=True)
class Column:
    """A column of a sheet: what it holds, its heading, whether it is filled in here."""

    key: str
    heading: Any
    editable: bool = False
    width: float = 14
    number_format: str | None = None
    hidden: bool = False


MEASURE_COLUMNS = (
    Column("code", gettext_lazy("Code"), width=10),
    Column("title", gettext_lazy("Title"), width=40),
    Column("sector", gettext_lazy("Main sector (read only)"), width=24),
    Column("status", gettext_lazy("Status"), editable=True, width=16),
    Column("completion_pct", gettext_lazy("Completion (%)"), True, 13, "0"),
    Column("spent_sek", gettext_lazy("Spent so far (SEK)"), True, 16, INTEGER),
    Column("budget_sek", gettext_lazy("Budget (SEK, read only)"), False, 16, INTEGER),
    Column(
        "achieved_reduction_t",
        gettext_lazy("Reduction achieved (t CO₂e a year)"),
        True,
        18,
        DECIMAL,
    ),
    Column(
        "expected_reduction_t",
        gettext_lazy("Expected reduction (t CO₂e a year, read only)"),
        False,
        18,
        DECIMAL,
    ),
    Column("comment", gettext_lazy("Comment"), editable=True, width=50),
    Column("reported", gettext_lazy("Reported"), editable=True, width=12),
    Column("id", gettext_lazy("Report id (do not change)"), hidden=True),
    Column("version", gettext_lazy("Version (do not change)"), hidden=True),
    Column("checksum", gettext_lazy("As downloaded (do not change)"), hidden=True),
)
INDICATOR_COLUMNS = (
    Column("name", gettext_lazy("Indicator"), width=40),
    Column("unit", gettext_lazy("Unit"), width=12),
    Column("value", gettext_lazy("Value"), editable=True, width=14),
    Column("comment", gettext_lazy("Comment"), editable=True, width=50),
    Column("id", gettext_lazy("Report id (do not change)"), hidden=True),
    Column("version", gettext_lazy("Version (do not change)"), hidden=True),
    Column("checksum", gettext_lazy("As downloaded (do not change)"), hidden=True),
)
COLUMNS = {MEASURES: MEASURE_COLUMNS, INDICATORS: INDICATOR_COLUMNS}


def _editable(role: str) -> list[str]:
    return [column.key for column in COLUMNS[role] if column.editable]


def checksum(values: Mapping[str, Any]) -> str:
    """A fingerprint of a row's entered values, written with the row and compared on upload to
    tell a row the uploader changed from one left as it was downloaded."""
    canonical = [
        [key, None if value is None else repr(value) if isinstance(value, float) else str(value)]
        for key, value in sorted(values.items())
    ]
    return hashlib.sha256(json.dumps(canonical).encode()).hexdigest()[:16]


def _stored_values(role: str, report: MeasureReport | IndicatorReport) -> dict[str, Any]:
    return {key: _stored(report, key) for key in _editable(role)}


def _position(columns: Iterable[Column], key: str) -> int:
    return next(index for index, column in enumerate(columns, start=1) if column.key == key)


def reported_label(reported: bool) -> str:
    return _("yes") if reported else _("no")


def status_label(status: str) -> str:
    return str(MeasureStatus(status).label)


def status_labels() -> tuple[str, ...]:
    """The statuses as the pick list offers them, in the language of the download."""
    return tuple(str(label) for label in MeasureStatus.labels)


def _statuses_by_word() -> dict[str, str]:
    """Status key by what may be written: its label in Swedish or English, or the key."""
    words: dict[str, str] = {}
    for language in ("sv", "en"):
        with override(language):
            for key, label in MeasureStatus.choices:
                words[str(label).casefold()] = key
    words |= {key: key for key in MeasureStatus.values}
    return words


def file_name(period: FollowUpPeriod) -> str:
    quarter = f"-q{period.quarter}" if period.quarter else ""
    return f"{period.organisation.code}-follow-up-{period.year}{quarter}.xlsx"


# Writing ------------------------------------------------------------------------------------


def _owners(period: FollowUpPeriod) -> dict[int, set[int]]:
    """The owners' user ids by measure id, for the period's measures (one query)."""
    owners: dict[int, set[int]] = defaultdict(set)
    links = Measure.owners.through.objects.filter(measure__reports__period=period)
    for measure_id, user_id in links.values_list("measure_id", "user_id"):
        owners[measure_id].add(user_id)
    return owners


def writable_reports(actor: Actor, period: FollowUpPeriod) -> tuple[set[int], bool]:
    """The ids of the measure reports ``actor`` fills in, and whether the indicators too."""
    if period.approved:
        return set(), False
    owners = _owners(period)
    organisation = period.organisation
    measures = {
        report_id
        for report_id, measure_id in period.measure_reports.values_list("pk", "measure_id")
        if may_report_on(actor, organisation, owners.get(measure_id, set()))
    }
    return measures, has_permission(actor, Permission.CHANGE_ORGANISATION, organisation)


def _measure_values(report: MeasureReport) -> dict[str, Any]:
    measure = report.measure
    return {
        "code": report.measure_code,
        "title": report.measure_title,
        "sector": report.get_sector_display(),
        "status": status_label(report.status),
        "completion_pct": report.completion_pct,
        "spent_sek": report.spent_sek,
        "budget_sek": measure.budget_sek if measure else None,
        "achieved_reduction_t": report.achieved_reduction_t,
        "expected_reduction_t": measure.expected_reduction_t if measure else None,
        "comment": report.comment,
        "reported": reported_label(report.filled),
        "id": report.pk,
        "version": report.version,
        "checksum": checksum(_stored_values(MEASURES, report)),
    }


def _indicator_values(report: IndicatorReport) -> dict[str, Any]:
    return {
        "name": report.indicator_name,
        "unit": report.unit,
        "value": report.value,
        "comment": report.comment,
        "id": report.pk,
        "version": report.version,
        "checksum": checksum(_stored_values(INDICATORS, report)),
    }


@dataclass
class _Writer:
    period: FollowUpPeriod
    actor: Actor
    upload_url: str
    book: Workbook = field(default_factory=Workbook)
    taken: set[str] = field(default_factory=lambda: {META_SHEET, LISTS_SHEET})
    headings: dict[str, list[str]] = field(default_factory=dict)
    sheets: dict[str, str] = field(default_factory=dict)

    def write(self) -> bytes:
        instructions = self.book.active
        assert instructions is not None
        instructions.title = sheet_name(_("Instructions"), self.taken)
        lists = PickLists(self.book.create_sheet(LISTS_SHEET))
        lists.sheet.sheet_state = "hidden"
        measures, indicators = writable_reports(self.actor, self.period)
        reports = self.period.measure_reports.select_related("measure")
        self._sheet(
            MEASURES,
            _("Measures"),
            [(_measure_values(r), r.pk in measures) for r in reports],
            lists,
        )
        self._sheet(
            INDICATORS,
            _("Indicators"),
            [(_indicator_values(r), indicators) for r in self.period.indicator_reports.all()],
            lists,
        )
        self._instructions(instructions, bool(measures), indicators)
        self._meta()
        self.book.move_sheet(lists.sheet, offset=len(self.book.sheetnames))
        return save(self.book)

    def _sheet(
        self,
        role: str,
        title: str,
        rows: list[tuple[dict[str, Any], bool]],
        lists: PickLists,
    ) -> None:
        columns = COLUMNS[role]
        sheet = self.book.create_sheet(sheet_name(title, self.taken))
        self.sheets[role] = sheet.title
        headings = [str(column.heading) for column in columns]
        self.headings[role] = headings
        append_row(sheet, headings, BOLD)
        formats = [column.number_format for column in columns]
        for values, writable in rows:
            number = append_row(sheet, [values[c.key] for c in columns], formats=formats)
            for index, column in enumerate(columns, start=1):
                cell = sheet.cell(row=number, column=index)
                cell.alignment = WRAP
                if column.editable and writable:
                    cell.fill = YELLOW
                    cell.protection = UNLOCKED
                    if column.key == "comment":
                        cell.number_format = "@"
                elif not column.hidden:
                    cell.fill = GREY
                    cell.font = GREY_FONT
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            sheet.column_dimensions[letter].hidden = column.hidden
            sheet.cell(row=HEADING_ROW, column=index).alignment = WRAP
        if role == MEASURES and rows:
            validation = lists.validation(status_labels())
            sheet.add_data_validation(validation)
            letter = get_column_letter(_position(columns, "status"))
            validation.add(f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + len(rows) - 1}")
            answers = lists.validation((reported_label(True), reported_label(False)))
            sheet.add_data_validation(answers)
            letter = get_column_letter(_position(columns, "reported"))
            answers.add(f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + len(rows) - 1}")
        sheet.freeze_panes = f"C{FIRST_ROW}" if role == MEASURES else f"B{FIRST_ROW}"
        # Only the yellow cells change; without a password, as a guide rather than a lock
        # (the upload checks every cell anyway). Columns may still be widened.
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
        set_up_printing(sheet, landscape=role == MEASURES)

    def _instructions(self, sheet: Worksheet, measures: bool, indicators: bool) -> None:
        period, organisation = self.period, self.period.organisation
        state = _("Approved and locked") if period.approved else _("Being filled in")
        lines: list[tuple[Any, Any]] = [
            (
                _("Follow-up %(period)s: %(organisation)s")
                % {"period": period.label, "organisation": organisation.name},
                None,
            ),
            (_("Organisation"), f"{organisation.name} ({organisation.code})"),
            (_("Period"), period.label),
            (_("State"), state),
            (_("Downloaded"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
            ("", None),
            (_("How to fill in"), None),
        ]
        if period.approved:
            steps = [locked_message(period.year, period.quarter)]
        else:
            steps = self._steps(measures, indicators)
        lines += [(f"{number}.", step) for number, step in enumerate(steps, start=1)]
        lines += [
            ("", None),
            (
                _(
                    "This file belongs to %(organisation)s and the follow-up of %(period)s. It "
                    "cannot be uploaded for another organisation or period."
                )
                % {"organisation": organisation.name, "period": period.label},
                None,
            ),
        ]
        for line in lines:
            append_row(sheet, list(line))
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.cell(row=7, column=1).font = BOLD
        sheet.column_dimensions["A"].width = 16
        sheet.column_dimensions["B"].width = 72
        for row in sheet.iter_rows(min_row=2, max_col=2):
            row[1].alignment = WRAP
        set_up_printing(sheet, title_rows=0)

    def _steps(self, measures: bool, indicators: bool) -> list[str]:
        names = {"measures": self.sheets[MEASURES], "indicators": self.sheets[INDICATORS]}
        steps = [
            _(
                "The sheet %(measures)s has one row per measure: fill in the yellow cells "
                "(status, completion, money spent so far, the reduction achieved so far and a "
                "comment). The grey cells (code, title, main sector, budget, expected "
                "reduction) are shown for reference and are not read back."
            )
            % names,
            _("Choose the status from the list. Completion is a whole number from 0 to 100."),
            _(
                "A row you change counts as reported. To report a measure whose figures are "
                "unchanged since the last period, write yes in its column Reported."
            ),
            _(
                "Numbers may have a decimal comma or point and spaces between thousands; an "
                "empty cell removes the value."
            ),
            _("The sheet %(indicators)s has the indicators' values of the period.") % names,
            _(
                "Do not add, remove or move rows or columns, and do not change the hidden "
                "columns: they tell the upload which report a row is."
            ),
            _(
                "When you upload the file, either every changed row is saved or, if any cell "
                "has an error, nothing is saved and the errors are listed by sheet, row and "
                "column. Rows left as they were are not changed."
            ),
            _(
                "A row changed on the web after you downloaded the file is refused: download "
                "the file again so that no newer report is replaced by an older one."
            ),
        ]
        if not measures:
            steps.insert(0, _("You fill in no measure of this period; the file is for reading."))
        elif not indicators:
            steps.insert(
                0,
                _(
                    "You fill in only the measures you are responsible for (the yellow rows); "
                    "the indicators are filled in by the organisation's editors."
                ),
            )
        steps.append(_("Upload the file at: %(url)s") % {"url": self.upload_url})
        return steps

    def _meta(self) -> None:
        sheet = self.book.create_sheet(META_SHEET)
        sheet.sheet_state = "hidden"
        period = self.period
        for name, value in (
            ("format", FORMAT_VERSION),
            ("organisation", period.organisation.code),
            ("year", period.year),
            ("quarter", period.quarter),
            ("period", period.pk),
        ):
            append_row(sheet, [name, value])
        for role, title in self.sheets.items():
            append_row(sheet, ["sheet", role, title, *self.headings[role]])


def period_xlsx(actor: Actor, period: FollowUpPeriod, upload_url: str) -> bytes:
    """The period's reports as a workbook, the cells ``actor`` fills in yellow."""
    return _Writer(period, actor, upload_url).write()


# Reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellError:
    """A problem in the uploaded file, located by sheet, Excel row and column (its heading as
    written in the file); ``cell`` is its address, e.g. ``E5``."""

    sheet: str
    row: int | None
    column: str
    message: str
    cell: str = ""

    def __str__(self) -> str:
        place = {"sheet": self.sheet, "row": self.row, "column": self.column}
        if self.row and self.column:
            where = _("Sheet %(sheet)s, row %(row)s, column %(column)s") % place
        elif self.row:
            where = _("Sheet %(sheet)s, row %(row)s") % place
        else:
            where = _("Sheet %(sheet)s") % place
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "message": self.message,
        }


@dataclass
class RowChange:
    """A row of the file whose values differ from the stored report."""

    report: MeasureReport | IndicatorReport
    sheet: str
    row: int
    version: int
    values: dict[str, Any]
    #: The column heading and letter of each value, to place the service's problems.
    places: dict[str, tuple[str, str]]


@dataclass
class Reading:
    changes: list[RowChange] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class _Meta:
    values: dict[str, Any]
    sheets: dict[str, tuple[str, list[str]]]  # role -> (sheet name, headings)


def _not_xlsx() -> str:
    return _(
        "The file is not an Excel workbook (.xlsx). Upload the follow-up workbook downloaded "
        "from the period's page, saved as .xlsx."
    )


def _meta(book: Any) -> _Meta:
    if META_SHEET not in book.sheetnames:
        raise Rejected(
            _(
                "This is not a follow-up workbook downloaded from Klimatläget: its hidden sheet "
                "%(sheet)s is missing. Download the workbook and fill that file in."
            )
            % {"sheet": META_SHEET}
        )
    values: dict[str, Any] = {}
    sheets: dict[str, tuple[str, list[str]]] = {}
    for _number, row in uploaded.rows(book[META_SHEET], 1):
        name = uploaded.cell(row, 1)
        if name == "sheet":
            role, title = str(uploaded.cell(row, 2)), str(uploaded.cell(row, 3))
            sheets[role] = (title, [str(value or "") for value in row[3:]])
        elif name:
            values[str(name)] = uploaded.cell(row, 2)
    return _Meta(values, sheets)


def _check_meta(meta: _Meta, period: FollowUpPeriod) -> None:
    if meta.values.get("format") != FORMAT_VERSION or set(meta.sheets) != set(COLUMNS):
        raise Rejected(
            _("The file was made for another version of the follow-up workbook. Download it again.")
        )
    organisation = period.organisation
    code = str(meta.values.get("organisation"))
    if code != organisation.code:
        raise Rejected(
            _(
                "The file belongs to another organisation (code %(other)s), not to "
                "%(organisation)s (%(code)s)."
            )
            % {"other": code, "organisation": organisation.name, "code": organisation.code}
        )
    year = uploaded.whole_number(meta.values.get("year"))
    quarter = uploaded.whole_number(meta.values.get("quarter"))
    if (year, quarter) != (period.year, period.quarter) or uploaded.whole_number(
        meta.values.get("period")
    ) != period.pk:
        other = (
            FollowUpPeriod(year=year, quarter=quarter).label
            if year is not None and quarter is not None
            else "?"
        )
        raise Rejected(
            _("The file belongs to the follow-up of %(other)s, not of %(period)s.")
            % {"other": other, "period": period.label}
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class _Problem(Exception):
    """A cell's value cannot be used; the message says why."""


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _Problem(_("Give a number."))
    if isinstance(value, int | float):
        number = float(value)
    else:
        parsed = parse_number(str(value).strip().removesuffix("%"), decimal_comma=True)
        if parsed is None:
            raise _Problem(_("“%(value)s” is not a number.") % {"value": value})
        number = parsed
    if not math.isfinite(number):
        raise _Problem(_("Give a number."))
    return number


def _at_least_zero(number: float | None, largest: float) -> float | None:
    if number is not None and not 0 <= number <= largest:
        raise _Problem(
            _("Give a number from 0 to %(largest)s; %(value)s is out of range.")
            % {"largest": f"{largest:,.0f}".replace(",", " "), "value": f"{number:g}"}
        )
    return number


def _status(value: Any) -> str:
    text = _text(value)
    if not text:
        raise _Problem(_("Choose a status from the list."))
    key = _statuses_by_word().get(text.casefold())
    if key is None:
        raise _Problem(
            _("“%(value)s” is not a status; choose one of: %(statuses)s.")
            % {"value": text, "statuses": ", ".join(status_labels())}
        )
    return key


def _completion(value: Any) -> int | None:
    number = _at_least_zero(_number(value), 100)
    if number is not None and not number.is_integer():
        raise _Problem(_("Give the completion as a whole number from 0 to 100."))
    return None if number is None else int(number)


def _sek(value: Any) -> Decimal | None:
    number = _at_least_zero(_number(value), float(MAX_SEK))
    return None if number is None else Decimal(str(number)).quantize(Decimal(1))


def _tonnes(value: Any) -> float | None:
    return _at_least_zero(_number(value), MAX_TONNES)


def _value(value: Any) -> float | None:
    number = _number(value)
    if number is not None and abs(number) > 1e15:
        raise _Problem(_("The number %(value)s is out of range.") % {"value": f"{number:g}"})
    return number


def _comment(value: Any) -> str:
    text = _text(value)
    if len(text) > MAX_COMMENT:
        raise _Problem(
            _("Keep the comment under %(limit)s characters.") % {"limit": f"{MAX_COMMENT:,}"}
        )
    return text


def _reported(value: Any) -> bool:
    text = _text(value).casefold()
    if text in ("", "no", "nej", _("no").casefold()):
        return False
    if text in ("yes", "ja", _("yes").casefold()):
        return True
    raise _Problem(_("Write yes or no."))


READERS: dict[str, Callable[[Any], Any]] = {
    "reported": _reported,
    "status": _status,
    "completion_pct": _completion,
    "spent_sek": _sek,
    "achieved_reduction_t": _tonnes,
    "value": _value,
    "comment": _comment,
}


def _stored(report: MeasureReport | IndicatorReport, key: str) -> Any:
    """A stored value as the reader reads it from its cell."""
    if key == "reported":
        return report.filled
    value = getattr(report, key)
    if key == "comment":
        return (value or "").strip()
    if isinstance(value, Decimal):
        return value.quantize(Decimal(1))
    if key in ("achieved_reduction_t", "value") and value is not None:
        return float(value)
    return value


def _same(stored: Any, read: Any) -> bool:
    if isinstance(stored, float) and isinstance(read, float):
        return math.isclose(stored, read, rel_tol=1e-9, abs_tol=1e-9)
    return bool(stored == read)


class _Reader:
    def __init__(self, book: Any, meta: _Meta, period: FollowUpPeriod, actor: Actor) -> None:
        self.book = book
        self.meta = meta
        self.period = period
        self.actor = actor
        self.reading = Reading()
        self.measures, self.indicators = writable_reports(actor, period)

    def error(self, sheet: str, row: int | None, column: int | None, message: str) -> None:
        heading = ""
        if column is not None:
            role = next((r for r, (title, _h) in self.meta.sheets.items() if title == sheet), "")
            headings = self.meta.sheets.get(role, ("", []))[1]
            heading = headings[column - 1] if column <= len(headings) else ""
        cell = f"{get_column_letter(column)}{row}" if column and row else ""
        self.reading.errors.append(CellError(sheet, row, heading, message, cell))

    def read(self) -> Reading:
        reports: dict[str, dict[int, Any]] = {
            MEASURES: {r.pk: r for r in self.period.measure_reports.select_related("measure")},
            INDICATORS: {r.pk: r for r in self.period.indicator_reports.all()},
        }
        for role, (title, headings) in self.meta.sheets.items():
            if title not in self.book.sheetnames:
                missing = _("The sheet %(sheet)s is missing.") % {"sheet": title}
                self.error(title, None, None, missing)
                continue
            sheet = self.book[title]
            if self._headings_kept(sheet, title, headings):
                self._sheet(role, sheet, title, reports[role])
        return self.reading

    def _headings_kept(self, sheet: Any, title: str, headings: list[str]) -> bool:
        row = next(uploaded.rows(sheet, HEADING_ROW), (HEADING_ROW, ()))[1]
        kept = True
        for index, heading in enumerate(headings, start=1):
            if _text(uploaded.cell(row, index)) != heading.strip():
                kept = False
                self.error(
                    title,
                    HEADING_ROW,
                    index,
                    _(
                        "The heading should be “%(heading)s”: columns may not be added, "
                        "removed or moved. Download the workbook again."
                    )
                    % {"heading": heading},
                )
        return kept

    def _sheet(self, role: str, sheet: Any, title: str, reports: dict[int, Any]) -> None:
        columns = COLUMNS[role]
        id_column, version_column = _position(columns, "id"), _position(columns, "version")
        seen: dict[int, int] = {}
        for number, row in uploaded.rows(sheet, FIRST_ROW):
            if all(_text(value) == "" for value in row):
                continue
            report_id = uploaded.whole_number(uploaded.cell(row, id_column))
            report = reports.get(report_id) if report_id is not None else None
            if report is None:
                self.error(
                    title,
                    number,
                    id_column,
                    _(
                        "The row is not a report of this period (its hidden report id is "
                        "missing or changed). Rows may not be added; add a measure or an "
                        "indicator on the web."
                    ),
                )
                continue
            if report.pk in seen:
                self.error(
                    title,
                    number,
                    id_column,
                    _("The report is also on row %(row)s.") % {"row": seen[report.pk]},
                )
                continue
            seen[report.pk] = number
            version = uploaded.whole_number(uploaded.cell(row, version_column))
            if version is None:
                self.error(
                    title,
                    number,
                    version_column,
                    _("The hidden version was changed; download the workbook again."),
                )
                continue
            self._row(role, title, number, row, report, version)

    def _row(
        self,
        role: str,
        title: str,
        number: int,
        row: tuple[Any, ...],
        report: Any,
        version: int,
    ) -> None:
        read: dict[str, Any] = {}
        places: dict[str, tuple[str, str]] = {}
        failed = False
        headings = self.meta.sheets[role][1]
        for index, column in enumerate(COLUMNS[role], start=1):
            if not column.editable:
                continue
            try:
                read[column.key] = READERS[column.key](uploaded.cell(row, index))
            except _Problem as problem:
                self.error(title, number, index, str(problem))
                failed = True
                continue
            places[column.key] = (headings[index - 1], f"{get_column_letter(index)}{number}")
        if failed:
            return
        downloaded = uploaded.cell(row, _position(COLUMNS[role], "checksum"))
        values = {
            key: value for key, value in read.items() if not _same(_stored(report, key), value)
        }
        if values.get("reported") is False:
            del values["reported"]  # a report stays reported; "no" changes nothing
        if not values or checksum(read) == downloaded:
            # As stored, or as downloaded (whatever was saved on the web since stays)
            self.reading.unchanged += 1
            return
        name = report.measure_code if role == MEASURES else report.indicator_name
        if version != report.version:
            self.error(
                title,
                number,
                None,
                _(
                    "%(name)s was changed on the web after the file was downloaded (by "
                    "%(by)s; version %(file)s, now %(current)s). Download the workbook again, "
                    "so that no newer report is replaced by an older one."
                )
                % {
                    "name": name,
                    "by": report.filled_by_label or "–",
                    "file": version,
                    "current": report.version,
                },
            )
            return
        allowed = report.pk in self.measures if role == MEASURES else self.indicators
        if not allowed:
            message = (
                _(
                    "You may report only on the measures you are responsible for; %(name)s is "
                    "not one of them. Leave its row as it was."
                )
                if role == MEASURES
                else _(
                    "Only the organisation's editors fill in indicators; leave the row of "
                    "%(name)s as it was."
                )
            )
            self.error(title, number, None, message % {"name": name})
            return
        self.reading.changes.append(RowChange(report, title, number, version, values, places))


def read_workbook(data: bytes, period: FollowUpPeriod, actor: Actor) -> Reading:
    """Every changed row of the uploaded workbook, or the problems with it by cell. Raises
    :class:`Rejected` when the file cannot be used at all."""
    with uploaded.opened(data, _not_xlsx()) as book:
        meta = _meta(book)
        _check_meta(meta, period)
        return _Reader(book, meta, period, actor).read()


# Saving -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    measures: int
    indicators: int
    unchanged: int


def _service_errors(change: RowChange, error: ValidationError) -> list[CellError]:
    errors = []
    for key, messages in error.message_dict.items():
        heading, cell = change.places.get(key, ("", ""))
        row_only = not cell
        for message in messages:
            errors.append(
                CellError(change.sheet, change.row, "" if row_only else heading, message, cell)
            )
    return errors


def _save(actor: Actor, change: RowChange) -> None:
    """Save the row's changed values; a row whose only change is "Reported: yes" is confirmed
    as it stands."""
    values = {key: v for key, v in change.values.items() if key != "reported"}
    values["version"] = change.version
    if isinstance(change.report, MeasureReport):
        services.report_on_measure(actor, change.report, values)
    else:
        services.report_on_indicator(actor, change.report, values)


def upload(actor: Actor, period: FollowUpPeriod, data: bytes) -> Saved:
    """Save every changed row of the uploaded workbook through the services, all in one
    transaction; raises :class:`Rejected` (nothing saved) with every problem by cell."""
    if period.approved:
        raise Rejected(locked_message(period.year, period.quarter))
    reading = read_workbook(data, period, actor)
    nothing_saved = _("Nothing was saved. Correct the cells listed and upload the file again.")
    if reading.errors:
        raise Rejected(nothing_saved, reading.errors)
    errors: list[CellError] = []
    with transaction.atomic():
        for change in reading.changes:
            try:
                _save(actor, change)
            except ValidationError as error:
                errors += _service_errors(change, error)
            except StaleVersion as stale:
                errors.append(CellError(change.sheet, change.row, "", stale.message()))
            except PermissionDenied:
                errors.append(
                    CellError(change.sheet, change.row, "", _("You may not change this row."))
                )
        if errors:
            raise Rejected(nothing_saved, errors)  # and roll back what was saved
    measures = sum(isinstance(c.report, MeasureReport) for c in reading.changes)
    return Saved(measures, len(reading.changes) - measures, reading.unchanged)


def counts_text(saved: Saved) -> str:
    return _(
        "The file was read: %(measures)s measure report(s) and %(indicators)s indicator "
        "value(s) changed, %(unchanged)s row(s) left as they were."
    ) % {"measures": saved.measures, "indicators": saved.indicators, "unchanged": saved.unchanged}


def as_mapping(errors: Iterable[CellError]) -> list[Mapping[str, Any]]:
    return [error.as_dict() for error in errors]
