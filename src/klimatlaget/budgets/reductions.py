"""The reductions that measures are expected to give, per sector and year, for the budget.

They come from the measures capability (:func:`klimatlaget.measures.effects.expected_reductions`);
a caller may name another source (a test, a scenario).
"""

from collections.abc import Callable, Collection, Mapping

from klimatlaget.measures.effects import expected_reductions as from_measures
from klimatlaget.measures.effects import expected_reductions_of_many as many_from_measures
from klimatlaget.organisations.models import Organisation

#: (organisation, year) → sector → (t expected from decided measures, t from proposed ones).
ExpectedReductions = Callable[[Organisation, int], Mapping[str, tuple[float, float]]]

#: What budgets use when the caller names nothing else.
expected_reductions: ExpectedReductions = from_measures

#: (organisation ids, year) → organisation id → sector → (decided t, proposed t): the same for
#: many organisations in one query, as the members' overview uses.
ManyExpectedReductions = Callable[
    [Collection[int], int], Mapping[int, Mapping[str, tuple[float, float]]]
]

expected_reductions_of_many: ManyExpectedReductions = many_from_measures
