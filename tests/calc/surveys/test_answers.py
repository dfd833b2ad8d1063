"""Reading answers into their canonical form, for every kind, and the problems named."""

import pytest

from klimatlaget.calc.surveys import AnswerProblem, Choice, Column, Question, QuestionKind
from klimatlaget.calc.surveys import read_answer as read

K = QuestionKind
CHOICES = (Choice("territory", "Territorial"), Choice("organisation", "Organisational"))


def _problem(question, raw) -> AnswerProblem:
    with pytest.raises(AnswerProblem) as caught:
        read(question, raw)
    return caught.value


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ja", True), ("Nej", False), (True, True), (False, False), ("YES", True), ("0", False)],
)
def test_yes_no_accepts_swedish_english_and_booleans(raw, expected):
    assert read(Question("q", K.YES_NO, "Q?"), raw) is expected


def test_yes_no_refuses_other_words_naming_the_value():
    problem = _problem(Question("q", K.YES_NO, "Q?"), "kanske")
    assert problem.code == "not_yes_no"
    assert "'kanske'" in problem.message


@pytest.mark.parametrize("raw", [None, "", "   ", [], float("nan")])
def test_blank_is_not_answered(raw):
    assert read(Question("q", K.NUMBER, "Q?"), raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12 500,5", 12500.5), ("12\u00a0500", 12500), ("3.25", 3.25), (7, 7), ("−4", -4), (2.0, 2)],
)
def test_numbers_accept_swedish_decimal_comma_and_thousands_spaces(raw, expected):
    value = read(Question("q", K.NUMBER, "Q?"), raw)
    assert value == expected and type(value) is type(expected)


def test_numbers_outside_the_bounds_are_refused_with_the_bound():
    question = Question("q", K.NUMBER, "Q?", minimum=0, maximum=100)
    assert read(question, "0") == 0 and read(question, "100") == 100
    below = _problem(question, "-1")
    assert (below.code, below.params["minimum"]) == ("below_minimum", "0")
    above = _problem(question, "100,5")
    assert (above.code, above.params["maximum"], above.params["value"]) == (
        "above_maximum",
        "100",
        100.5,
    )
    assert _problem(question, "tolv").code == "not_a_number"
    assert _problem(question, True).code == "not_a_number"


def test_years_must_be_whole_and_in_range():
    question = Question("q", K.YEAR, "Q?")
    assert read(question, "2045") == 2045
    assert read(question, 2030.0) == 2030
    for raw in ("1899", "2101", "2030,5", "soon"):
        problem = _problem(question, raw)
        assert problem.code == "not_a_year"
        assert (problem.params["low"], problem.params["high"]) == (1900, 2100)


def test_single_choice_accepts_key_or_label_in_any_case():
    question = Question("q", K.SINGLE_CHOICE, "Q?", choices=CHOICES)
    assert read(question, "territory") == "territory"
    assert read(question, "organisational") == "organisation"
    assert read(question, " Territorial ") == "territory"
    problem = _problem(question, "both")
    assert problem.code == "unknown_choice"
    assert problem.params["options"] == "Territorial, Organisational"


def test_multiple_choice_reads_lists_and_separated_text_in_question_order():
    question = Question("q", K.MULTIPLE_CHOICE, "Q?", choices=CHOICES)
    assert read(question, ["Organisational", "territory"]) == ["territory", "organisation"]
    assert read(question, "organisation; Territorial") == ["territory", "organisation"]
    assert read(question, "territory;territory") == ["territory"]
    assert _problem(question, "territory;other").params["value"] == "'other'"


def test_links_without_a_scheme_get_https():
    question = Question("q", K.LINK, "Q?")
    assert read(question, "strandhamn.se/plan") == "https://strandhamn.se/plan"
    assert read(question, "http://example.org") == "http://example.org"
    for raw in ("ftp://example.org", "not a link", "https://"):
        assert _problem(question, raw).code == "not_a_link"


def test_text_is_trimmed_and_limited():
    question = Question("q", K.TEXT, "Q?")
    assert read(question, "  hej  ") == "hej"
    assert read(question, 1.5) == "1.5"
    problem = _problem(question, "x" * 10_001)
    assert problem.code == "text_too_long"
    assert problem.params == {"length": 10_001, "limit": 10_000}


def test_files_are_checked_for_type_and_size():
    question = Question("q", K.FILE, "Q?", max_file_bytes=1000, file_types=("pdf", "txt"))
    assert read(question, {"name": "Plan.PDF", "size": 1000}) == {"name": "Plan.PDF", "size": 1000}
    problem = _problem(question, {"name": "plan.exe", "size": 10})
    assert (problem.code, problem.params["type"], problem.params["types"]) == (
        "file_type",
        "exe",
        "pdf, txt",
    )
    assert _problem(question, {"name": "noextension", "size": 1}).params["type"] == "?"
    too_large = _problem(question, {"name": "plan.txt", "size": 1001})
    assert too_large.code == "file_too_large"
    assert too_large.params == {"size": 1001, "limit": 1000}


TABLE = Question(
    "measures",
    K.TABLE,
    "Measures",
    max_rows=2,
    columns=(
        Column("name", "Measure", K.TEXT, required=True),
        Column("tonnes", "Reduction", K.NUMBER, minimum=0),
        Column("done", "Done", K.YES_NO),
    ),
)


def test_table_rows_are_read_cell_by_cell_and_blank_rows_dropped():
    rows = [{"name": "Buses", "tonnes": "1 200,5", "done": "ja"}, {"name": "", "tonnes": ""}]
    assert read(TABLE, rows) == [{"name": "Buses", "tonnes": 1200.5, "done": True}]
    assert read(TABLE, [{"name": " ", "done": None}]) is None


def test_table_problems_name_the_row_and_the_column():
    missing = _problem(TABLE, [{"name": "Buses"}, {"tonnes": "5"}])
    assert (missing.code, missing.row, missing.column) == ("required_cell", 2, "name")
    assert missing.message == "Row 2: Measure must be filled in."
    negative = _problem(TABLE, [{"name": "Buses", "tonnes": "-3"}])
    assert (negative.code, negative.row, negative.column) == ("below_minimum", 1, "tonnes")
    unknown = _problem(TABLE, [{"name": "Buses", "colour": "red"}])
    assert (unknown.code, unknown.row, unknown.params["value"]) == ("unknown_column", 1, "colour")
    assert _problem(TABLE, [{"name": n} for n in "abc"]).params == {"limit": 2, "count": 3}
    assert _problem(TABLE, "Buses").code == "not_a_table"
