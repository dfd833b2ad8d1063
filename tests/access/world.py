"""The data the permission matrix runs against, built once per test module.

The fictional example dataset with its association Klimatkommunerna; a second association,
Grannkommunerna, with no members; a target for each of Strandhamn (9102) and Tallnäs (9201); the
example contacts and board; a fee rule and an override for Strandhamn; an action plan, a
measure and an indicator for each of 9102 and 9201, with an open follow-up period (2025 Q2) for
9102 and an approved one (2024) for 9201; an open Klimatläget survey
for 2025 that alice has started for Strandhamn (answers and a file), an open membership test for
2025, a closed Klimatläget survey for 2024 (its report is public) and a draft for 2026 (whose
questions may still be added and removed).

The users, one for each column of the matrix:

- alice edits Strandhamn (9102) and bob edits Tallnäs (9201), both members;
- kansli is the secretariat of Klimatkommunerna only;
- grannar is the secretariat of Grannkommunerna only (an outsider to Klimatkommunerna);
- admin holds a secretariat role without an association: the platform's, for everything;
- lasare views; nobody has an account but no role; anonymous is not logged in.

Klimatkommunerna also runs the climate contracts' programme (the setting
``KLIMATLAGET_CONTRACT_PROGRAMME``, set while the world is in use), so kansli is the programme
office. Strandhamn has a draft contract of 2025 (a section of its own with a link to its measure,
a joint section, a commitment); Tallnäs a signed contract of 2024 with a commitment. The agency
Trafikverket is a party of both, with a commitment of its own in each; its editor myndighet is
a user beside the matrix's columns (:mod:`access.test_agency`).
"""

from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from klimatlaget.accounts.actors import command_line

ROLES = ("alice", "bob", "kansli", "grannar", "admin", "lasare", "nobody", None)
PASSWORD = "pw-matrix"
#: The agency that is a party of both contracts, and its editor.
AGENCY, AGENCY_USER = "trafikverket", "myndighet"


def _import_example(folder: Path) -> None:
    from klimatlaget.demo.example import write_example_files
    from klimatlaget.imports.services import import_emissions, import_population, import_scb_codes

    paths = write_example_files(folder)
    import_scb_codes(paths["codes"], actor=command_line())
    import_population(paths["population"], actor=command_line())
    import_emissions(paths["emissions"], is_example=True, actor=command_line())


def _users(association: Any, neighbours: Any) -> dict[str, Any]:
    from klimatlaget.accounts.models import Role, RoleKind
    from klimatlaget.organisations.models import Organisation

    scopes = {
        "alice": (RoleKind.EDITOR, Organisation.objects.get(code="9102")),
        "bob": (RoleKind.EDITOR, Organisation.objects.get(code="9201")),
        "kansli": (RoleKind.SECRETARIAT_ADMIN, association),
        "grannar": (RoleKind.SECRETARIAT_ADMIN, neighbours),
        "admin": (RoleKind.SECRETARIAT_ADMIN, None),
        "lasare": (RoleKind.VIEWER, None),
        "nobody": None,
    }
    users = {}
    for name, scope in scopes.items():
        users[name] = get_user_model().objects.create_user(username=name, password=PASSWORD)
        if scope is not None:
            Role.objects.create(user=users[name], kind=scope[0], organisation=scope[1])
    return users


def _surveys(association: Any, alice: Any) -> dict[str, int]:
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys import services
    from klimatlaget.surveys.blueprints import definition
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState
    from surveys.conftest import EVERY_KIND

    def survey(year: int, kind: str, content: Any, state: str) -> Any:
        created = create_survey(association, year, kind, content)
        created.state = state
        created.save()
        return created

    open_survey = survey(2025, "klimatlaget", EVERY_KIND, SurveyState.OPEN)
    test = survey(2025, "membership_test", definition("membership_test", 2025), SurveyState.OPEN)
    survey(2024, "klimatlaget", EVERY_KIND, SurveyState.CLOSED)
    draft = survey(2026, "klimatlaget", EVERY_KIND, SurveyState.DRAFT)
    strandhamn = Organisation.objects.get(code="9102")
    response = services.start_response(alice, open_survey, strandhamn)
    services.save_answers(alice, response, {"has_target": True, "comment": "Utkast"})
    question = open_survey.questions.get(key="plan_file")
    services.save_file(alice, response, question, "plan.pdf", "application/pdf", b"%PDF")
    return {"SURVEY": open_survey.pk, "TEST": test.pk, "DRAFT": draft.pk}


