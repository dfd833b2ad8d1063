"""What a change is about, and so who may read it and which of its values the log may keep.

The change log is read by everyone who may read an organisation's history, including viewers.
Each entry therefore names its subject: a kind of object with a :class:`Visibility` (whose own
pages decide who reads the entry) and the fields whose values may be stored. The values of the
other fields (people's names and addresses, members' answers, confidential reasons) are never
written to the log; the entry says only that they changed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Stored instead of a value the log must not keep (None stays None: "was empty").
HIDDEN = "(hidden)"


class Visibility(models.TextChoices):
    """Who may read an entry, by the rules of its object's own pages."""

    PUBLIC = "public", _("everyone who may read the history")
    ASSOCIATION = "association", _("the association's secretariat")
    MEMBER = "member", _("the member's own editors and the secretariat")
    RESPONSE = "response", _("those who may see the survey response")


@dataclass(frozen=True, slots=True)
class SubjectKind:
    """A kind of object the log records changes of.

    ``kept`` names the fields whose values may be stored; ``None`` keeps every value."""

    name: str
    visibility: Visibility = Visibility.PUBLIC
    kept: frozenset[str] | None = None

    def redact(self, changes: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
        """``changes`` with every value the log must not keep replaced by :data:`HIDDEN`."""
        if self.kept is None:
            return dict(changes)
        return {
            field: values if field in self.kept else [_hidden(value) for value in values]
            for field, values in changes.items()
        }


def _hidden(value: Any) -> Any:
    return None if value in (None, "") else HIDDEN


# Public data: every reader of the history sees every value.
ORGANISATION = SubjectKind("organisation")
DATA = SubjectKind("data")  # emissions, population and SCB codes from the official files
TARGET = SubjectKind("target")
MEMBERSHIP = SubjectKind("membership")
ROLE = SubjectKind("role")
#: Headline figures quoted from an association's published report: public like the report.
PUBLISHED_FIGURE = SubjectKind("published_figure")
ACTION_PLAN = SubjectKind("action_plan")
MEASURE = SubjectKind("measure")
INDICATOR = SubjectKind("indicator")
EMISSION_QUOTA = SubjectKind("emission_quota")
BUDGET_SETTINGS = SubjectKind("budget_settings")
#: Follow-up periods and their reports: read by those who read the organisation's history.
FOLLOW_UP = SubjectKind("follow_up")
#: Climate investment plans and their lines: public like measures.
INVESTMENT_PLAN = SubjectKind("investment_plan")
INVESTMENT_LINE = SubjectKind("investment_line")
#: Climate contracts (with their parties), their sections (with links) and commitments; a
#: draft's entries are read like every entry of the organisation's history.
CONTRACT = SubjectKind("contract")
CONTRACT_SECTION = SubjectKind("contract_section")
CONTRACT_COMMITMENT = SubjectKind("contract_commitment")
#: Answers to the reporting platforms' questions (public like the readiness page) and the
#: platforms' deadlines.
REPORTING_ANSWER = SubjectKind("reporting_answer")
REPORTING_DEADLINE = SubjectKind("reporting_deadline")
#: The programme office's additions to and edits of the contracts' template of subjects.
CONTRACT_SUBJECT = SubjectKind("contract_subject")

# Restricted data.
CONTACT = SubjectKind(
    "contact", Visibility.MEMBER, kept=frozenset({"kind", "language", "valid_from", "valid_to"})
)
BOARD_MEMBER = SubjectKind(
    "board_member",
    Visibility.ASSOCIATION,
    kept=frozenset({"role", "organisation", "from_year", "to_year"}),
)
FEE_RULE = SubjectKind("fee_rule", Visibility.ASSOCIATION)
FEE_OVERRIDE = SubjectKind(
    "fee_override",
    Visibility.ASSOCIATION,
    kept=frozenset({"from_year", "to_year", "counted_inhabitants", "amount_sek"}),
)
SURVEY = SubjectKind("survey", Visibility.ASSOCIATION)
#: Who owns a measure: user accounts, so the log says only that they changed.
MEASURE_OWNERS = SubjectKind("measure_owners", kept=frozenset())
#: A response keeps no value: its fields are question keys, which may be named anything.
SURVEY_RESPONSE = SubjectKind("survey_response", Visibility.RESPONSE, kept=frozenset())

#: Every kind, by name.
KINDS = {
    kind.name: kind
    for kind in (
        ORGANISATION,
        DATA,
        TARGET,
        MEMBERSHIP,
        ROLE,
        PUBLISHED_FIGURE,
        ACTION_PLAN,
        MEASURE,
        INDICATOR,
        EMISSION_QUOTA,
        BUDGET_SETTINGS,
        FOLLOW_UP,
        INVESTMENT_PLAN,
        INVESTMENT_LINE,
        CONTRACT,
        CONTRACT_SECTION,
        CONTRACT_COMMITMENT,
        REPORTING_ANSWER,
        REPORTING_DEADLINE,
        CONTRACT_SUBJECT,
        MEASURE_OWNERS,
        CONTACT,
        BOARD_MEMBER,
        FEE_RULE,
        FEE_OVERRIDE,
        SURVEY,
        SURVEY_RESPONSE,
    )
}
