"""`klimatlaget check --deploy` fails on every deployment problem; `collectstatic` fixes one."""

import os
import secrets
import subprocess
import sys

PRODUCTION = {
    "KLIMATLAGET_PRODUCTION": "1",
    "KLIMATLAGET_SECRET_KEY": secrets.token_urlsafe(50),
    "KLIMATLAGET_ALLOWED_HOSTS": "klimat.example.org",
    "KLIMATLAGET_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "KLIMATLAGET_FROM_EMAIL": "klimat@example.org",
    "KLIMATLAGET_BASE_URL": "https://klimat.example.org",
}
#: The checks do not connect, so an unreachable server is enough to say "PostgreSQL".
POSTGRES = "postgres://klimatlaget@127.0.0.1:1/klimatlaget"


def python(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Python with only ``env`` for settings, data under ``tmp_path``."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KLIMATLAGET_", "DATABASE", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    return subprocess.run(
        [sys.executable, *args],
        env=clean | {"KLIMATLAGET_DATA_DIR": str(tmp_path / "var")} | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def klimatlaget(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return python(tmp_path, "-m", "klimatlaget.cli.main", *args, **env)


def test_development_settings_fail_the_deploy_check(tmp_path):
    result = klimatlaget(tmp_path, "check", "--deploy", KLIMATLAGET_DEBUG="1")
    assert result.returncode == 1
    for problem in ("klimatlaget.E001", "klimatlaget.E002", "klimatlaget.E003", "security.W018"):
        assert problem in result.stderr
    assert klimatlaget(tmp_path, "check").returncode == 0  # fine for development


def home_page_status(tmp_path, **env: str) -> str:
    """The home page's status under production settings, through Django's test client."""
    code = (
        "import django; django.setup(); from django.test import Client; "
        "print(Client(raise_request_exception=False).get("
        "'/', secure=True, HTTP_HOST='klimat.example.org').status_code)"
    )
    settings = {"DJANGO_SETTINGS_MODULE": "klimatlaget.config.settings"}
    return python(tmp_path, "-c", code, **PRODUCTION, **settings, **env).stdout.strip()


def test_production_works_once_static_files_are_collected_on_postgresql(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'klimatlaget.sqlite3'}"}
    assert klimatlaget(tmp_path, "migrate", **PRODUCTION, **database).returncode == 0
    result = klimatlaget(tmp_path, "check", "--deploy", **PRODUCTION, **database)
    assert result.returncode == 1
    assert "klimatlaget.E004" in result.stderr  # static files not collected
    assert "klimatlaget.W001" in result.stderr  # SQLite
    assert "klimatlaget.E00" not in result.stderr.replace("klimatlaget.E004", "")
    assert home_page_status(tmp_path, **database) == "500"  # why docs/DEPLOY.md says collect

    assert klimatlaget(tmp_path, "collectstatic", **PRODUCTION).returncode == 0
    assert (tmp_path / "var" / "static" / "staticfiles.json").exists()
    assert home_page_status(tmp_path, **database) == "200"
    result = klimatlaget(tmp_path, "check", "--deploy", DATABASE_URL=POSTGRES, **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_mail_that_goes_nowhere_fails_the_deploy_check(tmp_path):
    unset = {"KLIMATLAGET_EMAIL_BACKEND", "KLIMATLAGET_BASE_URL"}
    env = {key: value for key, value in PRODUCTION.items() if key not in unset}
    result = klimatlaget(tmp_path, "check", "--deploy", DATABASE_URL=POSTGRES, **env)
    assert result.returncode == 1
    assert "klimatlaget.W002" in result.stderr and "klimatlaget.W004" in result.stderr