def _association_data(association: Any) -> dict[str, int]:
    from klimatlaget.accounts.actors import command_line
    from klimatlaget.associations.models import BoardMember, Contact
    from klimatlaget.demo.association import load_example_contacts_and_board, load_fee_rule
    from klimatlaget.demo.surveys import load_published_2024
    from klimatlaget.fees.services import set_fee_override
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.targets.models import Target

    load_example_contacts_and_board(association)
    load_fee_rule(association)
    strandhamn = Organisation.objects.get(code="9102")
    set_fee_override(
        command_line(), association, strandhamn, 2025, reason="Matrix", amount_sek=Decimal(1)
    )
    target = {"form": "percent_reduction", "value": 70, "base_year": 1990, "target_year": 2030}
    ids = {
        f"TARGET_{code}": Target.objects.create(
            organisation=Organisation.objects.get(code=code), scopes=["1", "2"], **target
        ).pk
        for code in ("9102", "9201")
    }
    ids["SEAT"] = BoardMember.objects.filter(association=association).order_by("pk")[0].pk
    ids["CONTACT"] = Contact.objects.filter(association=association, member=strandhamn)[0].pk
    load_published_2024(association)
    ids["PUBLISHED"] = association.published_figures.order_by("pk")[0].pk
    return ids


def _measures_data() -> dict[str, int]:
    """An adopted plan, a measure, an indicator with a value and a unit's emission quota with a
    quarter's emissions for each of 9102 and 9201."""
    from klimatlaget.measures import indicators, plans, quotas, services
    from klimatlaget.organisations.models import Organisation

    ids = {}
    for code in ("9102", "9201"):
        organisation = Organisation.objects.get(code=code)
        plan = plans.create_plan(
            command_line(),
            organisation,
            {"title": "Klimatplan", "status": "adopted", "adopted_on": "2024-01-01"},
        )
        measure = services.create_measure(
            command_line(),
            organisation,
            {"code": "M1", "title": "Matrix", "sector": "Transporter", "type": "technical"},
        )
        indicator = indicators.create_indicator(
            command_line(), organisation, {"name": "Matrix", "unit": "st"}
        )
        value = indicators.set_value(command_line(), indicator, 2025, 1, 3.0)
        quota = quotas.create_quota(
            command_line(), organisation, {"unit": "Matrixnämnden", "year": 2026, "quota_t": 100}
        )
        quotas.set_outcome(command_line(), quota, 1, 20.0)
        ids |= {
            f"PLAN_{code}": plan.pk,
            f"MEASURE_{code}": measure.pk,
            f"INDICATOR_{code}": indicator.pk,
            f"VALUE_{code}": value.pk,
            f"QUOTA_{code}": quota.pk,
        }
        ids |= _investments_data(organisation, measure)
    return ids


def _investments_data(organisation, measure) -> dict[str, int]:
    """An investment plan in two versions (the second replacing the first), with a line for
    the measure."""
    from klimatlaget.investments import services

    plan = services.create_plan(
        command_line(), organisation, {"year": 2025, "horizon_from": 2024, "horizon_to": 2030}
    )
    services.create_line(
        command_line(),
        plan,
        {
            "measure_id": measure.pk,
            "actor": "municipality",
            "capex_by_year": {"2026": 1000000},
            "lifetime_years": 20,
            "funding_source": "own_budget",
            "funding_status": "decided",
        },
    )
    second = services.new_version(command_line(), plan)
    code = organisation.code
    return {f"INVESTMENT_{code}": second.pk, f"INVLINE_{code}": second.lines.get().pk}


def _contracts_data(ids: dict[str, int]) -> dict[str, int]:
    """Strandhamn's draft of 2025 and Tallnäs's signed contract of 2024."""
    from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
    from klimatlaget.contracts import services
    from klimatlaget.organisations.models import Organisation

    parsed = ParsedContract(
        [
            ParsedSection("1", "Syfte", "Syftet.", "purpose"),
            ParsedSection("3", "Kommunens åtaganden", "Kommunen.", "municipality"),
        ]
    )
    found = {}
    for code, year in (("9102", 2025), ("9201", 2024)):
        organisation = Organisation.objects.get(code=code)
        contract = services.store_parsed(command_line(), organisation, year, parsed)
        own = contract.sections.get(number="3")
        link = services.add_link(
            command_line(), own, {"kind": "measure", "object_id": ids[f"MEASURE_{code}"]}
        )
        commitment = services.add_commitment(
            command_line(),
            contract,
            {"text": "Matrix", "party_id": contract.parties.get().pk, "section_id": own.pk},
        )
        found |= {
            f"CONTRACT_{code}": contract.pk,
            f"COMMIT_{code}": commitment.pk,
            f"CSECTION_{code}": own.pk,
            f"CJOINT_{code}": contract.sections.get(number="1").pk,
            f"CLINK_{code}": link.pk,
        }
        found |= _agency_part(contract, own, code)
        if code == "9201":
            services.update_contract(
                command_line(), contract, {"status": "signed", "signed_on": "2024-05-01"}
            )
    return found | _pending_import(parsed)


