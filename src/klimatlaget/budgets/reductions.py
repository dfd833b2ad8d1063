"""The reductions that measures are expected to give, per sector and year.

The measures capability (action plans, measures, follow-up) provides them; until it is wired in
here, every budget is computed with none, and the budget's columns for them are zero.
"""

from collections.abc import Callable, Mapping

from klimatlaget.organisations.models import Organisation

#: (organisation, year) → sector → (t expected from decided measures, t from proposed ones).
ExpectedReductions = Callable[[Organisation, int], Mapping[str, tuple[float, float]]]


def no_measures(organisation: Organisation, year: int) -> Mapping[str, tuple[float, float]]:
    """No expected reductions: the stand-in until measures are wired in."""
    return {}


#: What budgets use when the caller names nothing else.
expected_reductions: ExpectedReductions = no_measures
