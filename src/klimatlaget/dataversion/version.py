"""Reading the data version: one indexed one-row query, cheap enough for every request."""

from dataclasses import dataclass
from datetime import datetime

from klimatlaget.dataversion.models import STAMP_ID, DataVersion


@dataclass(frozen=True)
class Stamp:
    token: str
    changed_at: datetime | None


def current() -> Stamp:
    """The committed data version (or this transaction's own, after it wrote tracked data)."""
    row = DataVersion.objects.filter(pk=STAMP_ID).values_list("token", "changed_at").first()
    return Stamp(*row) if row else Stamp("", None)
