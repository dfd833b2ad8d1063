from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetZeroCitiesConfig(AppConfig):
    name = "klimatlaget.netzerocities"
    verbose_name = _("NetZeroCities reporting")
