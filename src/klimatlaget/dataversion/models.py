from django.db import models

STAMP_ID = 1


class DataVersion(models.Model):
    """The single row holding the data version; written only by the database triggers."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=STAMP_ID)
    token = models.CharField(max_length=64)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
