"""The demo's climate contracts, read from their text through the contract reader and stored
through :mod:`klimatlaget.contracts.services` (so every step is in the change log).

Real data: Kalmar's contract of 2024 from ``../shared/seeds`` with its parties (Kalmar, the
agencies the contract names and Viable Cities), links from its sections to the targets, plans,
measures and investment plan the demo quotes from it, and a few commitments quoted verbatim.
The contract gives no date of signing, so it stays a draft (a signed contract needs its date)
and its source says so. Example data: two fictional municipalities, one with two versions.
Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import ORGANISATION
from klimatlaget.contracts import services
from klimatlaget.contracts.choices import LinkKind, PartyRole
from klimatlaget.contracts.models import Contract, ContractParty, Section
from klimatlaget.contracts.reading import read_text, template_writers
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures.models import ActionPlan, Measure
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.targets.models import Target

Say = Callable[[str], None]

HERE = Path(__file__).resolve().parent
KALMAR_CODE = "0880"
KALMAR_YEAR = 2024
KALMAR_FILE = "klimatkontrakt-2030-kalmar-2024.txt"
#: How the demo's plans, measures and investment plans name the contract they quote.
QUOTED_FROM = "Klimatkontrakt 2030, Kalmar kommun (2024), avsnitt "
KALMAR_SOURCE = (
    "Klimatkontrakt 2030, Kalmar kommun (2024); the text gives no date of signing "
    "(it applies for 2024, §9)"
)
VIABLE_CITIES = "Viable Cities"

#: The agencies §2 of Kalmar's contract names: (code, name).
KALMAR_AGENCIES: tuple[tuple[str, str], ...] = (
    ("formas", "Formas"),
    ("naturvardsverket", "Naturvårdsverket"),
    ("energimyndigheten", "Energimyndigheten"),
    ("tillvaxtverket", "Tillväxtverket"),
    ("trafikverket", "Trafikverket"),
    ("vinnova", "Vinnova"),
)


@dataclass(frozen=True, slots=True)
class Quote:
    """A commitment quoted verbatim (whitespace aside) from a section, by its party."""

    section: str
    party: str  # "municipality" or "viable_cities"
    text: str
    due_year: int | None = None


KALMAR_COMMITMENTS: tuple[Quote, ...] = (
    Quote(
        "3.2.4",
        "municipality",
        "Kalmar kommun ska arbeta enligt Fossilfritt Sveriges Färdplan för fossilfri "
        "konkurrenskraft inom bygg- och anläggningssektorns färdplan för fossilfri "
        "konkurrenskraft med målet att minska växthusgaserna i hela livscykeln för byggnader "
        "med 50 procent till 2030, jämfört med 2015.",
        2030,
    ),
    Quote(
        "3.5",
        "municipality",
        "Klimatinvesteringsplanen ska beskriva de investeringar som Kalmar kommun ska "
        "genomföra för att nå målsättningen om klimatneutralitet.",
    ),
    Quote(
        "6.5",
        "municipality",
        "Samtliga kommuner inom Klimatkontrakt 2030 åtar sig att dra nytta av insikterna från "
        "systemdemonstratorerna i syfte att möjliggöra uppskalning.",
    ),
    Quote(
        "6.5",
        "viable_cities",
        "Viable Cities och myndigheterna åtar sig att bidra till att systemdemonstratorerna "
        "lyfts i viktiga sammanhang på nationell och internationell nivå samt att dra nytta "
        "av insikterna från systemdemonstratorerna i syfte att möjliggöra uppskalning.",
    ),
)


@dataclass(frozen=True, slots=True)
class ExampleContract:
    code: str
    year: int
    file: str
    signed_on: datetime.date
    status: str


#: The fictional contracts: Strandhamn's 2023 version (superseded) and 2024, Tallnäs's 2024.
EXAMPLE_CONTRACTS: tuple[ExampleContract, ...] = (
    ExampleContract(
        "9102", 2023, "contract_example_9102_2023.txt", datetime.date(2023, 3, 15), "superseded"
    ),
    ExampleContract(
        "9102", 2024, "contract_example_9102_2024.txt", datetime.date(2024, 3, 14), "signed"
    ),
    ExampleContract(
        "9201", 2024, "contract_example_9201_2024.txt", datetime.date(2024, 4, 2), "signed"
    ),
)


def load_demo_contracts(*, example: bool, seeds: Path | None, say: Say) -> None:
    """The example contracts, or Kalmar's from ``seeds`` (skipped when the file is absent)."""
    if example:
        created = sum(_load_example(entry) for entry in EXAMPLE_CONTRACTS)
        say(f"Example climate contracts: {created} new.")
        return
    path = (seeds or Path()) / KALMAR_FILE
    if not path.exists():
        say(f"No climate contract in {path.parent}: skipped.")
        return
    kalmar = Organisation.objects.filter(code=KALMAR_CODE).first()
    if kalmar is None:
        say("Kalmar is not among the organisations: its climate contract is skipped.")
        return
    if Contract.objects.filter(organisation=kalmar, year=KALMAR_YEAR).exists():
        say(f"Kalmar's climate contract {KALMAR_YEAR}: already loaded.")
        return
    contract = load_kalmar(kalmar, path.read_text(encoding="utf-8"))
    say(
        f"Kalmar's climate contract {KALMAR_YEAR}: {contract.sections.count()} sections, "
        f"{contract.parties.count()} parties, a draft (the text gives no date of signing)."
    )


