"""An organisation's emission quotas of a year as the page, its CSV, the API and the export show
them: each unit's quota, its emissions by period, how much of the quota they use, the traffic
light and what remains, and the total of all units."""

from typing import Any

from django.db.models import QuerySet

from klimatlaget.calc.quotas import QUARTERS, YEAR, QuotaStatus, TotalStatus, total_status
from klimatlaget.exports.columns import Column
from klimatlaget.measures.models import EmissionQuota
from klimatlaget.measures.quotas import outcomes_of, status_of
from klimatlaget.organisations.models import Organisation


def quotas_of(organisation: Organisation, year: int | None = None) -> QuerySet[EmissionQuota]:
    """The organisation's quotas (of ``year`` when given), by year and unit, with outcomes."""
    quotas = EmissionQuota.objects.filter(organisation=organisation)
    if year is not None:
        quotas = quotas.filter(year=year)
    return quotas.select_related("organisation").prefetch_related("outcomes")


def years_of(organisation: Organisation) -> list[int]:
    """The years the organisation has quotas for, latest first."""
    years = EmissionQuota.objects.filter(organisation=organisation).values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def _rounded(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(value, places)


def status_row(status: QuotaStatus | TotalStatus) -> dict[str, Any]:
    """What the status says, for a table row."""
    return {
        "outcome_t": status.outcome_t,
        "used_pct": _rounded(status.used_pct),
        "light": status.light or "",
        "remaining_t": status.remaining_t,
    }


def quota_row(quota: EmissionQuota) -> dict[str, Any]:
    """One unit's quota of a year with its emissions by period and its status."""
    outcomes = outcomes_of(quota)
    status = status_of(quota)
    return {
        "id": quota.pk,
        "organisation": quota.organisation.code,
        "year": quota.year,
        "unit": quota.unit,
        "quota_t": quota.quota_t,
        **{f"q{q}_t": outcomes.get(q) for q in QUARTERS},
        "year_t": outcomes.get(YEAR),
        "periods": status.periods,
        **status_row(status),
        "version": quota.version,
    }


def total_row(quotas: list[EmissionQuota]) -> dict[str, Any]:
    """All units' quotas together (one year's)."""
    total = total_status(status_of(quota) for quota in quotas)
    return {"quota_t": total.quota_t, **status_row(total)}


COLUMNS = [
    Column("organisation"),
    Column.year("year"),
    Column("unit"),
    Column.decimal("quota_t", 1),
    *(Column.decimal(f"q{q}_t", 1) for q in QUARTERS),
    Column.decimal("year_t", 1),
    Column.integer("periods"),
    Column.decimal("outcome_t", 1),
    Column.percent("used_pct", 1, per_cent=True),
    Column("light"),
    Column.decimal("remaining_t", 1),
]


def table_rows(quotas: list[EmissionQuota]) -> list[dict[str, Any]]:
    """Rows for CSV, JSON and workbooks (the columns of :data:`COLUMNS`)."""
    keys = [column.key for column in COLUMNS]
    return [{key: row[key] for key in keys} for row in map(quota_row, quotas)]
