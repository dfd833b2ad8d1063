import pytest

from klimatlaget.measures import indicators, services
from klimatlaget.organisations.models import Organisation
from measures.conftest import MEASURE


@pytest.fixture
def strandhamn(users):
    return Organisation.objects.get(code="9102")


@pytest.fixture
def measures(users, strandhamn):
    """Three measures of Strandhamn: T1 decided (transport), E1 ongoing (electricity and
    heating), X1 cancelled; nobody owns them yet."""
    alice = users["alice"]
    return {
        "T1": services.create_measure(alice, strandhamn, MEASURE),
        "E1": services.create_measure(
            alice,
            strandhamn,
            {**MEASURE, "code": "E1", "sector": "El och fjärrvärme", "status": "ongoing"},
        ),
        "X1": services.create_measure(
            alice, strandhamn, {**MEASURE, "code": "X1", "status": "cancelled"}
        ),
    }


@pytest.fixture
def cycle_lanes(users, strandhamn):
    """An indicator entered by hand: kilometres of cycle lanes."""
    return indicators.create_indicator(
        users["alice"], strandhamn, {"name": "Cycle lanes", "unit": "km", "direction": "up"}
    )
