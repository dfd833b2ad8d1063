"""Loading stored emissions and population into plain series for the calculation package.

Municipalities come straight from the database; counties and the nation are sums of their
municipalities (see docs/METHOD.md#aggregation). The loaded dataset is cached per data version
(:mod:`klimatlaget.dataversion`).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from klimatlaget.calc import sum_sector_series, sum_series
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.emissions.models import TOTAL_SECTOR, Emission
from klimatlaget.organisations.models import Organisation, OrganisationKind, Population

SectorSeries = dict[str, dict[int, float]]


@dataclass
class OrganisationSeries:
    code: str
    name: str
    kind: str
    county_code: str | None
    county_name: str | None
    sectors: SectorSeries = field(default_factory=dict)
    total: dict[int, float] = field(default_factory=dict)
    population: dict[int, int] = field(default_factory=dict)

    @property
    def last_population(self) -> int | None:
        return self.population[max(self.population)] if self.population else None


Dataset = dict[str, OrganisationSeries]

_cache: DerivedCache[None, Dataset] = DerivedCache(size=1)


def load_dataset() -> Dataset:
    """All organisations with emissions data, keyed by code; cached per data version."""
    return _cache.get(None, _build_dataset)


def _build_dataset() -> Dataset:
    dataset = _organisations()
    _add_municipal_emissions(dataset)
    _add_population(dataset)
    _add_aggregates(dataset)
    return dataset


def _organisations() -> Dataset:
    kinds = [OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY, OrganisationKind.NATION]
    rows = Organisation.objects.filter(kind__in=kinds).values_list(
        "code", "name", "kind", "county__code", "county__name"
    )
    return {
        code: OrganisationSeries(code, name, kind, county_code, county_name)
        for code, name, kind, county_code, county_name in rows
    }


def _add_municipal_emissions(dataset: Dataset) -> None:
    totals_only: dict[str, dict[int, float]] = defaultdict(dict)
    rows = Emission.objects.values_list("organisation__code", "year", "sector", "tco2e")
    for code, year, sector, value in rows.iterator(chunk_size=5000):
        if sector == TOTAL_SECTOR:
            totals_only[code][year] = value
        else:
            dataset[code].sectors.setdefault(sector, {})[year] = value
    for org in dataset.values():
        if org.kind != OrganisationKind.MUNICIPALITY:
            continue
        org.total = _sum_sector_years(org.sectors)
        for year, value in totals_only.get(org.code, {}).items():
            org.total.setdefault(year, value)
        org.total = dict(sorted(org.total.items()))


def _sum_sector_years(sectors: SectorSeries) -> dict[int, float]:
    """A municipality's total: a sector missing in a year counts as zero in that year."""
    total: dict[int, float] = defaultdict(float)
    for series in sectors.values():
        for year, value in series.items():
            total[year] += value
    return dict(sorted(total.items()))


def _add_population(dataset: Dataset) -> None:
    rows = Population.objects.values_list("organisation__code", "year", "inhabitants")
    for code, year, inhabitants in rows:
        if code in dataset:
            dataset[code].population[year] = inhabitants


def _add_aggregates(dataset: Dataset) -> None:
    municipalities = [o for o in dataset.values() if o.kind == OrganisationKind.MUNICIPALITY]
    members: dict[str, list[OrganisationSeries]] = defaultdict(list)
    for municipality in municipalities:
        if municipality.county_code:
            members[municipality.county_code].append(municipality)
    for org in dataset.values():
        if org.kind == OrganisationKind.COUNTY:
            _aggregate_into(org, members.get(org.code, []))
        elif org.kind == OrganisationKind.NATION:
            _aggregate_into(org, municipalities)


def _aggregate_into(org: OrganisationSeries, parts: list[OrganisationSeries]) -> None:
    with_data = [p for p in parts if p.total]
    if not with_data:
        return
    org.total = sum_series([p.total for p in with_data])
    org.sectors = sum_sector_series([p.sectors for p in with_data if p.sectors])
