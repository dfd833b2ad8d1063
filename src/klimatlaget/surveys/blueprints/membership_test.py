"""The membership test: does the member meet Klimatkommunerna's membership requirements?

The requirements are those of the association's operating plan 2008–2009 ("Medlemskap"): a
member decides politically to work to continuously inventory its greenhouse-gas emissions, to
set targets for the emissions, to have an action plan and carry out measures to reduce them, and
to keep the association informed of its work. Each becomes yes/no questions with evidence (the
year of the latest inventory, a link to the action plan) and a requirement whose checks
:func:`klimatlaget.calc.surveys.judge_membership` applies. The questions on the action plan and
the measures are pre-filled from the platform's registers of plans and measures.
"""

from __future__ import annotations

from typing import Any

from klimatlaget.surveys.blueprints import english
from klimatlaget.surveys.blueprints.klimatlaget import yes_no

#: An inventory counts as continuous when its latest year is at most this many years before the
#: survey year (the national database is published with a lag of about two years).
INVENTORY_LAG_YEARS = 3

PLAN_HELP = "Förifyllt från plattformens register över handlingsplaner; rätta om det inte stämmer."
MEASURES_HELP = "Förifyllt från plattformens åtgärdsregister; rätta om det inte stämmer."


def _when(question: str) -> dict[str, Any]:
    return {"question": question, "equals": True}


def _sections(year: int) -> list[dict[str, Any]]:
    return [
        {
            "key": "decision",
            "title": "Politiskt beslut",
            "questions": [
                yes_no(
                    "political_decision",
                    "Har kommunen politiskt beslutat att arbeta enligt Klimatkommunernas "
                    "medlemskrav?",
                    required=True,
                ),
                {
                    "key": "decision_year",
                    "kind": "year",
                    "text": "Vilket år fattades beslutet?",
                    "minimum": 2000,
                    "maximum": year,
                    "condition": _when("political_decision"),
                },
            ],
        },
        {
            "key": "inventory",
            "title": "Inventering av utsläpp",
            "questions": [
                yes_no(
                    "inventories_emissions",
                    "Inventerar kommunen kontinuerligt sina utsläpp av växthusgaser?",
                    required=True,
                ),
                {
                    "key": "latest_inventory_year",
                    "kind": "year",
                    "text": "Vilket är det senaste år som utsläppen är inventerade för?",
                    "required": True,
                    "minimum": 1990,
                    "maximum": year,
                    "condition": _when("inventories_emissions"),
                },
            ],
        },
        {
            "key": "targets",
            "title": "Mål för utsläppen",
            "questions": [
                yes_no(
                    "has_emission_targets",
                    "Har kommunen satt upp mål för att minska utsläppen av växthusgaser?",
                    required=True,
                ),
                {
                    "key": "targets_link",
                    "kind": "link",
                    "text": "Länk till de beslutade målen.",
                    "condition": _when("has_emission_targets"),
                },
            ],
        },
        {
            "key": "action_plan",
            "title": "Handlingsplan och åtgärder",
            "questions": [
                yes_no(
                    "has_action_plan",
                    "Har kommunen en handlingsplan för att minska utsläppen?",
                    required=True,
                    prefill="action_plan",
                    help_text=PLAN_HELP,
                ),
                {
                    "key": "action_plan_link",
                    "kind": "link",
                    "text": "Länk till handlingsplanen.",
                    "required": True,
                    "condition": _when("has_action_plan"),
                    "prefill": "action_plan_link",
                },
                yes_no(
                    "carries_out_measures",
                    "Genomför kommunen åtgärder för att minska utsläppen?",
                    required=True,
                    prefill="measures_carried_out",
                    help_text=MEASURES_HELP,
                ),
                {
                    "key": "measures_examples",
                    "kind": "text",
                    "text": "Ge några exempel på åtgärder som genomförts det senaste året.",
                    "condition": _when("carries_out_measures"),
                    "prefill": "measures_summary",
                },
            ],
        },
        {
            "key": "reporting",
            "title": "Information till föreningen",
            "questions": [
                yes_no(
                    "reports_to_association",
                    "Informerar kommunen kontinuerligt föreningen om sitt klimatarbete, till "
                    "exempel genom att besvara Klimatläget?",
                    required=True,
                ),
            ],
        },
    ]


def _requirements(year: int) -> list[dict[str, Any]]:
    return [
        {
            "key": "decision",
            "text": "Politiskt beslut om att arbeta enligt medlemskraven",
            "checks": [{"question": "political_decision", "kind": "yes"}],
        },
        {
            "key": "inventory",
            "text": "Inventerar kontinuerligt utsläppen av växthusgaser",
            "checks": [
                {"question": "inventories_emissions", "kind": "yes"},
                {
                    "question": "latest_inventory_year",
                    "kind": "at_least",
                    "value": year - INVENTORY_LAG_YEARS,
                },
            ],
        },
        {
            "key": "targets",
            "text": "Har satt upp mål för utsläppen",
            "checks": [{"question": "has_emission_targets", "kind": "yes"}],
        },
        {
            "key": "action_plan",
            "text": "Har en handlingsplan och genomför åtgärder",
            "checks": [
                {"question": "has_action_plan", "kind": "yes"},
                {"question": "action_plan_link", "kind": "answered"},
                {"question": "carries_out_measures", "kind": "yes"},
            ],
        },
        {
            "key": "reporting",
            "text": "Informerar föreningen om arbetet",
            "checks": [{"question": "reports_to_association", "kind": "yes"}],
        },
    ]


def definition(year: int) -> dict[str, Any]:
    return english.with_english(
        _swedish(year), english.MEMBERSHIP_TEST_SECTIONS, english.MEMBERSHIP_TEST_QUESTIONS
    )


def _swedish(year: int) -> dict[str, Any]:
    return {
        "title": f"Medlemstest {year}",
        "introduction": (
            "Medlemstestet visar om kommunen uppfyller Klimatkommunernas medlemskrav: att "
            "kontinuerligt inventera utsläppen av växthusgaser, sätta upp mål för utsläppen, "
            "ha en handlingsplan och genomföra åtgärder, och informera föreningen om arbetet."
        ),
        "sections": _sections(year),
        "requirements": _requirements(year),
    }
