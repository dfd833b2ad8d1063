"""What makes a secret key too weak for production (read by the settings, before Django starts).

Django signs sessions, password-reset links and CSRF tokens with it: a short or repetitive key
can be guessed. The thresholds follow Django's own deployment check (50 characters), with more
distinct characters than its 5, so that a hexadecimal key (16) passes and 'aaaa…ab' does not.
"""

DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"  # noqa: S105
MIN_LENGTH = 50
MIN_DISTINCT_CHARACTERS = 10


def secret_key_weakness(key: str) -> str | None:
    """Why ``key`` is unfit for production, or None."""
    if key == DEV_SECRET_KEY or key.startswith("django-insecure-"):
        return "is the development default"
    if len(key) < MIN_LENGTH:
        return f"has {len(key)} characters; at least {MIN_LENGTH} are needed"
    if len(set(key)) < MIN_DISTINCT_CHARACTERS:
        return (
            f"has only {len(set(key))} distinct characters; at least "
            f"{MIN_DISTINCT_CHARACTERS} are needed"
        )
    return None
