from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowUpConfig(AppConfig):
    name = "klimatlaget.followup"
    label = "followup"
    verbose_name = _("Follow-up of measures and indicators")
