"""An organisation's energy use of a year as the page's table, the CSV and the API's rows."""

from dataclasses import dataclass
from typing import Any

from klimatlaget.calc.energy import COVENANT_SECTOR_OF, emissions_t
from klimatlaget.energy.models import EnergyUse
from klimatlaget.energy.terms import label
from klimatlaget.exports.columns import Column
from klimatlaget.organisations.models import Organisation

COLUMNS = [
    Column("organisation"),
    Column.year("year"),
    Column("sector"),
    Column("sector_label"),
    Column("carrier"),
    Column("carrier_label"),
    Column.decimal("mwh", 1),
    Column.decimal("tco2e", 1),
    Column("covenant_sector"),
    Column("source"),
]


def years(organisation: Organisation) -> list[int]:
    return list(
        EnergyUse.objects.filter(organisation=organisation)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def rows(organisation: Organisation, year: int | None) -> list[dict[str, Any]]:
    """One row per sector and carrier (every year when ``year`` is None)."""
    uses = EnergyUse.objects.filter(organisation=organisation)
    if year is not None:
        uses = uses.filter(year=year)
    return [
        {
            "organisation": organisation.code,
            "year": use.year,
            "sector": use.sector,
            "sector_label": label("sector", use.sector),
            "carrier": use.carrier,
            "carrier_label": label("carrier", use.carrier),
            "mwh": use.mwh,
            "tco2e": emissions_t(use.carrier, use.mwh),
            "covenant_sector": COVENANT_SECTOR_OF[use.sector],
            "source": use.source,
        }
        for use in uses.order_by("year", "sector", "carrier")
    ]


@dataclass(frozen=True)
class Total:
    key: str
    label: str
    mwh: float


def totals(table: list[dict[str, Any]], by: str) -> list[Total]:
    """MWh by ``by`` ("sector" or "carrier"), largest first."""
    summed: dict[str, float] = {}
    for row in table:
        summed[row[by]] = summed.get(row[by], 0.0) + row["mwh"]
    return sorted(
        (Total(key, label(by, key), mwh) for key, mwh in summed.items()),
        key=lambda total: -total.mwh,
    )
