"""Conditional questions: chains, multiple-choice conditions, what is missing and what counts."""

from klimatlaget.calc.surveys import (
    Choice,
    Condition,
    Question,
    QuestionKind,
    is_shown,
    missing_answers,
    read_answers,
    shown_answers,
)

K = QuestionKind
A = Question("a", K.YES_NO, "Do you have a plan?", required=True)
B = Question(
    "b",
    K.SINGLE_CHOICE,
    "Adopted by?",
    required=True,
    choices=(Choice("council", "Council"), Choice("board", "Board")),
    condition=Condition("a", True),
)
C = Question("c", K.YEAR, "Adopted when?", required=True, condition=Condition("b", "council"))
SECTORS = Question(
    "sectors",
    K.MULTIPLE_CHOICE,
    "Sectors?",
    choices=(Choice("transport", "Transport"), Choice("food", "Food")),
)
D = Question(
    "d", K.NUMBER, "Transport budget?", required=True, condition=Condition("sectors", "transport")
)
QUESTIONS = [A, B, C, SECTORS, D]
BY_KEY = {q.key: q for q in QUESTIONS}


def _shown(answers):
    return {q.key for q in QUESTIONS if is_shown(q, answers, BY_KEY)}


def test_a_chain_shows_each_question_only_when_the_one_before_is_shown_and_matches():
    assert _shown({}) == {"a", "sectors"}
    assert _shown({"a": False}) == {"a", "sectors"}
    assert _shown({"a": True}) == {"a", "b", "sectors"}
    assert _shown({"a": True, "b": "board"}) == {"a", "b", "sectors"}
    assert _shown({"a": True, "b": "council"}) == {"a", "b", "c", "sectors"}


def test_a_stale_answer_further_down_does_not_show_the_chain():
    # B was answered "council" before A was changed to no: C is hidden, because B is.
    assert _shown({"a": False, "b": "council", "c": 2020}) == {"a", "sectors"}


def test_a_multiple_choice_condition_means_includes():
    assert "d" in _shown({"sectors": ["transport", "food"]})
    assert "d" not in _shown({"sectors": ["food"]})
    assert "d" not in _shown({})


def test_a_condition_on_an_unknown_question_hides():
    orphan = Question("x", K.TEXT, "X?", condition=Condition("gone", True))
    assert not is_shown(orphan, {"gone": True}, {"x": orphan})


def test_missing_answers_ignore_hidden_required_questions():
    assert [q.key for q in missing_answers(QUESTIONS, {})] == ["a"]
    assert [q.key for q in missing_answers(QUESTIONS, {"a": False})] == []
    assert [q.key for q in missing_answers(QUESTIONS, {"a": True})] == ["b"]
    answers = {"a": True, "b": "council", "sectors": ["transport"]}
    assert [q.key for q in missing_answers(QUESTIONS, answers)] == ["c", "d"]


def test_shown_answers_drop_answers_to_hidden_questions_and_blanks():
    answers = {"a": False, "b": "council", "c": 2020, "sectors": ["food"], "d": 5, "extra": 1}
    assert shown_answers(QUESTIONS, answers) == {"a": False, "sectors": ["food"]}
    assert shown_answers(QUESTIONS, {"a": True, "b": None}) == {"a": True}


def test_read_answers_reads_what_is_given_and_collects_problems_by_key():
    read, problems = read_answers(QUESTIONS, {"a": "ja", "c": "later", "d": "1 000"})
    assert read == {"a": True, "d": 1000}
    assert list(problems) == ["c"]
    assert problems["c"].code == "not_a_year"
