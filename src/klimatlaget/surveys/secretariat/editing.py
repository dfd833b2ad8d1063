"""Editing a survey's sections and questions (secretariat only).

Every edit works on the survey as a definition (see :mod:`klimatlaget.surveys.building`): the
change is made to a copy, the whole survey is checked with the rules ``create_survey`` uses
(plus a few the editor needs: slug keys unique in the survey, a condition value the earlier
question can have), and only then written, in one transaction, and recorded in the
association's change log.

Rules:

- While a survey is a draft ("being prepared") anything may change.
- Once it is open or closed only the **wording** may change: section titles and descriptions,
  question texts, help texts, units and the labels of choices and table columns. Everything
  else (keys, kinds, choice keys, columns, conditions, required, bounds, pre-filling, order,
  adding and removing) is refused, so that the answers already given stay valid.
- A question that other questions' conditions or a membership-test requirement depend on cannot
  be removed, and its key cannot change; the dependants are named.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, User, ensure_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import diff, record
from klimatlaget.audit.subjects import SURVEY
from klimatlaget.calc import surveys as calc
from klimatlaget.concurrency import check_version
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.building import create_survey, question_problems
from klimatlaget.surveys.models import (
    Question,
    Section,
    Survey,
    SurveyState,
    default_file_types,
)

Direction = Literal["up", "down"]

#: A question's fields that only wording changes leave alone (besides the choices' and
#: columns' keys, kinds and rules).
STRUCTURE_FIELDS = (
    "key",
    "kind",
    "required",
    "minimum",
    "maximum",
    "prefill",
    "max_rows",
    "max_file_bytes",
    "file_types",
    "condition",
)

#: What a new question has unless told otherwise (the model's defaults).
DEFAULTS: dict[str, Any] = {
    "help_text": "",
    "text_en": "",
    "help_text_en": "",
    "required": False,
    "unit": "",
    "minimum": None,
    "maximum": None,
    "choices": [],
    "columns": [],
    "prefill": "",
    "max_rows": calc.questions.DEFAULT_MAX_ROWS,
    "max_file_bytes": calc.questions.DEFAULT_MAX_FILE_BYTES,
    "condition": None,
}

KEY_LENGTH = 80
SECTION_KEY_LENGTH = 60

Layout = list[dict[str, Any]]


# Reading the survey ------------------------------------------------------------------------


def layout_of(survey: Survey) -> Layout:
    """The survey's sections with their questions as definition items, each with its ``pk``."""
    sections = []
    for section in survey.sections.prefetch_related("questions"):
        questions = [_item(question) for question in section.questions.all()]
        sections.append(
            {
                "pk": section.pk,
                "key": section.key,
                "title": section.title,
                "description": section.description,
                "title_en": section.title_en,
                "description_en": section.description_en,
                "questions": questions,
            }
        )
    return sections


def _item(question: Question) -> dict[str, Any]:
    item: dict[str, Any] = {"pk": question.pk, "key": question.key, "text": question.text}
    for field in DEFAULTS:
        if field != "condition":
            item[field] = getattr(question, field)
    item["kind"] = question.kind
    item["file_types"] = list(question.file_types)
    item["condition"] = (
        {"question": question.condition_question, "equals": question.condition_value}
        if question.condition_question
        else None
    )
    return item


def public(item: dict[str, Any]) -> dict[str, Any]:
    """A question or section item without the database id, as the API shows it."""
    return {key: value for key, value in item.items() if key != "pk"}


def questions_in_order(layout: Layout) -> list[dict[str, Any]]:
    return [question for section in layout for question in section["questions"]]


