from __future__ import annotations

import pytest

from klimatlaget.sources import PROBLEM_CODES, SourceError, SourceProblem
from klimatlaget.sources.errors import ProblemCollector


def test_problem_str_names_file_row_and_column() -> None:
    problem = SourceProblem("data.csv", 12, "tco2e", "'abc' is not a number.", "not_a_number")
    assert str(problem) == "data.csv, row 12, column 'tco2e': 'abc' is not a number."


def test_problem_str_without_row_or_column() -> None:
    problem = SourceProblem("data.csv", None, None, "The file is empty.", "empty_file")
    assert str(problem) == "data.csv: The file is empty."


def test_problem_is_frozen() -> None:
    problem = SourceProblem("f", 1, None, "m", "empty_file")
    with pytest.raises(AttributeError):
        problem.row = 2  # type: ignore[misc]


def test_collector_caps_and_counts_the_rest() -> None:
    collector = ProblemCollector("f.csv", cap=3)
    for row in range(1, 6):
        collector.add(row, "year", "not_a_year", "bad")
    assert [p.row for p in collector.problems] == [1, 2, 3]
    assert collector.omitted == 2
    with pytest.raises(SourceError) as error:
        collector.raise_if_any()
    assert error.value.omitted == 2
    assert "… and 2 more problems" in str(error.value)


def test_collector_refuses_unknown_codes() -> None:
    with pytest.raises(ValueError, match="unknown problem code"):
        ProblemCollector("f").add(None, None, "no_such_code", "x")


def test_error_summary_lists_first_problems() -> None:
    problems = [SourceProblem("f", i, None, f"m{i}", "bad_row") for i in range(1, 13)]
    text = str(SourceError(problems))
    assert text.splitlines()[0] == "f, row 1: m1"
    assert text.splitlines()[-1] == "… and 2 more problems"


def test_every_code_is_described() -> None:
    assert all(description for description in PROBLEM_CODES.values())
    assert {"unknown_municipality", "sector_sum_mismatch", "too_large"} <= PROBLEM_CODES.keys()
