"""Surveys of an association's members: the annual survey "Klimatläget" and the membership
test, their sections and questions, and each member's response with its answers.

A question's ``key`` is its identity across years: copying a survey to a new year keeps the
keys, so answers compare year by year. The rules for reading answers live in
:mod:`klimatlaget.calc.surveys`; :meth:`Question.spec` hands them a question.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from klimatlaget.calc import surveys as calc
from klimatlaget.concurrency import Versioned
from klimatlaget.organisations.models import Organisation, OrganisationKind


class SurveyKind(models.TextChoices):
    KLIMATLAGET = "klimatlaget", _("Klimatläget (annual survey)")
    MEMBERSHIP_TEST = "membership_test", _("Membership test")


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class Survey(Versioned):
    association = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="surveys",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=SurveyKind.choices)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SurveyState.choices, default=SurveyState.DRAFT
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    #: Membership test only: ``[{"key", "text", "checks": [{"question", "kind", "value"}]}]``
    #: (see :class:`klimatlaget.calc.surveys.Requirement`).
    requirements = models.JSONField(_("requirements"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["association", "-year", "kind"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "kind"], name="one_survey_per_kind_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.association})"

    def current_values(self, fields: Iterable[str]) -> dict[str, Any]:
        """Settings by field name; sections and questions (``section:key``, ``question:key``)
        with their wording, None when removed."""
        values: dict[str, Any] = {}
        for field in fields:
            kind, _colon, key = field.partition(":")
            if kind == "section":
                values[field] = self.sections.filter(key=key).values("title", "description").first()
            elif kind == "question":
                wording = ("kind", "text", "help_text", "required")
                values[field] = self.questions.filter(key=key).values(*wording).first()
            else:
                values.update(super().current_values([field]))
        return values

    @property
    def is_overdue(self) -> bool:
        """Still open although its deadline has passed: members may still answer, but the
        secretariat should remind the late ones or close the survey."""
        return (
            self.state == SurveyState.OPEN
            and self.deadline is not None
            and self.deadline < timezone.localdate()
        )

    def requirement_specs(self) -> list[calc.Requirement]:
        return [
            calc.Requirement(
                key=item["key"],
                text=item["text"],
                checks=tuple(
                    calc.Check(
                        question=check["question"],
                        kind=calc.CheckKind(check.get("kind", "yes")),
                        value=check.get("value"),
                    )
                    for check in item["checks"]
                ),
            )
            for item in self.requirements
        ]


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["survey", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="section_key_unique_in_survey")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_title(self) -> str:
        """The title in the reader's language (English when given, else the Swedish)."""
        return in_language(self.title, self.title_en)

    @property
    def shown_description(self) -> str:
        return in_language(self.description, self.description_en)


class Prefill(models.TextChoices):
    """Where a question's answer is pre-filled from, besides last year's answer."""

    NONE = "", _("Nothing but last year's answer")
    TARGET_COUNT = "target_count", _("Number of registered targets")
    TARGET_SUMMARY = "target_summary", _("Registered targets")
    PARIS_VERDICT = "paris_verdict", _("Paris verdict of the registered targets")
    EMISSIONS_LATEST = "emissions_latest", _("Latest emissions (t CO2e)")
    EMISSIONS_CHANGE_1990 = "emissions_change_1990", _("Change in emissions since 1990 (%)")
    EMISSIONS_INVENTORIED = "emissions_inventoried", _("Emissions are in the national database")
    ACTION_PLAN = "action_plan", _("Status of the registered action plan")
    ACTION_PLAN_YEAR = "action_plan_year", _("Year the action plan in force was adopted")
    ACTION_PLAN_LINK = "action_plan_link", _("Address of the action plan in force")
    MEASURES_CARRIED_OUT = "measures_carried_out", _("Measures are carried out")
    MEASURES_SUMMARY = "measures_summary", _("List of the measures carried out")
    FOLLOW_UP_REGULAR = "follow_up_regular", _("An approved follow-up in the last 15 months")


def default_file_types() -> list[str]:
    return list(calc.questions.DEFAULT_FILE_TYPES)


