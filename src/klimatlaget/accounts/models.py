"""Roles: what a user may do, and for which organisations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleKind(models.TextChoices):
    SECRETARIAT_ADMIN = "secretariat_admin", _("Secretariat administrator")
    EDITOR = "editor", _("Organisation editor")
    VIEWER = "viewer", _("Viewer")


class Role(models.Model):
    """A user's role. Editors hold one row per organisation they edit; a secretariat holds one
    row per association it runs (``organisation`` is the association), or one row without an
    organisation to run the whole platform (every association, imports); a viewer's role applies
    to every organisation (``organisation`` is empty)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="roles",
        help_text=_(
            "The organisation an editor edits, or the association a secretariat runs; empty for "
            "a viewer and for a secretariat of the whole platform."
        ),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "organisation"], name="role_unique_per_organisation"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="editor") | models.Q(organisation__isnull=False),
                name="role_editor_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        scope = self.organisation or _("all organisations")
        return f"{self.user}: {self.get_kind_display()} ({scope})"
