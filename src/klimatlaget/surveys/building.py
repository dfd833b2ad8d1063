"""Creating a survey from a definition (a template, or a survey of an earlier year) and
copying a survey to a new year with its questions' identities kept.

A definition is plain data, so templates can live in code or JSON::

    {"title": ..., "introduction": ...,
     "sections": [{"key", "title", "description", "title_en", "description_en",
                   "questions": [{"key", "kind", "text", "help_text", "text_en",
                                  "help_text_en", "required", "unit", "minimum", "maximum",
                                  "choices": [{"key", "label", "label_en"}],
                                  "columns": [...], "condition": {"question", "equals"},
                                  "prefill", "max_rows", "max_file_bytes", "file_types"}]}],
     "requirements": [{"key", "text", "checks": [{"question", "kind", "value"}]}]}

The ``_en`` texts are optional: English pages show them instead of the Swedish ones.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from klimatlaget.calc import surveys as calc
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import Prefill, Question, Section, Survey, SurveyKind

QUESTION_FIELDS = (
    "kind",
    "text",
    "help_text",
    "text_en",
    "help_text_en",
    "required",
    "unit",
    "minimum",
    "maximum",
    "choices",
    "columns",
    "prefill",
    "max_rows",
    "max_file_bytes",
    "file_types",
)


def question_problems(item: dict[str, Any], earlier: dict[str, dict[str, Any]]) -> dict[str, str]:
    """What is wrong with one question of a definition, by field (empty: nothing).

    ``earlier`` holds the questions before it, by key. Shared by :func:`create_survey` and the
    secretariat's question editor, so that both apply the same rules."""
    problems: dict[str, str] = {}
    kind = item.get("kind")
    if kind not in set(calc.QuestionKind):
        problems["kind"] = _("Unknown kind %(kind)r.") % {"kind": kind}
    if item.get("key", "?") in earlier:
        problems["key"] = _("The key appears twice.")
    if kind in ("single_choice", "multiple_choice") and not item.get("choices"):
        problems["choices"] = _("A choice question needs choices.")
    if kind == "table":
        columns = item.get("columns") or []
        if not columns:
            problems["columns"] = _("A table question needs columns.")
        for column in columns:
            if column.get("kind") not in calc.COLUMN_KINDS:
                problems["columns"] = _("Column %(column)s has kind %(kind)r.") % {
                    "column": column.get("key"),
                    "kind": column.get("kind"),
                }
    condition = item.get("condition")
    if condition and condition.get("question") not in earlier:
        problems["condition"] = _(
            "Its condition must refer to an earlier question, not %(question)r."
        ) % {"question": condition.get("question")}
    if item.get("prefill", "") not in Prefill.values:
        problems["prefill"] = _("Unknown prefill %(prefill)r.") % {"prefill": item["prefill"]}
    return problems


def _check_question(item: dict[str, Any], earlier: dict[str, dict[str, Any]]) -> None:
    problems = question_problems(item, earlier)
    if problems:
        first = next(iter(problems.values()))
        raise ValidationError(
            _("Question %(key)s: %(problem)s") % {"key": item.get("key", "?"), "problem": first}
        )


@transaction.atomic
def create_survey(
    association: Organisation,
    year: int,
    kind: SurveyKind | str,
    definition: dict[str, Any],
    copied_from: Survey | None = None,
) -> Survey:
    """Create the survey ``definition`` describes; a faulty definition creates nothing."""
    survey = Survey.objects.create(
        association=association,
        year=year,
        kind=kind,
        title=definition["title"],
        introduction=definition.get("introduction", ""),
        requirements=definition.get("requirements", []),
        copied_from=copied_from,
    )
    seen: dict[str, dict[str, Any]] = {}
    for section_order, section_def in enumerate(definition["sections"]):
        section = Section.objects.create(
            survey=survey,
            key=section_def["key"],
            title=section_def["title"],
            description=section_def.get("description", ""),
            title_en=section_def.get("title_en", ""),
            description_en=section_def.get("description_en", ""),
            order=section_order,
        )
        for order, item in enumerate(section_def["questions"]):
            _check_question(item, seen)
            seen[item["key"]] = item
            condition = item.get("condition") or {}
            Question.objects.create(
                survey=survey,
                section=section,
                key=item["key"],
                order=order,
                condition_question=condition.get("question", ""),
                condition_value=condition.get("equals"),
                **{
                    field: item[field]
                    for field in QUESTION_FIELDS
                    if field in item and item[field] is not None
                },
            )
    _check_requirements(survey, seen)
    return survey


def _check_requirements(survey: Survey, questions: dict[str, dict[str, Any]]) -> None:
    for requirement in survey.requirement_specs():
        for check in requirement.checks:
            if check.question not in questions:
                raise ValidationError(
                    f"Requirement {requirement.key}: there is no question {check.question}."
                )


def definition_of(survey: Survey) -> dict[str, Any]:
    """The survey as a definition that :func:`create_survey` turns back into the same survey."""
    sections = []
    for section in survey.sections.prefetch_related("questions"):
        questions = []
        for question in section.questions.all():
            item: dict[str, Any] = {"key": question.key}
            item.update({field: getattr(question, field) for field in QUESTION_FIELDS})
            if question.condition_question:
                item["condition"] = {
                    "question": question.condition_question,
                    "equals": question.condition_value,
                }
            questions.append(item)
        sections.append(
            {
                "key": section.key,
                "title": section.title,
                "description": section.description,
                "title_en": section.title_en,
                "description_en": section.description_en,
                "questions": questions,
            }
        )
    return {
        "title": survey.title,
        "introduction": survey.introduction,
        "sections": sections,
        "requirements": survey.requirements,
    }


def copy_survey(survey: Survey, year: int, title: str | None = None) -> Survey:
    """A new year's survey with the same sections and questions (same keys, so answers compare
    across years), in draft, remembering where it was copied from."""
    definition = definition_of(survey)
    if title is None:
        title = survey.title.replace(str(survey.year), str(year))
    definition["title"] = title
    return create_survey(survey.association, year, survey.kind, definition, copied_from=survey)
