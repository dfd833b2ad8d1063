from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "klimatlaget.contracts"
    verbose_name = _("Climate contracts")
