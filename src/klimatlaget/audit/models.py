"""The change log: who changed what, when, from which value to which."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatlaget.audit.messages import action_name, actor_name, say
from klimatlaget.audit.subjects import Visibility


class AuditEntry(models.Model):
    """One recorded change. ``changes`` maps a field to ``[old, new]``; ``message`` and
    ``params`` say what happened in any language (see :mod:`klimatlaget.audit.messages`), and
    ``summary`` keeps the English sentence.

    ``subject`` is the kind of object changed (see :mod:`klimatlaget.audit.subjects`) and
    ``subject_id`` its key; ``visibility`` says whose pages decide who reads the entry, and
    ``association`` is the association whose secretariat may read a restricted one."""

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("by"), max_length=150)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=80)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    message = models.CharField(_("message"), max_length=40, blank=True)
    params = models.JSONField(_("message parameters"), default=dict, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=30)
    subject_id = models.PositiveBigIntegerField(_("subject id"), null=True, blank=True)
    visibility = models.CharField(_("visible to"), max_length=20, choices=Visibility.choices)
    association = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["organisation", "-timestamp"])]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    @property
    def text(self) -> str:
        """What happened, in the active language (the action's name for an entry without a
        message)."""
        return say(self.message, self.params) or action_name(self.action)

    @property
    def by(self) -> str:
        """Who made the change, in the active language."""
        return actor_name(self.actor_label)
