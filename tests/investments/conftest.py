import pytest

from klimatlaget.investments import services
from klimatlaget.measures import services as measure_services
from klimatlaget.organisations.models import Organisation

PLAN = {"year": 2025, "horizon_from": 2024, "horizon_to": 2030, "title": "Klimatinvesteringar"}

#: Line A of the worked example in docs/METHOD.md, linked to a measure of 500 t from 2026.
BUSES = {
    "title": "Biogas buses",
    "actor": "municipal_company",
    "capex_by_year": {"2025": 6_000_000, "2026": 4_000_000},
    "opex_by_year": {"2026": 200_000, "2027": 200_000},
    "savings_by_year": {"2026": 500_000, "2027": 700_000},
    "lifetime_years": 10,
    "funding_source": "own_budget",
    "funding_status": "decided",
    "co_benefits_sek": {"health": 60_000, "jobs": 40_000},
    "co_benefits_named": ["Quieter streets"],
}
#: Line D of the worked example: no measure, its own sector and reduction.
CHARGING = {
    "title": "Charging points",
    "actor": "private_company",
    "capex_by_year": {"2025": 1_000_000},
    "lifetime_years": 10,
    "funding_source": "state_grant",
    "funding_status": "applied_for",
    "sector": "Transporter",
    "reduction_t": 50,
    "effect_year": 2025,
}


@pytest.fixture
def strandhamn(users):
    return Organisation.objects.get(code="9102")


@pytest.fixture
def bus_measure(users, strandhamn):
    return measure_services.create_measure(
        users["alice"],
        strandhamn,
        {
            "code": "T9",
            "title": "Biogas buses",
            "sector": "Transporter",
            "type": "technical",
            "status": "decided",
            "expected_reduction_t": 500.0,
            "effect_year": 2026,
        },
    )


@pytest.fixture
def plan(users, strandhamn, bus_measure):
    """A plan of Strandhamn with the buses (from the measure) and the charging points."""
    plan = services.create_plan(users["alice"], strandhamn, PLAN)
    services.create_line(users["alice"], plan, {**BUSES, "measure_id": bus_measure.pk})
    services.create_line(users["alice"], plan, CHARGING)
    return plan
