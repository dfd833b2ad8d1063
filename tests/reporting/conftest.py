import datetime

import pytest

from klimatlaget.contracts.models import Contract
from klimatlaget.followup.models import FollowUpPeriod
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures.models import ActionPlan, Indicator, IndicatorValue, Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target

YEAR = 2026


def give_everything(organisation: Organisation) -> None:
    """Every fact a profile asks for, as of ``YEAR``."""
    Target.objects.create(
        organisation=organisation,
        form="percent_reduction",
        value=70,
        base_year=1990,
        target_year=2030,
        scopes=["1"],
        includes_non_energy=True,
        adopted_on=datetime.date(2024, 5, 1),
    )
    for kind in ("mitigation", "adaptation"):
        ActionPlan.objects.create(
            organisation=organisation,
            title=f"Plan {kind}",
            kind=kind,
            status="adopted",
            adopted_on=datetime.date(YEAR - 1, 3, 1),
        )
    Measure.objects.create(
        organisation=organisation,
        code="T1",
        title="Biogas buses",
        sector="Transporter",
        type="technical",
        expected_reduction_t=500,
    )
    Measure.objects.create(
        organisation=organisation,
        code="A1",
        title="Green roofs",
        sector="Transporter",
        type="technical",
        hazard="flooding",
    )
    indicator = Indicator.objects.create(organisation=organisation, name="Laddpunkter", unit="st")
    IndicatorValue.objects.create(indicator=indicator, year=YEAR, value=10, entered_by_label="t")
    consumption = Indicator.objects.create(
        organisation=organisation, name="Konsumtion", unit="t", sector="consumption"
    )
    IndicatorValue.objects.create(
        indicator=consumption, year=YEAR - 1, value=9, entered_by_label="t"
    )
    InvestmentPlan.objects.create(
        organisation=organisation, year=YEAR, horizon_from=YEAR, horizon_to=2030
    )
    Contract.objects.create(
        organisation=organisation, year=YEAR, status="signed", signed_on=datetime.date(YEAR, 1, 1)
    )
    FollowUpPeriod.objects.create(
        organisation=organisation, year=YEAR - 1, state="approved", prepared_by_label="t"
    )


@pytest.fixture
def everything(users):
    """Strandhamn (9102) with every fact; its editor alice."""
    organisation = Organisation.objects.get(code="9102")
    give_everything(organisation)
    return organisation


@pytest.fixture
def nothing(users):
    """An organisation with no data at all."""
    return Organisation.objects.create(code="9999", name="Tomby", kind="municipality")