#: The kinds of question by name, for people.
KIND_LABELS = {
    "yes_no": _("Yes or no"),
    "single_choice": _("One of several options"),
    "multiple_choice": _("Several options"),
    "number": _("Number"),
    "year": _("Year"),
    "text": _("Text"),
    "link": _("Link"),
    "file": _("File"),
    "table": _("Table"),
}


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(
        _("key"),
        max_length=80,
        help_text=_("The question's identity; kept when the survey is copied to a new year."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(
        _("kind"), max_length=20, choices=[(k.value, k.value) for k in calc.QuestionKind]
    )
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    text_en = models.TextField(_("question in English"), blank=True)
    help_text_en = models.TextField(_("help text in English"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    minimum = models.FloatField(_("minimum"), null=True, blank=True)
    maximum = models.FloatField(_("maximum"), null=True, blank=True)
    #: ``[{"key", "label"}]`` for choice questions.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    #: ``[{"key", "label", "kind", "required", "choices", "unit", "minimum", "maximum"}]``.
    columns = models.JSONField(_("columns"), default=list, blank=True)
    max_rows = models.PositiveSmallIntegerField(
        _("most rows"), default=calc.questions.DEFAULT_MAX_ROWS
    )
    max_file_bytes = models.PositiveIntegerField(
        _("largest file (bytes)"), default=calc.questions.DEFAULT_MAX_FILE_BYTES
    )
    file_types = models.JSONField(_("file types"), default=default_file_types, blank=True)
    condition_question = models.SlugField(_("shown only if question"), max_length=80, blank=True)
    condition_value = models.JSONField(_("is answered"), null=True, blank=True)
    prefill = models.CharField(
        _("pre-filled from"), max_length=30, choices=Prefill.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["survey", "section__order", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="question_key_unique_in_survey")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.text[:60]}"

    @property
    def shown_help_text(self) -> str:
        """The help text in the reader's language (English when given, else the Swedish)."""
        return in_language(self.help_text, self.help_text_en)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    def spec(self) -> calc.Question:
        return calc.Question(
            key=self.key,
            kind=calc.QuestionKind(self.kind),
            text=in_language(self.text, self.text_en),
            required=self.required,
            choices=_choices(self.choices),
            unit=self.unit,
            minimum=self.minimum,
            maximum=self.maximum,
            condition=(
                calc.Condition(self.condition_question, self.condition_value)
                if self.condition_question
                else None
            ),
            columns=tuple(
                calc.Column(
                    key=column["key"],
                    label=in_language(column["label"], column.get("label_en", "")),
                    kind=calc.QuestionKind(column["kind"]),
                    required=bool(column.get("required", False)),
                    choices=_choices(column.get("choices", [])),
                    unit=column.get("unit", ""),
                    minimum=column.get("minimum"),
                    maximum=column.get("maximum"),
                )
                for column in self.columns
            ),
            max_rows=self.max_rows,
            max_file_bytes=self.max_file_bytes,
            file_types=tuple(self.file_types),
        )


def _choices(items: list[dict[str, Any]]) -> tuple[calc.Choice, ...]:
    return tuple(
        calc.Choice(item["key"], in_language(item["label"], item.get("label_en", "")))
        for item in items
    )


def in_language(swedish: str, english: str) -> str:
    """A survey's text in the reader's language: its English text on English pages when the
    secretariat gave one, else the Swedish (the survey's own language)."""
    if english and (get_language() or "").startswith("en"):
        return english
    return swedish


class ResponseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    APPROVED = "approved", _("Approved")


#: Statuses in which the member may still change its answers.
EDITABLE_STATUSES = frozenset(
    {ResponseStatus.NOT_STARTED, ResponseStatus.IN_PROGRESS, ResponseStatus.RETURNED}
)


class Response(Versioned):
    """One member's response to one survey. ``version`` grows with every saved change, so a
    stale draft, workbook or second click on "submit" is recognised; ``changed_in`` has the
    answers by question key, and the status and comment by field name."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    member = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="survey_responses"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ResponseStatus.choices,
        default=ResponseStatus.NOT_STARTED,
    )
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("comment from the secretariat"), blank=True)

    class Meta:
        ordering = ["survey", "member__name"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "member"], name="one_response_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.survey}"

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES and self.survey.state == SurveyState.OPEN

    def current_values(self, fields: Iterable[str]) -> dict[str, Any]:
        """The status and comment by field name, the answers by question key."""
        wanted = set(fields)
        values = super().current_values(wanted & set(REVIEW_FIELDS))
        answers = self.answers.filter(question__key__in=wanted - set(REVIEW_FIELDS))
        values.update(answers.values_list("question__key", "value"))
        return {key: values.get(key) for key in sorted(wanted)}


#: The fields of a response that its review changes (the rest of it is its answers).
REVIEW_FIELDS = ("status", "review_comment")


class AnswerSource(models.TextChoices):
    MEMBER = "", _("Given by the member")
    LAST_YEAR = "last_year", _("Last year's answer")
    PLATFORM = "platform", _("The platform's data")


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    #: The canonical answer (see :mod:`klimatlaget.calc.surveys.questions`); None: unanswered.
    value = models.JSONField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=AnswerSource.choices, blank=True, default="")
    #: A pre-filled answer counts once the member has confirmed or corrected it.
    confirmed = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["response", "question__section__order", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question.key} = {self.value!r}"


class AnswerFile(models.Model):
    """An uploaded file answer, kept in the database so that it is saved (or not) in the same
    transaction as the answer and served only through permission-checked views."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="file")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class DispatchKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    REMINDER = "reminder", _("Reminder")


class Dispatch(models.Model):
    """An invitation or reminder e-mailed to a member's contacts."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="dispatches")
    member = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=DispatchKind.choices)
    recipients = models.JSONField(default=list)
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["survey", "-sent_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.member}"


class PublishedFigureKind(models.TextChoices):
    """What a published headline figure counts. ``key`` names the verdict, section or question
    where the kind needs one."""

    RESPONDENTS = "respondents", _("Members who answered")
    MEMBERS = "members", _("Members in the year")
    CHANGE_SINCE_1990 = "change_since_1990", _("Average change in emissions since 1990 (%)")
    VERDICT = "verdict", _("Members by Paris verdict")
    SECTION_ANSWERED = "section_answered", _("Members who answered a theme")
    QUESTION_YES = "question_yes", _("Members answering yes to a question")
    QUESTION_ANSWERED = "question_answered", _("Members answering a question")


#: Kinds that name a verdict, section or question in ``key``.
KEYED_FIGURES = frozenset(
    {
        PublishedFigureKind.VERDICT,
        PublishedFigureKind.SECTION_ANSWERED,
        PublishedFigureKind.QUESTION_YES,
        PublishedFigureKind.QUESTION_ANSWERED,
    }
)


class PublishedFigure(Versioned):
    """A headline figure of the association's own report of a year from before the platform
    (entered by the secretariat), so that later reports compare with it. Each figure names its
    source; ``quoted`` says the figure is quoted as published rather than worked out from it."""

    association = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="published_figures",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("figure"), max_length=30, choices=PublishedFigureKind.choices)
    key = models.SlugField(
        _("verdict, section or question"),
        max_length=80,
        blank=True,
        help_text=_(
            "The verdict (in_line, partly, …), the section key or the question key the figure "
            "is about; empty for the other figures."
        ),
    )
    value = models.FloatField(_("value"))
    source = models.CharField(_("source document"), max_length=300)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    page = models.CharField(_("page or section"), max_length=100, blank=True)
    quoted = models.BooleanField(
        _("quoted as published"),
        default=True,
        help_text=_("Untick when the figure is worked out from the source rather than quoted."),
    )

    class Meta:
        ordering = ["association", "-year", "kind", "key"]
        verbose_name = _("published figure")
        verbose_name_plural = _("published figures")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "kind", "key"], name="one_published_figure"
            )
        ]

    def __str__(self) -> str:
        key = f" {self.key}" if self.key else ""
        return f"{self.year} {self.kind}{key} = {self.value:g}"

    def clean(self) -> None:
        from klimatlaget.targets.comparison.association import VERDICT_ORDER

        if self.kind in KEYED_FIGURES and not self.key:
            raise ValidationError({"key": _("This figure needs the key it is about.")})
        if self.kind not in KEYED_FIGURES and self.key:
            raise ValidationError(
                {"key": _("This figure is about no verdict, section or question.")}
            )
        if self.kind == PublishedFigureKind.VERDICT and self.key not in VERDICT_ORDER:
            raise ValidationError(
                {"key": _("A verdict is one of: %(keys)s.") % {"keys": ", ".join(VERDICT_ORDER)}}
            )
        counted = self.kind != PublishedFigureKind.CHANGE_SINCE_1990 and self.value is not None
        if counted and (self.value < 0 or self.value != int(self.value)):
            raise ValidationError({"value": _("A count is a whole number, not negative.")})
