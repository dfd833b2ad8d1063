from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentsConfig(AppConfig):
    name = "klimatlaget.investments"
    verbose_name = _("Climate investment plans")
