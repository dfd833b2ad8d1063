"""Django's JSON serializer without its loss of precision: times keep their microseconds.

Django's JSON encoder cuts times to milliseconds, so a restored database would differ from the
one backed up (and the change log's order could change). Registered as the format
``exactjson`` (settings.SERIALIZATION_MODULES) for the database-neutral backups.
"""

import datetime
from typing import Any

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JsonSerializer

__all__ = ["Deserializer", "Serializer"]


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JsonSerializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]  # not in the stubs
        self.json_kwargs["cls"] = ExactEncoder
