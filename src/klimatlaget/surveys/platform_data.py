"""Answers the platform can give from its own data (targets, Paris verdicts, emissions)."""

from typing import Any

from klimatlaget.surveys.models import Response


def platform_answers(response: Response) -> dict[str, Any]:
    """Answers by question key for the questions whose ``prefill`` names a platform source."""
    return {}
