"""The measure register: an organisation's measures filtered and sorted as the page, its CSV,
the API and the export ask, and the rows and columns they are written with."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from klimatlaget.exports.columns import Column
from klimatlaget.measures.choices import SECTORS, MeasureStatus, MeasureType
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation

#: Sort keys offered, and the ordering each means.
SORTS = {
    "code": ("code",),
    "title": ("title", "code"),
    "status": ("status", "code"),
    "sector": ("sector", "code"),
    "reduction": ("-expected_reduction_t", "code"),
    "start": ("start_year", "code"),
}


@dataclass(frozen=True)
class Filters:
    status: str = ""
    sector: str = ""
    type: str = ""
    responsible: str = ""
    sort: str = "code"

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> "Filters":
        """The filters a query names; unknown values are ignored (every measure is shown)."""

        def pick(name: str, allowed: set[str]) -> str:
            value = query.get(name, "")
            return value if value in allowed else ""

        return cls(
            status=pick("status", set(MeasureStatus.values)),
            sector=pick("sector", {name for name, _label in SECTORS}),
            type=pick("type", set(MeasureType.values)),
            responsible=query.get("responsible", "").strip()[:200],
            sort=query.get("sort", "code") if query.get("sort") in SORTS else "code",
        )

    def apply(self, measures: QuerySet[Measure]) -> QuerySet[Measure]:
        if self.status:
            measures = measures.filter(status=self.status)
        if self.sector:
            measures = measures.filter(sector=self.sector)
        if self.type:
            measures = measures.filter(type=self.type)
        if self.responsible:
            measures = measures.filter(responsible_unit__icontains=self.responsible) | (
                measures.filter(responsible_person__icontains=self.responsible)
            )
        return measures.order_by(*SORTS[self.sort])


def measures_of(organisation: Organisation, filters: Filters = Filters()) -> list[Measure]:
    objects = Measure.objects.filter(organisation=organisation).select_related(
        "plan", "organisation"
    )
    return list(filters.apply(objects).prefetch_related("targets", "indicators"))


@dataclass(frozen=True, slots=True)
class PageRow:
    """A measure as the register page shows it: its labels looked up once per request (a
    model's ``get_…_display`` hashes its choices on every call) and only the columns shown."""

    pk: int
    code: str
    title: str
    href: str
    status: str
    status_label: str
    sector_label: str
    type_label: str
    responsible_unit: str
    responsible_person: str
    expected_reduction_t: float | None
    effect_year: int | None
    start_year: int | None


_PAGE_FIELDS = (
    "pk",
    "code",
    "title",
    "status",
    "sector",
    "type",
    "responsible_unit",
    "responsible_person",
    "expected_reduction_t",
    "effect_year",
    "start_year",
)


def page_rows(organisation: Organisation, filters: Filters = Filters()) -> list[PageRow]:
    """The register page's rows: one query for the columns shown, no links or related rows."""
    objects = Measure.objects.filter(organisation=organisation)
    statuses = {key: str(label) for key, label in MeasureStatus.choices}
    sectors = {key: str(label) for key, label in SECTORS}
    types = {key: str(label) for key, label in MeasureType.choices}
    # One reversal for every row: the measure's id goes where the placeholder is.
    href = reverse("measure", kwargs={"code": organisation.code, "measure_id": 0})
    head, _zero, tail = href.rpartition("/0/")
    return [
        PageRow(
            pk=row["pk"],
            code=row["code"],
            title=row["title"],
            href=f"{head}/{row['pk']}/{tail}",
            status=row["status"],
            status_label=statuses.get(row["status"], row["status"]),
            sector_label=sectors.get(row["sector"], row["sector"]),
            type_label=types.get(row["type"], row["type"]),
            responsible_unit=row["responsible_unit"],
            responsible_person=row["responsible_person"],
            expected_reduction_t=row["expected_reduction_t"],
            effect_year=row["effect_year"],
            start_year=row["start_year"],
        )
        for row in filters.apply(objects).values(*_PAGE_FIELDS)
    ]


COLUMNS = [
    Column("organisation"),
    Column("id"),
    Column("plan"),
    Column("code"),
    Column("title"),
    Column("description"),
    Column("sector"),
    Column("type"),
    Column("responsible"),
    Column("responsible_person"),
    Column("partners"),
    Column("status"),
    Column.year("start_year"),
    Column.year("end_year"),
    Column.decimal("expected_reduction_t", 1),
    Column.decimal("expected_reduction_low_t", 1),
    Column.decimal("expected_reduction_high_t", 1),
    Column.year("effect_year"),
    Column("method_note"),
    Column.decimal("energy_saved_mwh", 1),
    Column.decimal("renewable_mwh", 1),
    Column("hazard"),
    Column.integer("budget_sek"),
    Column("co_benefits"),
    Column("target_ids"),
    Column("indicator_ids"),
    Column("source"),
    Column("quoted"),
    Column.integer("version"),
]


def measure_row(measure: Measure) -> dict[str, Any]:
    """A measure as the export and the API write it (the import reads the same columns)."""
    return {
        "organisation": measure.organisation.code,
        "id": measure.pk,
        "plan": measure.plan.title if measure.plan else "",
        "plan_id": measure.plan_id,
        "code": measure.code,
        "title": measure.title,
        "description": measure.description,
        "sector": measure.sector,
        "type": measure.type,
        "responsible": measure.responsible_unit,
        "responsible_person": measure.responsible_person,
        "partners": list(measure.partners),
        "status": measure.status,
        "start_year": measure.start_year,
        "end_year": measure.end_year,
        "expected_reduction_t": measure.expected_reduction_t,
        "expected_reduction_low_t": measure.expected_low_t,
        "expected_reduction_high_t": measure.expected_high_t,
        "effect_year": measure.effect_year,
        "method_note": measure.method_note,
        "energy_saved_mwh": measure.energy_saved_mwh,
        "renewable_mwh": measure.renewable_mwh,
        "hazard": measure.hazard,
        "budget_sek": int(measure.budget_sek) if measure.budget_sek is not None else None,
        "budget_by_year": dict(measure.budget_by_year),
        "co_benefits": list(measure.co_benefits),
        "target_ids": sorted(t.pk for t in measure.targets.all()),
        "indicator_ids": sorted(i.pk for i in measure.indicators.all()),
        "source": measure.source,
        "quoted": measure.quoted,
        "version": measure.version,
    }


def table_rows(measures: list[Measure]) -> list[dict[str, Any]]:
    """Rows for CSV and workbooks: lists joined with " | "."""
    return [
        {
            key: " | ".join(str(v) for v in value) if isinstance(value, list) else value
            for key, value in measure_row(measure).items()
        }
        for measure in measures
    ]