def _pending_import(parsed: Any) -> dict[str, int]:
    """Strandhamn's contract of 2026 read and reviewed by alice, not yet stored."""
    from klimatlaget.contracts.models import PendingImport
    from klimatlaget.organisations.models import Organisation

    pending = PendingImport.objects.create(
        organisation=Organisation.objects.get(code="9102"),
        year=2026,
        uploaded_by=get_user_model().objects.get(username="alice"),
        file="matrix.txt",
        **PendingImport.held(parsed),
    )
    return {"CIMPORT": pending.pk}


def _agency_part(contract: Any, section: Any, code: str) -> dict[str, int]:
    """Trafikverket (an agency, edited by the user myndighet) as a party of ``contract`` with a
    commitment of its own."""
    from klimatlaget.contracts import services
    from klimatlaget.organisations.models import Organisation

    agency = Organisation.objects.get(code=AGENCY)
    party = services.add_party(command_line(), contract, {"party_id": agency.pk, "role": "agency"})
    commitment = services.add_commitment(
        command_line(),
        contract,
        {"text": "Myndigheten", "party_id": party.pk, "section_id": section.pk},
    )
    return {f"ACOMMIT_{code}": commitment.pk}


def _agency(users: dict[str, Any]) -> None:
    """The agency Trafikverket and its editor myndighet (a user beside :data:`ROLES`, whose
    statuses :mod:`access.test_agency` declares)."""
    from klimatlaget.accounts.models import Role, RoleKind
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    agency = Organisation.objects.create(
        code=AGENCY, name="Trafikverket", kind=OrganisationKind.AGENCY
    )
    users[AGENCY_USER] = get_user_model().objects.create_user(
        username=AGENCY_USER, password=PASSWORD
    )
    Role.objects.create(user=users[AGENCY_USER], kind=RoleKind.EDITOR, organisation=agency)


def _follow_up_data(ids: dict[str, int]) -> dict[str, int]:
    """An open follow-up of 2025 Q2 for 9102 and an approved one of 2024 for 9201."""
    from klimatlaget.followup import services
    from klimatlaget.organisations.models import Organisation

    strandhamn = Organisation.objects.get(code="9102")
    tallnas = Organisation.objects.get(code="9201")
    open_period = services.prepare_period(command_line(), strandhamn, 2025, 2)
    approved = services.prepare_period(command_line(), tallnas, 2024, 0)
    for report in approved.measure_reports.all():
        services.report_on_measure(command_line(), report, {"completion_pct": 10})
    services.approve_period(command_line(), approved)
    return {
        "MREPORT_9102": open_period.measure_reports.get().pk,
        "IREPORT_9102": open_period.indicator_reports.get().pk,
        "MREPORT_9201": approved.measure_reports.get().pk,
    }


def _reporting_data() -> dict[str, int]:
    """A reporting deadline the platform's secretariat keeps."""
    import datetime

    from klimatlaget.reporting.services import save_deadline

    deadline = save_deadline(
        command_line(),
        None,
        {
            "platform": "cdp",
            "title": "Matrix",
            "due": datetime.date(2030, 7, 31),
            "recurs_yearly": True,
        },
    )
    return {"DEADLINE": deadline.pk}


def build(folder: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Everything above; returns the users by name and the ids the matrix's URLs name."""
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    _import_example(folder)
    association = load_memberships(example=True).association
    neighbours = Organisation.objects.create(
        code="grannkommunerna", name="Grannkommunerna", kind=OrganisationKind.ASSOCIATION
    )
    users = _users(association, neighbours)
    _agency(users)
    ids = {**_association_data(association), **_surveys(association, users["alice"])}
    ids |= _measures_data()
    ids |= _follow_up_data(ids)
    ids |= _contracts_data(ids)
    ids |= _reporting_data()
    return users, ids


@contextmanager
def built_once(django_db_blocker: Any, folder: Path) -> Any:
    """Build the data in a transaction that is rolled back afterwards; each test runs inside
    it in its own savepoint (pytest-django's ``db``), so tests cannot see each other's writes."""
    programme = override_settings(KLIMATLAGET_CONTRACT_PROGRAMME="klimatkommunerna")
    with programme, django_db_blocker.unblock(), transaction.atomic():
        yield build(folder)
        transaction.set_rollback(True)
