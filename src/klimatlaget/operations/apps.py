from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "klimatlaget.operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from klimatlaget.operations import checks  # noqa: F401  (registers the deploy checks)
