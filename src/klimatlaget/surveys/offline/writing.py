"""Writing a member's questionnaire as an Excel workbook, with its current answers (including
answers pre-filled from last year or from the platform) so that the member can answer offline
and upload the file again (see :mod:`.reading`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from klimatlaget.calc import surveys as calc
from klimatlaget.calc.surveys.questions import EARLIEST_YEAR, LATEST_YEAR
from klimatlaget.exports.columns import Kind, number_format
from klimatlaget.exports.workbook import (
    PickLists,
    append_row,
    save,
    set_up_printing,
)
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import Answer, AnswerSource, Question, Response, Survey
from klimatlaget.surveys.offline import layout

KEY_FILL = PatternFill("solid", fgColor="E7E6E6")
KEY_FONT = Font(color="595959", italic=True)
ANSWER_FILL = PatternFill("solid", fgColor="FFF9DB")
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TEXT_FORMAT = "@"
YEAR_FORMAT = number_format(Kind.YEAR)


def yes_word() -> str:
    return pgettext("answer in a spreadsheet", "Yes")


def no_word() -> str:
    return pgettext("answer in a spreadsheet", "No")


def _options(spec: calc.Question | calc.Column) -> tuple[str, ...] | None:
    if spec.kind == calc.QuestionKind.YES_NO:
        return (yes_word(), no_word())
    if spec.kind == calc.QuestionKind.SINGLE_CHOICE:
        return tuple(choice.label for choice in spec.choices)
    return None


def _label(spec: calc.Question | calc.Column, key: Any) -> Any:
    return next((choice.label for choice in spec.choices if choice.key == key), key)


def cell_value(spec: calc.Question | calc.Column, value: Any) -> Any:
    """A canonical answer as the member would type it in a cell (see :mod:`.reading`)."""
    if value is None:
        return None
    if spec.kind == calc.QuestionKind.YES_NO:
        return yes_word() if value else no_word()
    if spec.kind == calc.QuestionKind.SINGLE_CHOICE:
        return _label(spec, value)
    if spec.kind == calc.QuestionKind.MULTIPLE_CHOICE:
        return "; ".join(str(_label(spec, key)) for key in value)
    if spec.kind == calc.QuestionKind.FILE:
        return value.get("name") if isinstance(value, dict) else None
    return value


def _bounds(spec: calc.Question | calc.Column) -> list[str]:
    parts = []
    if spec.minimum is not None:
        parts.append(_("at least %(value)s") % {"value": f"{spec.minimum:g}"})
    if spec.maximum is not None:
        parts.append(_("at most %(value)s") % {"value": f"{spec.maximum:g}"})
    return parts


def allowed_text(spec: calc.Question | calc.Column, table_sheet: str = "") -> str:
    """What may be written in the answer cell, in words."""
    kind = spec.kind
    labels = "; ".join(choice.label for choice in spec.choices)
    if kind == calc.QuestionKind.YES_NO:
        return _("%(yes)s or %(no)s") % {"yes": yes_word(), "no": no_word()}
    if kind == calc.QuestionKind.SINGLE_CHOICE:
        return _("One of: %(options)s") % {"options": labels}
    if kind == calc.QuestionKind.MULTIPLE_CHOICE:
        return _("One or more of: %(options)s. Separate them with a semicolon (;).") % {
            "options": labels
        }
    if kind == calc.QuestionKind.NUMBER:
        return " ".join(
            [_("A number; a decimal comma or point both work."), ", ".join(_bounds(spec))]
        ).strip()
    if kind == calc.QuestionKind.YEAR:
        return _("A year between %(low)s and %(high)s.") % {
            "low": EARLIEST_YEAR,
            "high": LATEST_YEAR,
        }
    if kind == calc.QuestionKind.LINK:
        return _("A web address starting with https://")
    if kind == calc.QuestionKind.FILE:
        return _("Upload the file on the survey's web page; a file cannot be given in Excel.")
    if kind == calc.QuestionKind.TABLE:
        return _("Answer on the sheet %(sheet)s, one row per item.") % {"sheet": table_sheet}
    return _("Text")


def status_text(answer: Answer | None) -> str:
    """Where the current answer came from, so pre-filled answers are checked."""
    if answer is None or answer.value is None:
        return ""
    if answer.source == AnswerSource.MEMBER:
        return _("Answered")
    source = AnswerSource(answer.source).label
    if answer.confirmed:
        return _("Pre-filled (%(source)s), confirmed") % {"source": source}
    return _("Pre-filled (%(source)s): check it; uploading confirms it") % {"source": source}


def _condition_text(question: Question, questions: dict[str, Question]) -> str:
    parent = questions.get(question.condition_question)
    if parent is None:
        return ""
    shown = cell_value(parent.spec(), question.condition_value)
    return _("Answer only if %(key)s is answered %(value)s.") % {
        "key": parent.key,
        "value": shown,
    }


def _style_answer(cell: Cell, spec: calc.Question | calc.Column) -> None:
    cell.fill = ANSWER_FILL
    cell.alignment = WRAP
    if spec.kind in (
        calc.QuestionKind.TEXT,
        calc.QuestionKind.LINK,
        calc.QuestionKind.MULTIPLE_CHOICE,
    ):
        cell.number_format = TEXT_FORMAT
    elif spec.kind == calc.QuestionKind.YEAR:
        cell.number_format = YEAR_FORMAT


def _style_key(cell: Cell) -> None:
    cell.fill = KEY_FILL
    cell.font = KEY_FONT


@dataclass
class _Book:
    survey: Survey
    member: Organisation
    answers: dict[str, Answer]
    upload_url: str
    book: Workbook = field(default_factory=Workbook)
    taken: set[str] = field(default_factory=set)
    meta_rows: list[tuple[Any, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.taken.update({layout.META_SHEET, layout.LISTS_SHEET})
        self.instructions = self.book.active
        assert self.instructions is not None
        self.instructions.title = layout.sheet_name(_("Instructions"), self.taken)
        self.lists = PickLists(self.book.create_sheet(layout.LISTS_SHEET))
        self.lists.sheet.sheet_state = "hidden"

    def write(self, version: int) -> bytes:
        questions = {q.key: q for q in self.survey.questions.select_related("section")}
        tables: list[tuple[Question, str]] = []
        for section in self.survey.sections.all():
            sheet = self.book.create_sheet(layout.sheet_name(section.title, self.taken))
            self.meta_rows.append((layout.META_SHEET_ROW, sheet.title, "section", section.key))
            in_section = [q for q in questions.values() if q.section_id == section.pk]
            for question in in_section:
                if question.kind == calc.QuestionKind.TABLE:
                    tables.append((question, layout.sheet_name(question.key, self.taken)))
            table_sheets = {q.key: name for q, name in tables}
            self._section_sheet(sheet, in_section, questions, table_sheets)
        for question, name in tables:
            sheet = self.book.create_sheet(name)
            self.meta_rows.append((layout.META_SHEET_ROW, name, "table", question.key))
            self._table_sheet(sheet, question)
        self._instructions_sheet()
        self._meta_sheet(version)
        self.book.move_sheet(self.lists.sheet, offset=len(self.book.sheetnames))
        return save(self.book)

    def _section_sheet(
        self,
        sheet: Worksheet,
        in_section: list[Question],
        questions: dict[str, Question],
        table_sheets: dict[str, str],
    ) -> None:
        append_row(
            sheet,
            [_("Key"), _("Question"), _("Answer"), _("Unit"), _("What to write"), _("Status")],
        )
        for cell in sheet[1]:
            cell.font = HEADER_FONT
        _style_key(sheet.cell(row=1, column=layout.KEY_COLUMN))
        for width, letter in zip((22, 60, 30, 10, 50, 36), "ABCDEF", strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "C2"
        for question in in_section:
            self._question_row(sheet, question, questions, table_sheets.get(question.key, ""))
        set_up_printing(sheet, title_rows=layout.FIRST_QUESTION_ROW - 1)

    def _question_row(
        self, sheet: Worksheet, question: Question, questions: dict[str, Question], table: str
    ) -> None:
        spec = question.spec()
        answer = self.answers.get(question.key)
        value = None
        if spec.kind != calc.QuestionKind.TABLE and answer is not None:
            value = cell_value(spec, answer.value)
        help_parts = [allowed_text(spec, table)]
        if question.condition_question:
            help_parts.append(_condition_text(question, questions))
        if question.required:
            help_parts.append(_("Required."))
        if question.help_text:
            help_parts.append(question.help_text)
        row = [
            question.key,
            question.text,
            value,
            question.unit,
            " ".join(part for part in help_parts if part),
            status_text(answer),
        ]
        append_row(sheet, row)
        number = sheet.max_row
        _style_key(sheet.cell(row=number, column=layout.KEY_COLUMN))
        for column in (2, 4, 5, 6):
            sheet.cell(row=number, column=column).alignment = WRAP
        answer_cell = sheet.cell(row=number, column=layout.ANSWER_COLUMN)
        if spec.kind in (calc.QuestionKind.TABLE, calc.QuestionKind.FILE):
            answer_cell.fill = KEY_FILL
            return
        _style_answer(answer_cell, spec)
        options = _options(spec)
        if options:
            validation = self.lists.validation(options)
            sheet.add_data_validation(validation)
            validation.add(answer_cell)

    def _table_sheet(self, sheet: Worksheet, question: Question) -> None:
        spec = question.spec()
        append_row(sheet, [column.key for column in spec.columns])
        headers = []
        for column in spec.columns:
            header = f"{column.label} ({column.unit})" if column.unit else column.label
            headers.append(header + (" *" if column.required else ""))
        append_row(sheet, headers)
        last_row = layout.FIRST_TABLE_ROW + spec.max_rows - 1
        answer = self.answers.get(question.key)
        rows = answer.value if answer is not None and isinstance(answer.value, list) else []
        for row in rows:
            append_row(sheet, [cell_value(column, row.get(column.key)) for column in spec.columns])
        for index, column in enumerate(spec.columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = 24
            _style_key(sheet.cell(row=layout.TABLE_KEY_ROW, column=index))
            header = sheet.cell(row=layout.TABLE_KEY_ROW + 1, column=index)
            header.font = HEADER_FONT
            header.comment = Comment(allowed_text(column), "Klimatläget")
            for number in range(layout.FIRST_TABLE_ROW, last_row + 1):
                _style_answer(sheet.cell(row=number, column=index), column)
            options = _options(column)
            if options:
                validation = self.lists.validation(options)
                sheet.add_data_validation(validation)
                validation.add(f"{letter}{layout.FIRST_TABLE_ROW}:{letter}{last_row}")
        sheet.freeze_panes = f"A{layout.FIRST_TABLE_ROW}"
        set_up_printing(sheet, title_rows=layout.FIRST_TABLE_ROW - 1)  # the keys and headings

    def _instructions_sheet(self) -> None:
        sheet = self.instructions
        assert sheet is not None
        survey, member = self.survey, self.member
        deadline = survey.deadline.isoformat() if survey.deadline else _("none set")
        lines: list[tuple[str, Any]] = [
            (survey.title, None),
            (_("Member"), f"{member.name} ({member.code})"),
            (_("Year"), survey.year),
            (_("Deadline"), deadline),
            (_("Downloaded"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
            ("", None),
            (_("How to fill in"), None),
        ]
        steps = [
            _("Each section of the survey has its own sheet, with one row per question."),
            _(
                "Write your answer in the yellow column Answer. Columns What to write and Unit "
                "say what is accepted."
            ),
            _("Yes/no questions and single choices have a list to pick from."),
            _(
                "For a question with several options, write the options separated by a "
                "semicolon (;)."
            ),
            _("Numbers may have a decimal comma or point."),
            _("A table question has its own sheet: one row per item, from row 3."),
            _(
                "Do not change the grey keys in column A (or in row 1 of a table sheet), nor the "
                "names of the sheets: they tell the upload which question a cell answers."
            ),
            _(
                "The file holds your answers as they were when it was downloaded. An empty answer "
                "cell removes the answer when the file is uploaded."
            ),
            _(
                "Pre-filled answers (see column Status) count as confirmed once the file is "
                "uploaded; check them first."
            ),
            _("Files are uploaded on the survey's web page, not in Excel."),
            _(
                "When you upload the file, either every answer is saved or, if any cell has an "
                "error, nothing is saved and the errors are listed by sheet, row and question."
            ),
            _("Upload the file at: %(url)s") % {"url": self.upload_url},
        ]
        lines += [(f"{number}.", step) for number, step in enumerate(steps, start=1)]
        lines += [
            ("", None),
            (
                _(
                    "This file belongs to %(member)s and the survey %(title)s. It cannot be "
                    "uploaded for another member or another survey."
                )
                % {"member": member.name, "title": survey.title},
                None,
            ),
        ]
        for line in lines:
            append_row(sheet, list(line))
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.cell(row=7, column=1).font = HEADER_FONT
        sheet.column_dimensions["A"].width = 16
        sheet.column_dimensions["B"].width = 72  # with A, what an upright A4 page holds
        for row in sheet.iter_rows(min_row=2, max_col=2):
            row[1].alignment = WRAP
        set_up_printing(sheet, title_rows=0)

    def _meta_sheet(self, version: int) -> None:
        sheet = self.book.create_sheet(layout.META_SHEET)
        sheet.sheet_state = "hidden"
        append_row(sheet, [layout.META_FORMAT, layout.FORMAT_VERSION])
        append_row(sheet, [layout.META_SURVEY, self.survey.pk])
        append_row(sheet, [layout.META_MEMBER, self.member.code])
        append_row(sheet, [layout.META_VERSION, version])
        for row in self.meta_rows:
            append_row(sheet, list(row))


def questionnaire_xlsx(
    survey: Survey, member: Organisation, response: Response | None, upload_url: str
) -> bytes:
    """The questionnaire for ``member`` with the answers of ``response`` (None: unanswered)."""
    answers: dict[str, Answer] = {}
    if response is not None:
        answers = {a.question.key: a for a in response.answers.select_related("question")}
    book = _Book(survey, member, answers, upload_url)
    return book.write(response.version if response is not None else 0)


def file_name(survey: Survey, member: Organisation) -> str:
    return f"{member.code}-survey-{survey.year}-{survey.pk}.xlsx"
