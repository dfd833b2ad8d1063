"""The questionnaire workbook's layout, shared by the writer and the reader.

A downloaded questionnaire has an instructions sheet, one sheet per section (a row per
question: key in column A, the answer in column C) and one sheet per table question (column
keys in row 1, labels in row 2, the table's rows from row 3). A hidden metadata sheet ties the
file to its survey and member and lists which sheet holds what, so the reader does not depend
on sheet names (which follow the language of the download).
"""

# Shared with the other workbooks the platform writes and reads back.
from klimatlaget.exports.workbook import sheet_name as sheet_name
from klimatlaget.imports.workbook import MAX_UNPACKED_BYTES as MAX_UNPACKED_BYTES
from klimatlaget.imports.workbook import MAX_UPLOAD_BYTES as MAX_UPLOAD_BYTES

#: Raised when the layout changes so that older files are refused with a clear message.
FORMAT_VERSION = 1

META_SHEET = "_meta"
LISTS_SHEET = "_lists"

#: Section sheets: the header is row 1, questions from row 2.
KEY_COLUMN = 1
ANSWER_COLUMN = 3
FIRST_QUESTION_ROW = 2

#: Table sheets: column keys in row 1, labels in row 2, answers from row 3.
TABLE_KEY_ROW = 1
FIRST_TABLE_ROW = 3

#: Metadata rows: ``(name, value)`` pairs, then ``("sheet", sheet name, role, key)`` rows.
META_FORMAT = "format"
META_SURVEY = "survey"
META_MEMBER = "member"
META_VERSION = "version"
META_SHEET_ROW = "sheet"
ROLE_SECTION = "section"
ROLE_TABLE = "table"
