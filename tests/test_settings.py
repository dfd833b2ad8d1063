"""Production settings as loaded from the environment, each in a fresh process."""

import os
import secrets
import subprocess
import sys

import pytest

GOOD_KEY = secrets.token_urlsafe(50)


def load(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings with ``env`` and print what the tests look at."""
    code = (
        "from klimatlaget.config import settings as s; "
        "print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KLIMATLAGET_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env=clean | {"KLIMATLAGET_ALLOWED_HOSTS": "example.org"} | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (None, "development default"),
        ("django-insecure-" + GOOD_KEY, "development default"),
        ("short-but-random-" + secrets.token_hex(8), "at least 50 are needed"),
        ("ab" * 40, "only 2 distinct characters"),
    ],
    ids=["unset", "django-insecure", "short", "low entropy"],
)
def test_production_refuses_a_weak_secret_key(key, reason):
    env = {"KLIMATLAGET_PRODUCTION": "1"}
    if key is not None:
        env["KLIMATLAGET_SECRET_KEY"] = key
    result = load(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and reason in result.stderr


@pytest.mark.parametrize("key", [GOOD_KEY, secrets.token_hex(32)], ids=["urlsafe", "hex"])
def test_production_accepts_a_random_secret_key(key):
    result = load(KLIMATLAGET_PRODUCTION="1", KLIMATLAGET_SECRET_KEY=key)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("trust", "header"), [("", "None"), ("1", "('HTTP_X_FORWARDED_PROTO', 'https')")]
)
def test_x_forwarded_proto_is_trusted_only_when_configured(trust, header):
    result = load(
        KLIMATLAGET_PRODUCTION="1",
        KLIMATLAGET_SECRET_KEY=GOOD_KEY,
        KLIMATLAGET_TRUST_X_FORWARDED_PROTO=trust,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == header
