"""The example data with something of everything the open data publishes, and something of
everything it must leave out: an adopted investment plan with a newer draft version, a plan
that is only a draft, a signed contract and a draft one."""

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
from klimatlaget.contracts import services as contracts
from klimatlaget.investments import services as investments
from klimatlaget.measures import services as measures
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target

PARSED = ParsedContract(
    [
        ParsedSection("1", "Syfte", "Syftet.", "purpose"),
        ParsedSection("3", "Kommunens åtaganden", "Kommunen.", "municipality"),
    ]
)
LINE = {
    "actor": "municipality",
    "capex_by_year": {"2026": 1000000, "2027": 500000},
    "lifetime_years": 20,
    "funding_source": "own_budget",
    "funding_status": "decided",
    "reduction_t": 120.0,
    "sector": "Transporter",
}


def _plan(organisation, status, capex):
    plan = investments.create_plan(
        command_line(),
        organisation,
        {"year": 2025, "horizon_from": 2025, "horizon_to": 2030, "status": status}
        | ({"adopted_on": "2025-03-01"} if status == "adopted" else {}),
    )
    investments.create_line(
        command_line(), plan, {**LINE, "title": "Laddinfrastruktur", "capex_by_year": capex}
    )
    return plan


@pytest.fixture
def published(example_data):
    """Strandhamn (9102): a target, a measure whose title a spreadsheet would run, an adopted
    plan of 2025 with a newer draft version, a signed contract. Tallnäs (9201): a plan that is
    only a draft, a draft contract."""
    strandhamn = Organisation.objects.get(code="9102")
    tallnas = Organisation.objects.get(code="9201")
    Target.objects.create(
        organisation=strandhamn,
        form="percent_reduction",
        value=70,
        base_year=1990,
        target_year=2030,
        scopes=["1"],
        status="adopted",
    )
    measures.create_measure(
        command_line(),
        strandhamn,
        {"code": "T1", "title": "=HYPERLINK(1)", "sector": "Transporter", "type": "technical"},
    )
    adopted = _plan(strandhamn, "adopted", {"2026": 1000000, "2027": 500000})
    draft = investments.new_version(command_line(), adopted)
    investments.update_plan(command_line(), draft, {"status": "draft", "adopted_on": None})
    investments.create_line(
        command_line(), draft, {**LINE, "title": "Utkast", "capex_by_year": {"2026": 999}}
    )
    _plan(tallnas, "draft", {"2026": 777})
    signed = contracts.store_parsed(command_line(), strandhamn, 2024, PARSED)
    contracts.update_contract(
        command_line(), signed, {"status": "signed", "signed_on": "2024-05-01"}
    )
    unsigned = contracts.store_parsed(command_line(), tallnas, 2025, PARSED)
    unsigned.sections.filter(number="3").update(title="Hemligt utkast")
    return {"adopted": adopted, "draft": draft, "signed": signed, "unsigned": unsigned}
