from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeesConfig(AppConfig):
    name = "klimatlaget.fees"
    verbose_name = _("Membership fees")
