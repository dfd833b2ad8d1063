from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "klimatlaget.measures"
    verbose_name = _("Action plans, measures and indicators")
