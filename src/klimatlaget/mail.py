"""E-mail sent only once the write it reports has committed, through Django's task framework.

:func:`send_after_commit` queues the message when the current transaction commits, so a write that
rolls back sends nothing. The message goes out as a task (``settings.TASKS``): at once, in the
same process, with the default immediate backend; by a worker with a queueing backend.
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task

logger = logging.getLogger(__name__)


@task
def deliver(subject: str, body: str, to: list[str]) -> int:
    """Send one e-mail; a failure is logged (the immediate backend keeps it to itself)."""
    try:
        return EmailMessage(subject, body, to=to).send()
    except Exception:
        logger.exception("The e-mail %r to %d address(es) was not sent", subject, len(to))
        raise


def send_after_commit(subject: str, body: str, to: list[str]) -> None:
    transaction.on_commit(lambda: deliver.enqueue(subject, body, to), robust=True)
