import pytest

from klimatlaget.organisations.models import Organisation

MEASURE = {
    "code": "T1",
    "title": "Fossil-free municipal fleet",
    "sector": "Transporter",
    "type": "procurement",
    "status": "decided",
    "responsible_unit": "Fleet office",
    "start_year": 2025,
    "end_year": 2028,
    "expected_reduction_t": 120.0,
    "expected_low_t": 80.0,
    "expected_high_t": 150.0,
    "effect_year": 2028,
}


@pytest.fixture
def strandhamn(users):
    return Organisation.objects.get(code="9102")


@pytest.fixture
def tallnas(users):
    return Organisation.objects.get(code="9201")
