"""The survey templates the platform ships: the annual survey Klimatläget and the membership
test of Klimatkommunerna. ``definition(kind, year)`` gives a definition that
:func:`klimatlaget.surveys.building.create_survey` turns into a survey.

Question texts are content in the association's language (Swedish), not user-interface strings,
so they are not translated; the question keys are stable English identities kept across years.
"""

from __future__ import annotations

from typing import Any

from klimatlaget.surveys.blueprints import klimatlaget, membership_test

BUILDERS = {
    "klimatlaget": klimatlaget.definition,
    "membership_test": membership_test.definition,
}


def definition(kind: str, year: int) -> dict[str, Any]:
    """The shipped template of ``kind`` ("klimatlaget" or "membership_test") for ``year``."""
    try:
        builder = BUILDERS[str(kind)]
    except KeyError:
        known = ", ".join(sorted(BUILDERS))
        raise ValueError(f"No survey template {kind!r}; choose one of {known}.") from None
    return builder(year)
