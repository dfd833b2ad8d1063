"""Pre-filling a new response from what the platform already knows, so a member reports once:
last year's answer to the same question (same key), or the platform's own data for questions
that name a source (:class:`~klimatlaget.surveys.models.Prefill`). Pre-filled answers start
unconfirmed; the member confirms or corrects them before submitting."""

from typing import Any

from klimatlaget.accounts.permissions import User
from klimatlaget.surveys.models import Answer, AnswerSource, Response, Survey


def last_years_answers(response: Response) -> dict[str, Any]:
    """The member's answers to the survey this one was copied from (or the same kind's survey
    of the year before), by question key."""
    survey = response.survey
    earlier = survey.copied_from or (
        Survey.objects.filter(
            association=survey.association, kind=survey.kind, year__lt=survey.year
        )
        .order_by("-year")
        .first()
    )
    if earlier is None:
        return {}
    return {
        key: value
        for key, value in Answer.objects.filter(
            response__survey=earlier, response__member=response.member, value__isnull=False
        ).values_list("question__key", "value")
        if value is not None and not isinstance(value, dict)  # a file is not carried over
    }


def prefill(response: Response, user: User) -> int:
    """Create the pre-filled answers of a new response; returns how many."""
    from klimatlaget.surveys.platform_data import platform_answers

    earlier = last_years_answers(response)
    platform = platform_answers(response)
    answers = []
    for question in response.survey.questions.all():
        if question.key in platform:
            value, source = platform[question.key], AnswerSource.PLATFORM
        elif question.key in earlier:
            value, source = earlier[question.key], AnswerSource.LAST_YEAR
        else:
            continue
        answers.append(
            Answer(
                response=response, question=question, value=value, source=source, confirmed=False
            )
        )
    Answer.objects.bulk_create(answers)
    return len(answers)
