from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DataVersionConfig(AppConfig):
    name = "klimatlaget.dataversion"
    verbose_name = _("Data version")

    def ready(self) -> None:
        post_migrate.connect(_install, sender=self)


def _install(using: str = "default", **kwargs: Any) -> None:
    """After every migrate (and flush): the stamp row and the triggers on the tracked tables.

    Done here rather than in a migration because SQLite drops a table's triggers whenever a later
    migration rebuilds the table.
    """
    from klimatlaget.dataversion import triggers

    triggers.install(using)
