"""Statistics per question, for every kind, checked against numbers worked out by hand."""

import pytest

from klimatlaget.calc.surveys import (
    Choice,
    Column,
    Condition,
    Question,
    QuestionKind,
    headline,
    question_statistics,
    section_respondents,
    survey_statistics,
)

K = QuestionKind
YES_NO = Question("has_target", K.YES_NO, "Do you have a target?")
SECTORS = Question(
    "sectors",
    K.MULTIPLE_CHOICE,
    "Sectors?",
    choices=(Choice("transport", "Transport"), Choice("energy", "Energy"), Choice("food", "Food")),
)
KIND = Question(
    "kind",
    K.SINGLE_CHOICE,
    "Kind?",
    choices=(Choice("territory", "Territorial"), Choice("organisation", "Organisational")),
)
BUDGET = Question("budget", K.NUMBER, "Budget?", unit="kr")
YEAR = Question("target_year", K.YEAR, "Target year?")
MEASURES = Question(
    "measures",
    K.TABLE,
    "Measures",
    columns=(
        Column("name", "Measure", K.TEXT, required=True),
        Column("tonnes", "Reduction", K.NUMBER, unit="t"),
        Column("done", "Done", K.YES_NO),
    ),
)


def _options(statistic):
    return {o.key: (o.count, o.share) for o in statistic.options}


def test_yes_no_counts_and_shares_of_those_who_answered():
    statistic = question_statistics(YES_NO, [True, True, False, None, True])
    assert (statistic.respondents, statistic.answered) == (5, 4)
    assert _options(statistic) == {"yes": (3, 0.75), "no": (1, 0.25)}
    assert statistic.yes == 3
    assert statistic.yes_share == 0.75


def test_single_choice_counts_every_option_even_unchosen_ones():
    statistic = question_statistics(KIND, ["territory", "territory", None, "territory"])
    assert [o.key for o in statistic.options] == ["territory", "organisation"]
    assert _options(statistic) == {"territory": (3, 1.0), "organisation": (0, 0.0)}
    assert statistic.options[0].label == "Territorial"


def test_multiple_choice_counts_a_member_once_per_option():
    answers = [["transport", "energy"], ["transport", "transport"], ["food"], None]
    statistic = question_statistics(SECTORS, answers)
    assert statistic.answered == 3
    # The second member chose transport twice (a malformed list): still one member.
    assert _options(statistic) == {
        "transport": (2, pytest.approx(2 / 3)),
        "energy": (1, pytest.approx(1 / 3)),
        "food": (1, pytest.approx(1 / 3)),
    }
    assert sum(o.count for o in statistic.options) > statistic.answered  # shares add to > 100 %


def test_numbers_odd_count_median_is_the_middle_value():
    statistic = question_statistics(BUDGET, [10, None, 30, 5])
    numbers = statistic.numbers
    assert (numbers.count, numbers.total, numbers.mean) == (3, 45, 15)
    assert (numbers.median, numbers.minimum, numbers.maximum) == (10, 5, 30)
    assert statistic.unit == "kr"
    assert statistic.options == ()


def test_numbers_even_count_median_is_the_mean_of_the_middle_two():
    numbers = question_statistics(BUDGET, [4, 1, 10, 2.5]).numbers
    assert numbers.median == 3.25  # (2.5 + 4) / 2
    assert numbers.mean == 4.375  # 17.5 / 4
    assert (numbers.minimum, numbers.maximum) == (1, 10)


def test_years_give_a_distribution_in_year_order_and_their_mean():
    statistic = question_statistics(YEAR, [2045, 2030, 2030, None, 2035])
    assert [(o.key, o.count, o.share) for o in statistic.options] == [
        ("2030", 2, 0.5),
        ("2035", 1, 0.25),
        ("2045", 1, 0.25),
    ]
    assert statistic.numbers.mean == 2035
    assert statistic.numbers.median == 2032.5


@pytest.mark.parametrize("kind", [K.TEXT, K.LINK, K.FILE])
def test_free_answers_are_only_counted(kind):
    question = Question("q", kind, "Q?")
    answers = ["a", None, {"name": "plan.pdf", "size": 3} if kind == K.FILE else "b"]
    statistic = question_statistics(question, answers)
    assert (statistic.respondents, statistic.answered) == (3, 2)
    assert statistic.options == () and statistic.numbers is None


def test_table_summarises_every_column_over_all_rows():
    tables = [
        [
            {"name": "Buses", "tonnes": 100, "done": True},
            {"name": "Bikes", "tonnes": 20, "done": False},
        ],
        None,
        [{"name": "Solar", "tonnes": None, "done": True}],
    ]
    statistic = question_statistics(MEASURES, tables)
    assert (statistic.respondents, statistic.answered, statistic.rows) == (3, 2, 3)
    name, tonnes, done = statistic.columns
    assert (name.text, name.answered, name.respondents) == ("Measure", 3, 3)
    assert (tonnes.answered, tonnes.numbers.total, tonnes.numbers.mean) == (2, 120, 60)
    assert tonnes.unit == "t"
    assert _options(done) == {"yes": (2, pytest.approx(2 / 3)), "no": (1, pytest.approx(1 / 3))}


def test_empty_input_gives_no_shares_and_no_numbers():
    for question in (YES_NO, KIND, SECTORS):
        statistic = question_statistics(question, [None, None])
        assert statistic.answered == 0
        assert all(o.count == 0 and o.share is None for o in statistic.options)
    assert question_statistics(BUDGET, []).numbers is None
    assert question_statistics(YEAR, [None]).options == ()
    assert question_statistics(YES_NO, []).yes_share is None
    assert question_statistics(MEASURES, [None]).rows == 0


def test_survey_statistics_counts_every_response_as_a_respondent():
    target_year = Question(
        "target_year", K.YEAR, "Target year?", condition=Condition("has_target", True)
    )
    responses = [{"has_target": True, "target_year": 2030}, {"has_target": False}, {}]
    yes_no, year = survey_statistics([YES_NO, target_year], responses)
    assert (yes_no.respondents, yes_no.answered, yes_no.yes) == (3, 2, 1)
    assert (year.respondents, year.answered) == (3, 1)


def test_headline_picks_share_of_yes_mean_or_answered():
    assert headline(question_statistics(YES_NO, [True, False, False, True]), 2025).value == 0.5
    figure = headline(question_statistics(BUDGET, [10, 20]), 2024)
    assert (figure.year, figure.answered, figure.value, figure.label) == (2024, 2, 15, "mean")
    figure = headline(question_statistics(SECTORS, [["food"], None]), 2025)
    assert (figure.value, figure.label) == (1.0, "answered")
    assert headline(question_statistics(BUDGET, [None]), 2025).label == "answered"


def test_a_yes_no_headline_keeps_the_count_of_yes():
    figure = headline(question_statistics(YES_NO, [True, False, True, None]), 2025)
    assert (figure.answered, figure.yes, figure.value) == (3, 2, pytest.approx(2 / 3))
    assert headline(question_statistics(BUDGET, [10]), 2025).yes is None


def test_a_section_counts_the_members_who_answered_any_of_its_questions():
    responses = [{"a": True}, {"b": 0}, {"a": None, "c": "x"}, {}, {"a": False, "b": 3}]
    assert section_respondents(["a", "b"], responses) == 3
    assert section_respondents(["c"], responses) == 1
    assert section_respondents([], responses) == 0
