"""The change log never shows more than its reader may see.

For every kind of object that holds personal or restricted data, a change is made through the
real service; then every history page and endpoint is read as every role. Values the log must
not keep (people's details, answers, confidential reasons) appear for nobody; restricted values
appear only for those whose pages show the object, who also see that the change happened;
everyone else does not even see the entry.

To cover a new kind of restricted data, add a :class:`Case` to ``CASES``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from klimatlaget.associations import services as associations
from klimatlaget.audit import subjects
from klimatlaget.audit.subjects import KINDS, SubjectKind, Visibility
from klimatlaget.fees import services as fees
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services as surveys
from klimatlaget.surveys.secretariat import dispatch, editing
from surveys.conftest import EVERY_KIND

ROLES = ("alice", "bob", "kansli", "lasare", "nobody", None)
ASSOCIATION = "klimatkommunerna"
SECRET = "Zx9_q7"  # in every value that must stay out of the log (a CSRF token has no "_")


@dataclass(frozen=True)
class Case:
    subject: SubjectKind
    #: Makes the change through the real service: (users, association) -> None.
    change: Callable[[dict[str, Any], Organisation], None]
    #: The organisation in whose history the change is recorded.
    history_of: str
    actions: tuple[str, ...]
    #: The roles whose pages show the object: they, and only they, see the entries.
    readers: frozenset[str]
    #: Values no reader may see: the log does not keep them.
    never: tuple[str, ...]
    #: Values only the readers may see.
    restricted: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.subject.name


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def _contact(users: dict[str, Any], assoc: Organisation) -> None:
    bob = users["bob"]
    politician = {
        "kind": "politician",
        "name": f"Hemlig Politikersson {SECRET}",
        "role": f"Ordförande {SECRET}",
        "email": f"hemlig.{SECRET}@tallnas.example",
        "phone": f"070-{SECRET}",
        "party": f"Hemligapartiet {SECRET}",
    }
    contact = associations.add_contact(bob, assoc, org("9201"), politician)
    associations.change_contact(bob, contact, {"name": f"Ny Politikersson {SECRET}"})
    associations.remove_contact(bob, contact)


def _board_member(users: dict[str, Any], assoc: Organisation) -> None:
    kansli = users["kansli"]
    values = {"name": f"Styrelse Ledamot {SECRET}", "role": "member", "from_year": 2024}
    seat = associations.add_board_member(kansli, assoc, values)
    associations.change_board_member(kansli, seat, {"name": f"Annan Ledamot {SECRET}"})
    associations.remove_board_member(kansli, seat)


def _fee_rule(users: dict[str, Any], assoc: Organisation) -> None:
    fees.set_fee_rule(
        users["kansli"],
        assoc,
        2031,
        fixed_sek="98765.43",
        per_inhabitant_sek="0.2",
        max_inhabitants=None,
    )


def _fee_override(users: dict[str, Any], assoc: Organisation) -> None:
    kansli, strandhamn = users["kansli"], org("9102")
    reason = f"Hemlig överenskommelse {SECRET}"
    fees.set_fee_override(
        kansli, assoc, strandhamn, 2025, reason=reason, amount_sek=Decimal("87654.32")
    )
    fees.set_fee_override(kansli, assoc, strandhamn, 2025, reason=f"Ändrad {reason}", amount_sek=1)
    (override,) = strandhamn.fee_overrides_as_member.all()
    fees.remove_fee_override(kansli, override)


def _survey(assoc: Organisation) -> Any:
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState

    survey = create_survey(assoc, 2025, "klimatlaget", EVERY_KIND)
    survey.state = SurveyState.OPEN
    survey.save()
    return survey


def _survey_response(users: dict[str, Any], assoc: Organisation) -> None:
    alice, kansli = users["alice"], users["kansli"]
    survey = _survey(assoc)
    response = surveys.start_response(alice, survey, org("9102"))
    draft = {"has_target": "nej", "comment": f"Hemligt utkast {SECRET}", "budget": "4242.5"}
    surveys.save_answers(alice, response, draft)
    surveys.save_answers(alice, response, {"comment": f"Ändrat utkast {SECRET}"})
    plan = survey.questions.get(key="plan_file")
    surveys.save_file(alice, response, plan, f"plan-{SECRET}.txt", "text/plain", b"plan")
    surveys.submit(alice, response)
    returned = surveys.return_for_correction(kansli, response, f"Hemlig kommentar {SECRET}")
    dispatch.send_returned(kansli, returned, "https://example.org")


def _survey_definition(users: dict[str, Any], assoc: Organisation) -> None:
    from klimatlaget.surveys.building import create_survey

    survey = create_survey(assoc, 2026, "klimatlaget", EVERY_KIND)
    question = {"key": "zx9_draft", "kind": "text", "text": f"Utkastfråga {SECRET}"}
    editing.add_question(users["kansli"], survey, "work", question)


CASES = (
    Case(
        subjects.CONTACT,
        _contact,
        history_of="9201",
        actions=("contact.added", "contact.changed", "contact.removed"),
        readers=frozenset({"bob", "kansli"}),
        never=(SECRET,),
    ),
    Case(
        subjects.BOARD_MEMBER,
        _board_member,
        history_of=ASSOCIATION,
        actions=("board.added", "board.changed", "board.removed"),
        readers=frozenset({"kansli"}),
        never=(SECRET,),
    ),
    Case(
        subjects.FEE_RULE,
        _fee_rule,
        history_of=ASSOCIATION,
        actions=("fee_rule.created",),
        readers=frozenset({"kansli"}),
        never=(),
        restricted=("98765.43",),
    ),
    Case(
        subjects.FEE_OVERRIDE,
        _fee_override,
        history_of="9102",
        actions=("fee_override.created", "fee_override.changed", "fee_override.removed"),
        readers=frozenset({"kansli"}),
        never=(SECRET,),
        restricted=("87654.32",),
    ),
    Case(
        subjects.SURVEY_RESPONSE,
        _survey_response,
        history_of="9102",
        actions=("survey.answered", "survey.submitted", "survey.returned"),
        readers=frozenset({"alice", "kansli"}),
        never=(SECRET, "4242.5"),
    ),
    Case(
        subjects.SURVEY,
        _survey_definition,
        history_of=ASSOCIATION,
        actions=("survey.question_added",),
        readers=frozenset({"kansli"}),
        never=(),
        restricted=("zx9_draft",),
    ),
)


def test_every_kind_of_restricted_data_has_a_case():
    restricted = {kind for kind in KINDS.values() if kind.visibility != Visibility.PUBLIC}
    assert restricted <= {case.subject for case in CASES}


@pytest.fixture
def association(users):
    from klimatlaget.demo.association import load_memberships

    return load_memberships(example=True).association


def _read(role: str | None, users: dict[str, Any], code: str) -> dict[str, tuple[int, str]]:
    client = Client()
    if role is not None:
        client.force_login(users[role])
    return {
        "page": _body(client.get(f"/o/{code}/history/")),
        "api": _body(client.get(f"/api/organisations/{code}/history")),
    }


def _body(response: Any) -> tuple[int, str]:
    return response.status_code, response.content.decode()


def _shown_actions(where: str, body: str) -> set[str]:
    if where == "api":
        return {entry["action"] for entry in json.loads(body)}
    return {action for action in KNOWN_ACTIONS if f'data-action="{action}"' in body}


KNOWN_ACTIONS = {f"klimatlaget.{action}" for case in CASES for action in case.actions}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_history_shows_restricted_changes_only_to_their_readers(case, users, association):
    case.change(users, association)
    for role in ROLES:
        for where, (status, body) in _read(role, users, case.history_of).items():
            seen = f"{case} read by {role} on the {where}"
            for value in case.never:
                assert value not in body, f"{seen} shows {value!r}"
            if status != 200:
                continue
            actions = _shown_actions(where, body)
            wanted = {f"klimatlaget.{action}" for action in case.actions}
            if role in case.readers:
                assert wanted <= actions, f"{seen} misses the change"
                for value in case.restricted:
                    assert value in body, f"{seen} misses {value!r}"
            else:
                assert not wanted & actions, f"{seen} shows the change"
                for value in case.restricted:
                    assert value not in body, f"{seen} shows {value!r}"


def test_every_reader_is_answered_and_outsiders_are_refused(users, association):
    """The roles above are really let in or refused, so the checks are not vacuous."""
    expected = {
        "alice": {"9102": 200, "9201": 403},
        "bob": {"9102": 403, "9201": 200},
        "kansli": {"9102": 200, "9201": 200, ASSOCIATION: 200},
        "lasare": {"9102": 200, "9201": 200, ASSOCIATION: 200},
        "nobody": {"9102": 403},
    }
    for role, codes in expected.items():
        for code, status in codes.items():
            read = _read(role, users, code)
            assert {where: s for where, (s, _body) in read.items()} == {
                "page": status,
                "api": status,
            }, (role, code)
    anonymous = _read(None, users, "9102")
    assert (anonymous["page"][0], anonymous["api"][0]) == (302, 401)