def find_question(layout: Layout, key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The section and question with ``key``; a ValidationError if there is none."""
    for section in layout:
        for question in section["questions"]:
            if question["key"] == key:
                return section, question
    raise ValidationError({"key": _("There is no question %(key)s.") % {"key": key}})


def find_section(layout: Layout, key: str) -> dict[str, Any]:
    for section in layout:
        if section["key"] == key:
            return section
    raise ValidationError({"section": _("There is no section %(key)s.") % {"key": key}})


def dependants(survey: Survey, layout: Layout, key: str) -> list[str]:
    """What depends on question ``key``: questions whose condition refers to it and
    membership-test requirements that check it, as readable names."""
    names = [
        _("question %(key)s") % {"key": question["key"]}
        for question in questions_in_order(layout)
        if (question.get("condition") or {}).get("question") == key
    ]
    names += [
        _("requirement %(key)s") % {"key": requirement.get("key")}
        for requirement in survey.requirements
        if any(check.get("question") == key for check in requirement.get("checks", []))
    ]
    return names


# Checking ----------------------------------------------------------------------------------


def _key_problem(key: Any, taken: set[str], length: int) -> str | None:
    if not isinstance(key, str) or not key:
        return _("Give a key.")
    try:
        validate_slug(key)
    except ValidationError:
        return _("A key may contain only letters a–z, digits, hyphens and underscores.")
    if len(key) > length:
        return _("A key may be at most %(n)s characters.") % {"n": length}
    if key in taken:
        return _("The key %(key)s is already used in this survey.") % {"key": key}
    return None


def _choices_problem(choices: list[dict[str, Any]], what: str) -> str | None:
    keys = [choice.get("key") for choice in choices]
    for choice in choices:
        problem = _key_problem(choice.get("key"), set(), KEY_LENGTH)
        if problem:
            return f"{what}: {problem}"
        if not str(choice.get("label", "")).strip():
            return _("%(what)s: the option %(key)s needs a label.") % {
                "what": what,
                "key": choice.get("key"),
            }
    duplicates = sorted({str(key) for key in keys if keys.count(key) > 1})
    if duplicates:
        return _("%(what)s: the key %(key)s appears twice.") % {"what": what, "key": duplicates[0]}
    return None


def _columns_problem(columns: list[dict[str, Any]]) -> str | None:
    keys = [column.get("key") for column in columns]
    for column in columns:
        problem = _key_problem(column.get("key"), set(), KEY_LENGTH)
        if problem:
            return _("Column %(column)s: %(problem)s") % {
                "column": column.get("key"),
                "problem": problem,
            }
        if not str(column.get("label", "")).strip():
            return _("Column %(column)s needs a label.") % {"column": column.get("key")}
        problem = _choices_problem(
            column.get("choices") or [], _("Column %(c)s") % {"c": column.get("key")}
        )
        if problem:
            return problem
        if column.get("kind") == "single_choice" and not column.get("choices"):
            return _("Column %(column)s is a choice and needs choices.") % {
                "column": column.get("key")
            }
    duplicates = sorted({str(key) for key in keys if keys.count(key) > 1})
    if duplicates:
        return _("The column %(column)s appears twice.") % {"column": duplicates[0]}
    return None


def _condition_problem(item: dict[str, Any], earlier: dict[str, dict[str, Any]]) -> str | None:
    """The condition's value must be one the earlier question can have."""
    condition = item.get("condition")
    if not condition or condition.get("question") not in earlier:
        return None  # none, or the shared rules already name the problem
    source = earlier[condition["question"]]
    equals = condition.get("equals")
    if source["kind"] == "yes_no":
        if not isinstance(equals, bool):
            return _("The question %(key)s is answered yes or no; the condition must be one.") % {
                "key": source["key"]
            }
        return None
    if source["kind"] in ("single_choice", "multiple_choice"):
        keys = [choice["key"] for choice in source.get("choices", [])]
        if equals not in keys:
            return _("The condition must be one of the options of %(key)s: %(keys)s.") % {
                "key": source["key"],
                "keys": ", ".join(keys),
            }
        return None
    return _("A condition can refer only to a yes/no or choice question; %(key)s is not.") % {
        "key": source["key"]
    }


def item_problems(
    item: dict[str, Any], earlier: dict[str, dict[str, Any]], taken: set[str]
) -> dict[str, str]:
    """Everything wrong with one question, by field. ``taken``: the other questions' keys."""
    problems = question_problems(item, earlier)
    problems.pop("key", None)  # said better below
    key_problem = _key_problem(item.get("key"), taken, KEY_LENGTH)
    if key_problem:
        problems["key"] = key_problem
    if not str(item.get("text", "")).strip():
        problems["text"] = _("Write the question.")
    minimum, maximum = item.get("minimum"), item.get("maximum")
    if minimum is not None and maximum is not None and minimum > maximum:
        problems["maximum"] = _("The maximum must not be less than the minimum.")
    if "choices" not in problems:
        choices_problem = _choices_problem(item.get("choices") or [], _("Choices"))
        if choices_problem:
            problems["choices"] = choices_problem
    if "columns" not in problems:
        columns_problem = _columns_problem(item.get("columns") or [])
        if columns_problem:
            problems["columns"] = columns_problem
    if "condition" not in problems:
        condition_problem = _condition_problem(item, earlier)
        if condition_problem:
            problems["condition"] = condition_problem
    if not item.get("max_rows") or item["max_rows"] < 1:
        problems["max_rows"] = _("A table needs room for at least one row.")
    if not item.get("max_file_bytes") or item["max_file_bytes"] < 1:
        problems["max_file_bytes"] = _("The largest file must be larger than nothing.")
    return problems


def check_layout(survey: Survey, layout: Layout, edited: dict[str, Any] | None = None) -> None:
    """Refuse ``layout`` if any question or section breaks a rule. Problems of the ``edited``
    question are by field; the rest name their question (a key the edited question took from
    another is said once, on the edited one)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    section_keys: set[str] = set()
    for section in layout:
        problem = _key_problem(section["key"], section_keys, SECTION_KEY_LENGTH)
        if problem:
            add(
                NON_FIELD_ERRORS,
                _("Section %(key)s: %(p)s") % {"key": section["key"], "p": problem},
            )
        if not str(section.get("title", "")).strip():
            add(NON_FIELD_ERRORS, _("Section %(key)s needs a title.") % {"key": section["key"]})
        section_keys.add(section["key"])
    all_keys = [question["key"] for question in questions_in_order(layout)]
    earlier: dict[str, dict[str, Any]] = {}
    for position, question in enumerate(questions_in_order(layout)):
        taken = set(all_keys[:position] + all_keys[position + 1 :])
        problems = item_problems(question, earlier, taken)
        if question is not edited and edited and edited.get("key") == question["key"]:
            problems.pop("key", None)
        for field, message in problems.items():
            if question is edited:
                add(field, message)
            else:
                add(
                    NON_FIELD_ERRORS,
                    _("Question %(key)s: %(problem)s")
                    % {"key": question["key"], "problem": message},
                )
        earlier[question["key"]] = question
    for requirement in survey.requirements:
        for check in requirement.get("checks", []):
            if check.get("question") not in earlier:
                add(
                    NON_FIELD_ERRORS,
                    _("Requirement %(key)s checks the question %(question)s, which is missing.")
                    % {"key": requirement.get("key"), "question": check.get("question")},
                )
    if errors:
        raise ValidationError(errors)


def _structure(layout: Layout) -> list[Any]:
    """What only a draft may change: everything but the wording."""
    return [
        (section.get("pk"), section["key"], [_question_structure(q) for q in section["questions"]])
        for section in layout
    ]


def _question_structure(item: dict[str, Any]) -> dict[str, Any]:
    shape = {field: item.get(field) for field in STRUCTURE_FIELDS}
    shape["pk"] = item.get("pk")
    shape["choices"] = [choice.get("key") for choice in item.get("choices") or []]
    shape["columns"] = [
        {
            **{k: v for k, v in column.items() if k not in ("label", "unit", "choices")},
            "choices": [choice.get("key") for choice in column.get("choices") or []],
        }
        for column in item.get("columns") or []
    ]
    return shape


def _ensure_wording_only(survey: Survey, before: Layout, after: Layout) -> None:
    if survey.state == SurveyState.DRAFT or _structure(before) == _structure(after):
        return
    raise ValidationError(
        _(
            "The survey is %(state)s: only the wording of its sections and questions can change "
            "(titles, texts, help texts, units and labels), so that the answers already given "
            "stay valid. Keys, kinds, options, columns, conditions, order and adding or removing "
            "can change only while the survey is being prepared."
        )
        % {"state": SurveyState(survey.state).label.lower()}
    )


# Writing -----------------------------------------------------------------------------------


def _locked(
    user: User, survey: Survey, version: Any = None, edited: str | None = None
) -> tuple[Survey, Layout]:
    """The survey, locked, and its layout; refused (StaleVersion) when the ``edited`` section
    or question (see :func:`part`) changed after ``version`` (when given)."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, survey.association)
    locked = Survey.objects.select_for_update().select_related("association").get(pk=survey.pk)
    if edited is not None:
        check_version(locked, version, [edited])
    return locked, layout_of(locked)


def part(kind: Literal["section", "question"], key: str) -> str:
    """How a section or question is named in the survey's versions."""
    return f"{kind}:{key}"


def _changed(survey: Survey, *parts: str) -> None:
    survey.save(update_fields=survey.bump(parts))


def _write(
    survey: Survey, before: Layout, after: Layout, edited: dict[str, Any] | None = None
) -> None:
    """Check ``after`` and make the database say it: removed rows first (their keys may be
    reused), then changed and new ones in order."""
    _ensure_wording_only(survey, before, after)
    check_layout(survey, after, edited)
    kept_sections = {s["pk"] for s in after if s.get("pk")}
    kept_questions = {q["pk"] for q in questions_in_order(after) if q.get("pk")}
    Question.objects.filter(survey=survey).exclude(pk__in=kept_questions).delete()
    Section.objects.filter(survey=survey).exclude(pk__in=kept_sections).delete()
    for section_order, section_item in enumerate(after):
        section = _save_section(survey, section_item, section_order)
        for order, item in enumerate(section_item["questions"]):
            _save_question(survey, section, item, order)


def _save_section(survey: Survey, item: dict[str, Any], order: int) -> Section:
    fields = {
        "key": item["key"],
        "title": item["title"].strip(),
        "description": item.get("description", "").strip(),
        "title_en": (item.get("title_en") or "").strip(),
        "description_en": (item.get("description_en") or "").strip(),
        "order": order,
    }
    if item.get("pk"):
        Section.objects.filter(pk=item["pk"]).update(**fields)
        return Section.objects.get(pk=item["pk"])
    section = Section.objects.create(survey=survey, **fields)
    item["pk"] = section.pk
    return section


def _save_question(survey: Survey, section: Section, item: dict[str, Any], order: int) -> None:
    condition = item.get("condition") or {}
    fields = {
        "section": section,
        "order": order,
        "key": item["key"],
        "kind": item["kind"],
        "text": item["text"].strip(),
        "help_text": item.get("help_text", "").strip(),
        "text_en": (item.get("text_en") or "").strip(),
        "help_text_en": (item.get("help_text_en") or "").strip(),
        "required": bool(item.get("required")),
        "unit": item.get("unit", "").strip(),
        "minimum": item.get("minimum"),
        "maximum": item.get("maximum"),
        "choices": item.get("choices") or [],
        "columns": item.get("columns") or [],
        "prefill": item.get("prefill", ""),
        "max_rows": item["max_rows"],
        "max_file_bytes": item["max_file_bytes"],
        "file_types": item.get("file_types") or default_file_types(),
        "condition_question": condition.get("question", ""),
        "condition_value": condition.get("equals"),
    }
    if item.get("pk"):
        Question.objects.filter(pk=item["pk"]).update(**fields)
    else:
        item["pk"] = Question.objects.create(survey=survey, **fields).pk


def _record(
    user: User, survey: Survey, action: str, changes: dict[str, Any], **params: Any
) -> None:
    """Record an edit of the survey; the message is the action's, with ``params``."""
    record(
        actor=user,
        action=f"klimatlaget.survey.{action}",
        subject=SURVEY,
        subject_id=survey.pk,
        organisation=survey.association,
        changes={"survey": [survey.pk, survey.pk], **changes},
        summary=says(action, survey=survey.title, **params),
    )


def complete(item: dict[str, Any]) -> dict[str, Any]:
    """A new question's item with the defaults for what it does not say."""
    full = {**DEFAULTS, "file_types": default_file_types(), **item}
    for field in ("help_text", "text_en", "help_text_en", "unit", "prefill"):
        if full[field] is None:
            full[field] = ""
    full["choices"] = full["choices"] or []
    full["columns"] = full["columns"] or []
    return full


@transaction.atomic
def add_question(
    user: User, survey: Survey, section_key: str, item: dict[str, Any], position: int | None = None
) -> dict[str, Any]:
    """Add a question to the section (at the end, or at ``position`` within it)."""
    survey, before = _locked(user, survey)
    after = copy.deepcopy(before)
    section = find_section(after, section_key)
    new = complete({k: v for k, v in item.items() if k not in ("pk", "section")})
    questions = section["questions"]
    questions.insert(len(questions) if position is None else max(0, position), new)
    _write(survey, before, after, edited=new)
    _changed(survey, part("question", new["key"]))
    _record(
        user,
        survey,
        "question_added",
        {
            "question": [None, new["key"]],
            "section": [None, section_key],
            "kind": [None, new["kind"]],
        },
        key=new["key"],
        label=new.get("text", "")[:100],
    )
    return new


@transaction.atomic
def change_question(
    user: User, survey: Survey, key: str, changes: dict[str, Any]
) -> dict[str, Any]:
    """Change the question's fields given in ``changes`` (definition fields; ``section``
    moves it to the end of another section; ``version``: the survey's version the change was
    made to). Returns the question as it now is."""
    version = changes.get("version")
    survey, before = _locked(user, survey, version, part("question", key))
    after = copy.deepcopy(before)
    section, question = find_question(after, key)
    old = dict(question)
    target = changes.get("section")
    question.update({k: v for k, v in changes.items() if k not in ("pk", "section", "version")})
    new_key = question.get("key")
    if new_key != key:
        _refuse_with_dependants(survey, before, key, _("Its key cannot change"))
    if target and target != section["key"]:
        section["questions"].remove(question)
        find_section(after, target)["questions"].append(question)
    _write(survey, before, after, edited=question)
    changed = diff(public(old), public(question))
    if target and target != section["key"]:
        changed["section"] = [section["key"], target]
    if changed:
        _changed(survey, part("question", key), part("question", question["key"]))
        _record(user, survey, "question_changed", changed, key=key, label=question["text"][:100])
    return question


def _refuse_with_dependants(survey: Survey, layout: Layout, key: str, what: str) -> None:
    names = dependants(survey, layout, key)
    if names:
        raise ValidationError(
            {
                "key": _("%(what)s: %(names)s depend on the question %(key)s.")
                % {"what": what, "names": ", ".join(names), "key": key}
            }
        )


@transaction.atomic
def remove_question(user: User, survey: Survey, key: str, version: Any = None) -> None:
    """Remove a question of a draft survey that nothing depends on (unless it changed after
    ``version``)."""
    survey, before = _locked(user, survey, version, part("question", key))
    after = copy.deepcopy(before)
    section, question = find_question(after, key)
    _ensure_wording_only(survey, before, [])  # removing is structure
    _refuse_with_dependants(survey, before, key, _("The question cannot be removed"))
    section["questions"].remove(question)
    _write(survey, before, after)
    _changed(survey, part("question", key))
    _record(
        user,
        survey,
        "question_removed",
        {"question": [key, None]},
        key=key,
        label=question["text"][:100],
    )


@transaction.atomic
def move_question(user: User, survey: Survey, key: str, direction: Direction) -> None:
    """Move a question one place up or down within its section (a draft survey's)."""
    survey, before = _locked(user, survey)
    after = copy.deepcopy(before)
    section, question = find_question(after, key)
    questions = section["questions"]
    index = questions.index(question)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(questions):
        raise ValidationError(_("The question is already first or last in its section."))
    questions[index], questions[other] = questions[other], questions[index]
    _write(survey, before, after)
    _changed(survey, part("question", key))
    _record(
        user,
        survey,
        "question_moved",
        {"position": [index + 1, other + 1]},
        key=key,
        label=question["text"][:100],
        direction=direction,
    )


@transaction.atomic
def add_section(user: User, survey: Survey, item: dict[str, Any]) -> dict[str, Any]:
    """Add a section at the end (a draft survey's)."""
    survey, before = _locked(user, survey)
    after = copy.deepcopy(before)
    new = {
        "key": item.get("key", ""),
        "title": item.get("title", ""),
        "description": item.get("description") or "",
        "title_en": item.get("title_en") or "",
        "description_en": item.get("description_en") or "",
        "questions": [],
    }
    after.append(new)
    _check_section(after, new)
    _write(survey, before, after)
    _changed(survey, part("section", new["key"]))
    _record(
        user,
        survey,
        "section_added",
        {"section": [None, new["key"]]},
        key=new["key"],
        label=new["title"],
    )
    return new


def _check_section(layout: Layout, section: dict[str, Any]) -> None:
    """Field errors for the edited section (the layout check names the rest)."""
    others = {s["key"] for s in layout if s is not section}
    problems: dict[str, str] = {}
    problem = _key_problem(section["key"], others, SECTION_KEY_LENGTH)
    if problem:
        problems["key"] = problem
    if not str(section.get("title", "")).strip():
        problems["title"] = _("Give the section a title.")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def change_section(user: User, survey: Survey, key: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Change a section's title, description or (in a draft) key, as of the survey's
    ``changes["version"]`` (when given)."""
    survey, before = _locked(user, survey, changes.get("version"), part("section", key))
    after = copy.deepcopy(before)
    section = find_section(after, key)
    old = {
        k: section.get(k, "") for k in ("key", "title", "description", "title_en", "description_en")
    }
    section.update({k: v for k, v in changes.items() if k in old and v is not None})
    _check_section(after, section)
    _write(survey, before, after)
    changed = diff(old, {k: section[k] for k in old})
    if changed:
        _changed(survey, part("section", key), part("section", section["key"]))
        _record(user, survey, "section_changed", changed, key=key, label=section["title"])
    return section


@transaction.atomic
def remove_section(user: User, survey: Survey, key: str, version: Any = None) -> list[str]:
    """Remove a section: an empty one at any time, one with questions (removed with it) only
    from a draft and only if nothing outside it depends on them (and not when it changed after
    ``version``). Returns the questions removed."""
    survey, before = _locked(user, survey, version, part("section", key))
    after = copy.deepcopy(before)
    section = find_section(after, key)
    removed = [question["key"] for question in section["questions"]]
    if removed:
        _ensure_wording_only(survey, before, [])
    after.remove(section)
    for question_key in removed:
        names = [
            name
            for name in dependants(survey, before, question_key)
            if not any(name == _("question %(key)s") % {"key": k} for k in removed)
        ]
        if names:
            raise ValidationError(
                _("The section cannot be removed: %(names)s depend on its question %(key)s.")
                % {"names": ", ".join(names), "key": question_key}
            )
    if removed:
        _write(survey, before, after)
    else:
        _remove_empty(survey, section)
    _changed(survey, part("section", key), *(part("question", k) for k in removed))
    _record(
        user,
        survey,
        "section_removed",
        {"section": [key, None], "questions": [removed, None]},
        key=key,
        label=section["title"],
    )
    return removed


def _remove_empty(survey: Survey, section: dict[str, Any]) -> None:
    """An empty section goes without the structure rule: no answer can belong to it."""
    Section.objects.filter(survey=survey, pk=section["pk"]).delete()


@transaction.atomic
def move_section(user: User, survey: Survey, key: str, direction: Direction) -> None:
    survey, before = _locked(user, survey)
    after = copy.deepcopy(before)
    section = find_section(after, key)
    index = after.index(section)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(after):
        raise ValidationError(_("The section is already first or last."))
    after[index], after[other] = after[other], after[index]
    _write(survey, before, after)
    _changed(survey, part("section", key))
    _record(
        user,
        survey,
        "section_moved",
        {"position": [index + 1, other + 1]},
        key=key,
        label=section["title"],
        direction=direction,
    )


# A survey from a posted definition ---------------------------------------------------------


def _definition_problem(definition: Any) -> str | None:
    """The shape create_survey needs; the rules for the questions are its own."""
    if not isinstance(definition, dict):
        return _("The definition must be an object.")
    if not str(definition.get("title") or "").strip():
        return _("The definition needs a title.")
    sections = definition.get("sections")
    if not isinstance(sections, list) or not sections:
        return _("The definition needs a list of sections.")
    section_keys: set[str] = set()
    for number, section in enumerate(sections, start=1):
        if not isinstance(section, dict) or not isinstance(section.get("questions"), list):
            return _("Section %(n)s needs a key, a title and a list of questions.") % {"n": number}
        problem = _key_problem(section.get("key"), section_keys, SECTION_KEY_LENGTH) or (
            None if str(section.get("title") or "").strip() else _("Give the section a title.")
        )
        if problem:
            return _("Section %(n)s: %(p)s") % {"n": number, "p": problem}
        section_keys.add(section["key"])
        for question in section["questions"]:
            if (
                not isinstance(question, dict)
                or not question.get("key")
                or not question.get("text")
            ):
                return _("Section %(key)s: every question needs a key and a text.") % {
                    "key": section["key"]
                }
    return None


def build_from_definition(
    association: Organisation, year: int, kind: str, definition: Any
) -> Survey:
    """A new survey from a posted definition, checked by the editor's rules; a faulty one
    creates nothing (the caller's transaction is rolled back)."""
    problem = _definition_problem(definition)
    if problem:
        raise ValidationError({"definition": problem})
    try:
        survey = create_survey(association, year, kind, definition)
        check_layout(survey, layout_of(survey))
    except ValidationError as error:
        raise ValidationError({"definition": error.messages}) from error
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(
            {"definition": _("The definition has a value of the wrong form: %(e)s") % {"e": error}}
        ) from error
    return survey


__all__ = [
    "add_question",
    "add_section",
    "build_from_definition",
    "change_question",
    "change_section",
    "layout_of",
    "move_question",
    "move_section",
    "remove_question",
    "remove_section",
]
