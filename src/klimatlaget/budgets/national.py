"""The national series the nowcast carries municipal figures forward with, and the backtest of
the nowcast over every municipality, both from stored data and cached per data version."""

from __future__ import annotations

from dataclasses import dataclass

from klimatlaget.calc.national import NationalEmissions, NationalFigure, from_yearly
from klimatlaget.calc.national import national_emissions as combine
from klimatlaget.calc.nowcast_backtest import Backtest, Municipality, run_backtest
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.organisations.models import NATION_CODE, OrganisationKind

from .models import NationalEmission

#: Where the national series comes from.
IMPORTED = "imported"
SUM_OF_MUNICIPALITIES = "sum_of_municipalities"


@dataclass(frozen=True)
class NationalSeries:
    emissions: NationalEmissions
    source: str  # IMPORTED or SUM_OF_MUNICIPALITIES


_national: DerivedCache[None, NationalSeries] = DerivedCache(size=1)
_backtest: DerivedCache[None, Backtest] = DerivedCache(size=1)


def national_series() -> NationalSeries:
    """The imported national figures; without any, the sum over all municipalities (as the
    backtest uses), which ends where SMHI's municipal figures end."""
    return _national.get(None, _load_national)


def _load_national() -> NationalSeries:
    rows = NationalEmission.objects.values_list("year", "quarter", "sector", "tco2e")
    figures = [NationalFigure(*row) for row in rows]
    if figures:
        return NationalSeries(combine(figures), IMPORTED)
    nation = load_dataset().get(NATION_CODE)
    return NationalSeries(from_yearly(nation.sectors if nation else {}), SUM_OF_MUNICIPALITIES)


def municipalities() -> list[Municipality]:
    """Every municipality with figures by sector, by code."""
    return [
        Municipality(org.code, org.name, org.sectors)
        for code, org in sorted(load_dataset().items())
        if org.kind == OrganisationKind.MUNICIPALITY and org.sectors
    ]


def backtest() -> Backtest:
    """The backtest of every municipality (docs/METHOD.md, "Backtest")."""
    return _backtest.get(None, lambda: run_backtest(municipalities()))
