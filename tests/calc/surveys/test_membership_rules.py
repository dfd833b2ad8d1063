"""The membership test's rules: pass, fail with the failing items named, incomplete."""

from klimatlaget.calc.surveys import Check, CheckKind, Outcome, Requirement, judge_membership

PLAN = Requirement(
    "plan", "An adopted climate plan", (Check("has_plan"), Check("plan_link", CheckKind.ANSWERED))
)
TARGET = Requirement(
    "target",
    "A target of at least 50 % by 2030 at the latest",
    (
        Check("reduction_pct", CheckKind.AT_LEAST, 50),
        Check("target_year", CheckKind.AT_MOST, 2030),
    ),
)
RULES = [PLAN, TARGET]
GOOD = {"has_plan": True, "plan_link": "https://a.se", "reduction_pct": 50, "target_year": 2030}


def test_everything_met_passes():
    result = judge_membership(RULES, GOOD)
    assert result.outcome == Outcome.PASS
    assert result.failing == [] and result.unanswered == []
    assert all(r.questions == () for r in result.requirements)


def test_failing_items_are_named():
    result = judge_membership(RULES, {**GOOD, "has_plan": False, "target_year": 2031})
    assert result.outcome == Outcome.FAIL
    assert [(r.requirement.key, r.questions) for r in result.failing] == [
        ("plan", ("has_plan",)),
        ("target", ("target_year",)),
    ]


def test_unanswered_questions_make_it_incomplete():
    result = judge_membership(RULES, {**GOOD, "plan_link": None, "reduction_pct": None})
    assert result.outcome == Outcome.INCOMPLETE
    assert [(r.requirement.key, r.questions) for r in result.unanswered] == [
        ("plan", ("plan_link",)),
        ("target", ("reduction_pct",)),
    ]


def test_fail_wins_over_incomplete_in_the_same_and_in_other_requirements():
    answers = {"has_plan": False, "reduction_pct": 40}
    result = judge_membership(RULES, answers)
    assert result.outcome == Outcome.FAIL
    plan, target = result.requirements
    assert (plan.outcome, plan.questions) == (Outcome.FAIL, ("has_plan",))
    assert (target.outcome, target.questions) == (Outcome.FAIL, ("reduction_pct",))
    result = judge_membership(RULES, {"has_plan": False})
    assert [r.outcome for r in result.requirements] == [Outcome.FAIL, Outcome.INCOMPLETE]
    assert result.outcome == Outcome.FAIL


def test_at_least_and_at_most_are_inclusive_and_need_numbers():
    at_least = Requirement("r", "r", (Check("n", CheckKind.AT_LEAST, 10),))
    at_most = Requirement("r", "r", (Check("n", CheckKind.AT_MOST, 10),))
    assert judge_membership([at_least], {"n": 10}).outcome == Outcome.PASS
    assert judge_membership([at_least], {"n": 9.99}).outcome == Outcome.FAIL
    assert judge_membership([at_most], {"n": 10}).outcome == Outcome.PASS
    assert judge_membership([at_most], {"n": 10.5}).outcome == Outcome.FAIL
    # A yes is not the number 1, and text is no number.
    assert judge_membership([at_most], {"n": True}).outcome == Outcome.FAIL
    assert judge_membership([at_least], {"n": "20"}).outcome == Outcome.FAIL


def test_yes_needs_true_and_answered_any_answer():
    yes = Requirement("r", "r", (Check("q", CheckKind.YES),))
    assert judge_membership([yes], {"q": True}).outcome == Outcome.PASS
    assert judge_membership([yes], {"q": "ja"}).outcome == Outcome.FAIL
    answered = Requirement("r", "r", (Check("q", CheckKind.ANSWERED),))
    assert judge_membership([answered], {"q": [{"name": "x"}]}).outcome == Outcome.PASS
    assert judge_membership([answered], {}).outcome == Outcome.INCOMPLETE
    assert judge_membership([], {}).outcome == Outcome.PASS
