"""The project's own deployment checks, run by ``klimatlaget check --deploy`` beside Django's.

Each names one thing that breaks or weakens a production site and how to fix it.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from klimatlaget.config.secret_key import secret_key_weakness

_LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "testserver"}
_LOCAL_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@register(Tags.security, deploy=True)
def production_settings(**kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    if not settings.PRODUCTION:
        problems.append(
            Error(
                "Production settings are off.",
                hint="Set KLIMATLAGET_PRODUCTION=1 (DEBUG off, secure cookies, HSTS).",
                id="klimatlaget.E001",
            )
        )
    if weakness := secret_key_weakness(settings.SECRET_KEY):
        problems.append(
            Error(
                f"The secret key {weakness}.",
                hint="Set KLIMATLAGET_SECRET_KEY to a long random value.",
                id="klimatlaget.E002",
            )
        )
    hosts = [host for host in settings.ALLOWED_HOSTS if host not in _LOCAL_HOSTS]
    if not hosts or "*" in hosts:
        problems.append(
            Error(
                "No public host name is allowed (or every one is).",
                hint="Set KLIMATLAGET_ALLOWED_HOSTS to the site's names, comma-separated.",
                id="klimatlaget.E003",
            )
        )
    return problems


@register(Tags.staticfiles, deploy=True)
def static_files_collected(**kwargs: Any) -> list[CheckMessage]:
    """Without collected files the manifest storage fails every page with a 500."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        return []
    return [
        Error(
            f"Static files have not been collected into {settings.STATIC_ROOT}.",
            hint="Run 'klimatlaget collectstatic' after every install or upgrade.",
            id="klimatlaget.E004",
        )
    ]


@register(Tags.database, deploy=True)
def database_for_production(**kwargs: Any) -> list[CheckMessage]:
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return []
    return [
        Warning(
            "The database is not PostgreSQL.",
            hint="SQLite suits one server process; set DATABASE_URL=postgres://… for several "
            "workers and for backups while the site runs under load (docs/DEPLOY.md).",
            id="klimatlaget.W001",
        )
    ]


@register(deploy=True)
def email_configured(**kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    if settings.EMAIL_BACKEND in _LOCAL_EMAIL_BACKENDS:
        problems.append(
            Warning(
                "E-mail is not sent: invitations and reminders go nowhere.",
                hint="Set KLIMATLAGET_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend "
                "and KLIMATLAGET_EMAIL_HOST (and _PORT, _USER, _PASSWORD, _TLS=1).",
                id="klimatlaget.W002",
            )
        )
    if settings.DEFAULT_FROM_EMAIL.endswith("@localhost"):
        problems.append(
            Warning(
                "E-mail is sent from an address at localhost.",
                hint="Set KLIMATLAGET_FROM_EMAIL to an address people can answer.",
                id="klimatlaget.W003",
            )
        )
    if not settings.KLIMATLAGET_BASE_URL:
        problems.append(
            Warning(
                "The site's address is not set: e-mailed links sent by cron have no host.",
                hint="Set KLIMATLAGET_BASE_URL, e.g. https://klimat.example.org.",
                id="klimatlaget.W004",
            )
        )
    return problems
