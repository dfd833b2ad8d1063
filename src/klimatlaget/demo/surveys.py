"""The demo's surveys: Klimatläget 2024 (closed) and 2025 (open), and the membership test 2025,
all from the shipped templates.

With the real data the surveys get no answers; instead Klimatläget 2024 takes the headline
figures the association published in its annual report 2024 (:data:`PUBLISHED_2024`), quoted
from it, so that the 2025 report compares with them.

With the fictional example dataset the fictional members get example answers, generated
deterministically (a random generator seeded with the member's code) and plausible: all
submitted or approved in 2024, a mix of statuses in 2025, and membership tests that pass, fail
and are incomplete. Strandhamn (9102, the demo editor's member) is left without a 2025 response
so the demo can show answering from the start. Real municipalities never get invented answers.

The answers are written here rather than through :mod:`klimatlaget.surveys.services`: the
services act for a user on an open survey, while the demo loads history (a closed survey,
reviewed responses) with no user. Every response written is recorded in the change log as
fictional example data.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from klimatlaget.accounts.actors import command_line
from klimatlaget.associations.models import members_in_year
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import SURVEY, SURVEY_RESPONSE
from klimatlaget.calc import surveys as calc
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.blueprints import definition
from klimatlaget.surveys.building import create_survey
from klimatlaget.surveys.models import (
    Answer,
    AnswerSource,
    PublishedFigure,
    PublishedFigureKind,
    Question,
    Response,
    ResponseStatus,
    Survey,
    SurveyKind,
    SurveyState,
)
from klimatlaget.surveys.platform_data import platform_answer
from klimatlaget.surveys.published import add_figure

Say = Callable[[str], None]

#: (year, kind, state, deadline)
DEMO_SURVEYS: tuple[tuple[int, SurveyKind, SurveyState, datetime.date], ...] = (
    (2024, SurveyKind.KLIMATLAGET, SurveyState.CLOSED, datetime.date(2024, 6, 14)),
    (2025, SurveyKind.KLIMATLAGET, SurveyState.OPEN, datetime.date(2025, 9, 30)),
    (2025, SurveyKind.MEMBERSHIP_TEST, SurveyState.OPEN, datetime.date(2025, 9, 30)),
)

#: The demo editor's member answers 2025 itself.
UNANSWERED_IN_2025 = "9102"
#: Membership test 2025 of the fictional members: a failing and an incomplete one; the others
#: pass (and Strandhamn has not started).
MEMBERSHIP_FAILS = "9203"
MEMBERSHIP_INCOMPLETE = "9104"

#: Statuses of the fictional members' Klimatläget 2025, in member-code order.
STATUSES_2025 = (
    ResponseStatus.APPROVED,
    ResponseStatus.SUBMITTED,
    ResponseStatus.IN_PROGRESS,
    ResponseStatus.RETURNED,
    ResponseStatus.APPROVED,
    ResponseStatus.SUBMITTED,
    ResponseStatus.IN_PROGRESS,
)

TEXTS = (
    "Vi har antagit en ny klimatstrategi med åtgärder för alla förvaltningar.",
    "Arbetet samordnas av hållbarhetsenheten och följs upp varje år i bokslutet.",
    "Vi samarbetar med grannkommunerna om laddinfrastruktur och gång- och cykelvägar.",
    "Klimatbudgeten är integrerad i kommunens budgetprocess sedan i år.",
)


def _aware(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def create_demo_surveys(assoc: Organisation, say: Say) -> list[Survey]:
    """The demo surveys that were missing, created from the templates (and recorded)."""
    created = []
    for year, kind, state, deadline in DEMO_SURVEYS:
        if Survey.objects.filter(association=assoc, year=year, kind=kind).exists():
            continue
        earlier = Survey.objects.filter(association=assoc, kind=kind, year=year - 1).first()
        survey = create_survey(assoc, year, kind, definition(kind, year), copied_from=earlier)
        survey.state = state
        survey.deadline = deadline
        survey.save(update_fields=["state", "deadline"])
        record(
            actor=command_line(),
            action="klimatlaget.survey.created",
            subject=SURVEY,
            subject_id=survey.pk,
            organisation=assoc,
            changes={"title": [None, survey.title], "state": [None, state.value]},
            summary=says("survey_created_demo", survey=survey.title),
        )
        created.append(survey)
    say(f"Surveys: {len(created)} created from the templates.")
    return created


# Example answers ---------------------------------------------------------------------------


def _number(question: Question, rng: random.Random) -> float | int:
    if question.unit == "%":
        return rng.choice((20, 30, 40, 50, 60, 70, 80))
    if question.unit == "kWh/m²":
        return rng.choice((70, 80, 90, 100, 110))
    if question.unit == "kr":
        return rng.randrange(200_000, 5_000_000, 50_000)
    low = int(question.minimum or 0)
    return rng.randint(max(low, 1), max(low, 1) + 5)


def _year(question: Question, year: int, rng: random.Random) -> int:
    if "adopted" in question.key or question.key == "decision_year":
        return rng.randint(2012, year - 1)
    if "inventory" in question.key:
        return year - 2
    return rng.choice((2030, 2035, 2040, 2045))


def _table(question: Question, year: int, rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for _row in range(rng.randint(1, 3)):
        rows.append(
            {
                "scope": rng.choice(("territory", "organisation", "consumption")),
                "base_year": rng.choice((1990, 2005, 2010)),
                "target_year": rng.choice((2030, 2035, 2040, 2045)),
                "reduction_pct": rng.choice((50, 63, 70, 75, 85, 100)),
            }
        )
    return rows


def example_value(question: Question, member: Organisation, year: int, rng: random.Random) -> Any:
    """A plausible answer to ``question`` (None: left unanswered)."""
    kind = question.kind
    choices = [item["key"] for item in question.choices]
    if kind == calc.QuestionKind.YES_NO:
        return rng.random() < (0.75 if question.required else 0.45)
    if kind == calc.QuestionKind.NUMBER:
        return _number(question, rng)
    if kind == calc.QuestionKind.YEAR:
        return _year(question, year, rng)
    if kind == calc.QuestionKind.SINGLE_CHOICE:
        return rng.choice(choices)
    if kind == calc.QuestionKind.MULTIPLE_CHOICE:
        return sorted(rng.sample(choices, rng.randint(1, min(3, len(choices)))))
    if kind == calc.QuestionKind.TEXT:
        return rng.choice(TEXTS)
    if kind == calc.QuestionKind.LINK:
        return f"https://kommun-{member.code}.example/klimat/{question.key.replace('_', '-')}"
    if kind == calc.QuestionKind.TABLE:
        return _table(question, year, rng)
    return None  # a file: the demo stores none


def example_answers(
    survey: Survey,
    member: Organisation,
    rng: random.Random,
    fixed: dict[str, Any] | None = None,
) -> dict[str, tuple[Any, str]]:
    """Answers by key with their source, in question order, only to questions that are shown
    given the answers before them: the platform's answer where it has one, else ``fixed``, else
    a plausible random one. Each is read as the question would read it."""
    fixed = fixed or {}
    questions = list(survey.questions.all())
    specs = {question.key: question.spec() for question in questions}
    answers: dict[str, tuple[Any, str]] = {}
    for question in questions:
        spec = specs[question.key]
        given = {key: value for key, (value, _source) in answers.items()}
        if not calc.is_shown(spec, given, specs):
            continue
        value, source = platform_answer(question, member, survey.year), AnswerSource.PLATFORM
        if value is None:
            raw = fixed.get(question.key, example_value(question, member, survey.year, rng))
            value, source = calc.read_answer(spec, raw), AnswerSource.MEMBER
        if value is not None:
            answers[question.key] = (value, source)
    return answers


def _write_response(
    survey: Survey,
    member: Organisation,
    status: ResponseStatus,
    answers: dict[str, tuple[Any, str]],
) -> Response:
    year = survey.year
    final = status in (ResponseStatus.SUBMITTED, ResponseStatus.APPROVED, ResponseStatus.RETURNED)
    reviewed = status in (ResponseStatus.APPROVED, ResponseStatus.RETURNED)
    response = Response.objects.create(
        survey=survey,
        member=member,
        status=status,
        version=len(answers) + (1 if final else 0) + (1 if reviewed else 0),
        started_at=_aware(year, 4, 15),
        submitted_at=_aware(year, 5, 20) if final else None,
        reviewed_at=_aware(year, 6, 1) if reviewed else None,
        review_comment=(
            "Komplettera gärna med länk till klimatstrategin."
            if status == ResponseStatus.RETURNED
            else ""
        ),
    )
    questions = {q.key: q for q in survey.questions.filter(key__in=list(answers))}
    Answer.objects.bulk_create(
        Answer(response=response, question=questions[key], value=value, source=source)
        for key, (value, source) in answers.items()
    )
    # Saved when the response was (the field stamps "now" on creation).
    response.answers.update(updated_at=response.submitted_at or _aware(year, 5, 2))
    record(
        actor=command_line(),
        action="klimatlaget.survey.answered",
        subject=SURVEY_RESPONSE,
        subject_id=response.pk,
        organisation=member,
        association=survey.association,
        changes={"status": [None, status.value]},
        summary=says("example_answers", survey=survey.title, status=status.value),
    )
    return response


def _klimatlaget_answers(survey: Survey, members: list[Organisation]) -> int:
    written = 0
    for index, member in enumerate(members):
        rng = random.Random(f"klimatlaget-{member.code}-{survey.year}")
        if survey.year <= 2024:
            status = ResponseStatus.APPROVED if index % 4 else ResponseStatus.SUBMITTED
        elif member.code == UNANSWERED_IN_2025:
            continue
        else:
            status = STATUSES_2025[index % len(STATUSES_2025)]
        answers = example_answers(survey, member, rng)
        if status == ResponseStatus.IN_PROGRESS:  # half-way through
            answers = dict(list(answers.items())[: len(answers) // 2])
        _write_response(survey, member, status, answers)
        written += 1
    return written


PASSING = {
    "political_decision": True,
    "inventories_emissions": True,
    "has_emission_targets": True,
    "has_action_plan": True,
    "carries_out_measures": True,
    "reports_to_association": True,
}


def _membership_answers(survey: Survey, members: list[Organisation]) -> int:
    written = 0
    for member in members:
        if member.code == UNANSWERED_IN_2025:
            continue
        rng = random.Random(f"membership-{member.code}-{survey.year}")
        fixed = dict(PASSING)
        status = ResponseStatus.APPROVED if rng.random() < 0.5 else ResponseStatus.SUBMITTED
        if member.code == MEMBERSHIP_FAILS:
            fixed["has_action_plan"] = False
        answers = example_answers(survey, member, rng, fixed)
        if member.code == MEMBERSHIP_INCOMPLETE:
            status = ResponseStatus.IN_PROGRESS
            answers = {k: v for k, v in answers.items() if k != "reports_to_association"}
        _write_response(survey, member, status, answers)
        written += 1
    return written


def load_example_answers(surveys: list[Survey]) -> int:
    """Fictional answers to ``surveys`` (newly created demo surveys) for the fictional members;
    returns how many responses were written."""
    written = 0
    for survey in sorted(surveys, key=lambda s: (s.year, s.kind)):
        members = list(members_in_year(survey.association, survey.year).order_by("code"))
        if survey.kind == SurveyKind.KLIMATLAGET:
            written += _klimatlaget_answers(survey, members)
        else:
            written += _membership_answers(survey, members)
    return written


#: The report Klimatläget 2024 as the annual report 2024 (in ``../shared/seeds``) quotes it.
REPORT_2024 = "Klimatkommunerna, verksamhetsberättelse 2024"
REPORT_2024_SECTION = "Klimatläget 2024 (Mål 1)"
#: (kind, key, value): "45 medlemskommuner svarade", "minskat sina utsläpp med 42 % sedan år
#: 1990", "21 medlemmar har övergripande klimatmål helt i linje … 29 … delvis i linje", the
#: members with each kind of target, and "I årets tematiska del om … gå svarade 32 medlemmar".
PUBLISHED_2024: tuple[tuple[PublishedFigureKind, str, float], ...] = (
    (PublishedFigureKind.RESPONDENTS, "", 45),
    (PublishedFigureKind.CHANGE_SINCE_1990, "", -42),
    (PublishedFigureKind.VERDICT, "in_line", 21),
    (PublishedFigureKind.VERDICT, "partly", 29),
    (PublishedFigureKind.SECTION_ANSWERED, "theme", 32),
    (PublishedFigureKind.QUESTION_YES, "household_target_quantified", 8),
    (PublishedFigureKind.QUESTION_YES, "household_covered_by_neutrality", 12),
    (PublishedFigureKind.QUESTION_YES, "food_target_quantified", 17),
    (PublishedFigureKind.QUESTION_YES, "food_target_qualitative", 14),
    (PublishedFigureKind.QUESTION_YES, "transport_target_quantified", 12),
    (PublishedFigureKind.QUESTION_YES, "modal_split_target", 11),
    (PublishedFigureKind.QUESTION_YES, "energy_saving_target_percent", 21),
    (PublishedFigureKind.QUESTION_YES, "energy_saving_target_kwh_m2", 9),
    (PublishedFigureKind.QUESTION_YES, "renewable_energy_target", 19),
    (PublishedFigureKind.QUESTION_YES, "solar_target", 17),
    (PublishedFigureKind.QUESTION_YES, "wind_target", 3),
    (PublishedFigureKind.QUESTION_YES, "biogas_target", 4),
    (PublishedFigureKind.QUESTION_YES, "building_certification_target", 10),
    (PublishedFigureKind.QUESTION_YES, "timber_building_target", 6),
    (PublishedFigureKind.QUESTION_YES, "construction_reuse_target", 5),
)


def load_published_2024(assoc: Organisation) -> int:
    """The figures of :data:`PUBLISHED_2024` that are missing, quoted from the annual report
    (and recorded); returns how many were added."""
    existing = set(
        PublishedFigure.objects.filter(association=assoc, year=2024).values_list("kind", "key")
    )
    added = 0
    for kind, key, value in PUBLISHED_2024:
        if (kind.value, key) in existing:
            continue
        values = {"year": 2024, "kind": kind, "key": key, "value": value}
        source = {"source": REPORT_2024, "page": REPORT_2024_SECTION, "quoted": True}
        add_figure(command_line(), assoc, {**values, **source})
        added += 1
    return added


@transaction.atomic
def load_demo_surveys(*, example: bool, say: Say) -> None:
    """The demo association's surveys and, for the fictional example dataset only, example
    answers. Safe to run again: existing surveys (and their answers) are left as they are."""
    from klimatlaget.demo.association import association

    created = create_demo_surveys(association(), say)
    if example and created:
        written = load_example_answers(created)
        say(f"Fictional example survey responses: {written}.")
    if not example:
        added = load_published_2024(association())
        say(f"Figures quoted from the annual report 2024: {added} added.")
