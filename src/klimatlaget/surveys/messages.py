"""Translated texts of the survey calculations' problems (see calc.surveys.answers.MESSAGES)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimatlaget.calc.surveys import MESSAGES, AnswerProblem

_TEXTS = {
    "not_yes_no": gettext_lazy("Answer yes or no, got {value}."),
    "unknown_choice": gettext_lazy("{value} is not one of the options ({options})."),
    "not_a_number": gettext_lazy("Give a number, got {value}."),
    "below_minimum": gettext_lazy("The number must be at least {minimum}, got {value}."),
    "above_maximum": gettext_lazy("The number must be at most {maximum}, got {value}."),
    "not_a_year": gettext_lazy("Give a year between {low} and {high}, got {value}."),
    "text_too_long": gettext_lazy(
        "The text is {length} characters long; at most {limit} are allowed."
    ),
    "not_a_link": gettext_lazy(
        "Give a web address starting with http:// or https://, got {value}."
    ),
    "file_too_large": gettext_lazy("The file is {size} bytes; at most {limit} bytes are allowed."),
    "file_type": gettext_lazy("Files of type {type} are not accepted; allowed: {types}."),
    "not_a_table": gettext_lazy("A table answer is a list of rows."),
    "too_many_rows": gettext_lazy("At most {limit} rows are allowed, got {count}."),
    "unknown_column": gettext_lazy("There is no column {value}."),
    "required": gettext_lazy("This question must be answered."),
    "required_cell": gettext_lazy("Row {row}: {column} must be filled in."),
}
assert set(_TEXTS) == set(MESSAGES), "every problem needs a translatable text"


def problem_text(problem: AnswerProblem) -> str:
    """The problem in the user's language; a table problem names its row and column."""
    text = str(_TEXTS[problem.code]).format(**problem.params)
    if problem.row is not None and problem.code != "required_cell":
        where = _("Row %(row)s") % {"row": problem.row}
        if problem.column:
            where += f", {problem.column}"
        text = f"{where}: {text}"
    return text