def _organisation(code: str, name: str, kind: str) -> Organisation:
    """The organisation of ``kind`` with this code or name, created (and recorded) when
    missing."""
    found = Organisation.objects.filter(kind=kind, name=name).first()
    if found is not None:
        return found
    org, created = Organisation.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind}
    )
    if created:
        record(
            actor=command_line(),
            action="klimatlaget.organisation.created",
            subject=ORGANISATION,
            organisation=org,
            changes={"name": [None, org.name], "kind": [None, org.kind]},
            summary=says("organisation_created_demo"),
        )
    return org


def viable_cities() -> Organisation:
    """Viable Cities, the programme office of the contracts (its code the programme's)."""
    return _organisation(
        settings.KLIMATLAGET_CONTRACT_PROGRAMME, VIABLE_CITIES, OrganisationKind.PROGRAMME_OFFICE
    )


def _add_party(contract: Contract, organisation: Organisation, role: str) -> ContractParty:
    existing = contract.parties.filter(party=organisation).first()
    if existing is not None:
        return existing
    return services.add_party(command_line(), contract, {"party_id": organisation.pk, "role": role})


def _numbers(source: str) -> list[str]:
    """The section numbers a quoting row's source names ('… avsnitt 7.1 och 3.2.5')."""
    if not source.startswith(QUOTED_FROM):
        return []
    return re.findall(r"\d+(?:\.\d+)+", source.removeprefix(QUOTED_FROM))


def _link(section: Section, kind: str, object_id: int) -> None:
    services.add_link(command_line(), section, {"kind": kind, "object_id": object_id})


def _link_quoted(contract: Contract) -> None:
    """Targets to the section on the municipality's targets, the investment plan to the one
    on the investment plan, and each plan and measure to the sections it is quoted from."""
    organisation = contract.organisation
    sections = {s.number: s for s in contract.sections.all()}
    by_subject = {s.subject: s for s in reversed(list(contract.sections.all())) if s.subject}
    targets = by_subject.get("municipality.targets")
    if targets is not None:
        for target in Target.objects.filter(organisation=organisation).order_by("pk"):
            _link(targets, LinkKind.TARGET, target.pk)
    investment = by_subject.get("municipality.investment_plan")
    if investment is not None:
        for plan in InvestmentPlan.objects.filter(
            organisation=organisation, source__startswith=QUOTED_FROM
        ):
            _link(investment, LinkKind.INVESTMENT_PLAN, plan.pk)
    quoting: list[tuple[str, ActionPlan | Measure]] = [
        *((LinkKind.ACTION_PLAN, p) for p in ActionPlan.objects.filter(organisation=organisation)),
        *((LinkKind.MEASURE, m) for m in Measure.objects.filter(organisation=organisation)),
    ]
    for kind, item in quoting:
        for number in _numbers(item.source):
            if number in sections:
                _link(sections[number], kind, item.pk)


@transaction.atomic
def load_kalmar(kalmar: Organisation, text: str) -> Contract:
    """Kalmar's contract of 2024 read from ``text``, with its parties, links and commitments."""
    actor = command_line()
    contract = services.store_parsed(
        actor,
        kalmar,
        KALMAR_YEAR,
        read_text(text),
        source=KALMAR_SOURCE,
        writers=template_writers(),
    )
    parties = {"municipality": contract.parties.get(party=kalmar)}
    for code, name in KALMAR_AGENCIES:
        _add_party(contract, _organisation(code, name, OrganisationKind.AGENCY), PartyRole.AGENCY)
    parties["viable_cities"] = _add_party(contract, viable_cities(), PartyRole.VIABLE_CITIES)
    _link_quoted(contract)
    sections = {s.number: s for s in contract.sections.all()}
    for quote in KALMAR_COMMITMENTS:
        services.add_commitment(
            actor,
            contract,
            {
                "text": quote.text,
                "party_id": parties[quote.party].pk,
                "section_id": sections[quote.section].pk,
                "due_year": quote.due_year,
            },
        )
    return contract


@transaction.atomic
def _load_example(entry: ExampleContract) -> bool:
    organisation = Organisation.objects.filter(code=entry.code).first()
    if (
        organisation is None
        or Contract.objects.filter(organisation=organisation, year=entry.year).exists()
    ):
        return False
    actor = command_line()
    text = (HERE / entry.file).read_text(encoding="utf-8")
    contract = services.store_parsed(
        actor,
        organisation,
        entry.year,
        read_text(text),
        source=f"{entry.file} (fictional)",
        writers=template_writers(),
    )
    _add_party(contract, viable_cities(), PartyRole.VIABLE_CITIES)
    services.update_contract(
        actor,
        contract,
        {"status": entry.status, "signed_on": entry.signed_on, "version": contract.version},
    )
    return True
