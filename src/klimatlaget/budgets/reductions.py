"""The reductions that measures are expected to give, per sector and year, for the budget.

They come from the measures capability (:func:`klimatlaget.measures.effects.expected_reductions`);
a caller may name another source (a test, a scenario).
"""

from collections.abc import Callable, Mapping

from klimatlaget.measures.effects import expected_reductions as from_measures
from klimatlaget.organisations.models import Organisation

#: (organisation, year) → sector → (t expected from decided measures, t from proposed ones).
ExpectedReductions = Callable[[Organisation, int], Mapping[str, tuple[float, float]]]

#: What budgets use when the caller names nothing else.
expected_reductions: ExpectedReductions = from_measures
