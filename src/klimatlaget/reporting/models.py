"""What the platform's facts cannot answer: free-text answers to the reporting platforms'
questions, one per organisation and shared question key (answered once, reused by every profile
that asks the same thing, carried from year to year until changed), and the platforms'
reporting deadlines (editable by the platform's secretariat).

Answers are public like the organisation's page; its editors change them through
:mod:`klimatlaget.reporting.services`, which records every change in the change log.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import Versioned
from klimatlaget.organisations.models import Organisation


class Answer(Versioned):
    """An organisation's answer to the question ``key``, as of the reporting year ``year``."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reporting_answers"
    )
    key = models.CharField(_("question"), max_length=100)
    text = models.TextField(_("answer"), max_length=8000)
    year = models.PositiveSmallIntegerField(_("year answered"))
    answered_by_label = models.CharField(_("answered by"), max_length=150)
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        ordering = ["organisation", "key"]
        verbose_name = _("reporting answer")
        verbose_name_plural = _("reporting answers")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="reporting_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.key}"


class Deadline(Versioned):
    """A reporting platform's deadline (``platform`` is a profile's key)."""

    platform = models.CharField(_("platform"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    due = models.DateField(_("due"))
    recurs_yearly = models.BooleanField(_("every year"), default=True)

    class Meta:
        ordering = ["due", "platform", "id"]
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")

    def __str__(self) -> str:
        return f"{self.platform}: {self.title} {self.due}"
