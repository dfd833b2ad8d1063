"""What the change log says, in the reader's language.

An entry stores a message code and its parameters (``AuditEntry.message`` and ``params``), not a
sentence: the history page and the API say it in the language of whoever reads it, with names
of kinds (roles, contacts, statuses) by their translated labels. The English sentence is also
kept in ``summary`` for the admin and for searching.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

Params = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Summary:
    """A message of the change log: its code and parameters (numbers, names, kind codes)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """The sentence in the active language."""
        return say(self.code, self.params)

    def english(self) -> str:
        """The sentence in English, as ``AuditEntry.summary`` keeps it."""
        with translation.override("en"):
            return self.text()


def says(code: str, **params: Any) -> Summary:
    """The summary ``code`` with ``params`` (a code the catalogue does not know is a bug)."""
    if code not in MESSAGES:
        raise KeyError(f"Unknown change-log message: {code}")
    return Summary(code, params)


def say(code: str, params: Params) -> str:
    """The sentence for ``code`` in the active language ("" when the code is unknown)."""
    message = MESSAGES.get(code)
    return message(params) if message else ""


# Counted phrases, their plural form chosen by ``n``.
NEW_VALUE = ngettext_lazy("%(n)s new value", "%(n)s new values", "n")
CHANGED_VALUE = ngettext_lazy("%(n)s changed value", "%(n)s changed values", "n")
NEW_TARGET = ngettext_lazy("%(n)s new target", "%(n)s new targets", "n")
CHANGED_TARGET = ngettext_lazy("%(n)s changed target", "%(n)s changed targets", "n")
MEMBER = ngettext_lazy("%(n)s member", "%(n)s members", "n")
ADDRESS = ngettext_lazy("%(n)s address", "%(n)s addresses", "n")
MEMBER_WITHOUT_A_CONTACT = ngettext_lazy(
    "%(n)s member without a contact", "%(n)s members without a contact", "n"
)
ANSWER_CHANGED = ngettext_lazy("%(n)s answer changed", "%(n)s answers changed", "n")
PRE_FILLED_ANSWER_CONFIRMED = ngettext_lazy(
    "%(n)s pre-filled answer confirmed", "%(n)s pre-filled answers confirmed", "n"
)
RETURNED_FOR_CORRECTION_ADDRESS_TOLD = ngettext_lazy(
    "returned for correction, %(n)s address told",
    "returned for correction, %(n)s addresses told",
    "n",
)


def _label(choices: Any, value: Any) -> str:
    """The translated label of a choice, or the value itself when it is not one."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _role(value: Any) -> str:
    from klimatlaget.accounts.models import RoleKind

    return _label(RoleKind, value)


def _contact_kind(value: Any) -> str:
    from klimatlaget.associations.models import ContactKind

    return _label(ContactKind, value)


def _board_role(value: Any) -> str:
    from klimatlaget.associations.models import BoardRole

    return _label(BoardRole, value)


def _status(value: Any) -> str:
    from klimatlaget.surveys.models import ResponseStatus

    return _label(ResponseStatus, value)


def _dispatch_kind(value: Any) -> str:
    from klimatlaget.surveys.models import DispatchKind

    return _label(DispatchKind, value)


def _figure(p: Params) -> str:
    """A published figure by its year, kind and (where it has one) key."""
    from klimatlaget.surveys.models import PublishedFigureKind

    name = f"{p['year']} {_label(PublishedFigureKind, p['kind']).lower()}"
    return f"{name} ({p['key']})" if p.get("key") else name


def _target(p: Params) -> str:
    """A target by its title, or its form and target year."""
    from klimatlaget.targets.models import FormChoice

    if p.get("title"):
        return str(p["title"])
    return f"{_label(FormChoice, p.get('form'))} {p.get('year') or ''}".strip()


def _counted(p: Params, name: str, message: Any) -> str:
    """``message`` (plural forms by ``n``) with ``n`` the count ``p[name]``."""
    return str(message % {"n": p[name]})


def origin_name(value: Any) -> str:
    """Where a survey was made from: the template, a definition or the survey of a year."""
    if value == "template":
        return _("from the template")
    if value == "definition":
        return _("from a definition")
    return _("a copy of %(year)s") % {"year": value}


def _survey_fields(names: Any) -> str:
    labels = {"title": _("title"), "deadline": _("deadline"), "state": _("state")}
    return ", ".join(labels.get(name, name) for name in names)


def _emissions(p: Params) -> str:
    new = _counted(p, "new", NEW_VALUE)
    changed = _counted(p, "changed", CHANGED_VALUE)
    return _("Emissions from %(file)s: %(new)s and %(changed)s") % {
        "file": p["file"],
        "new": new,
        "changed": changed,
    }


def _targets_imported(p: Params) -> str:
    new = _counted(p, "new", NEW_TARGET)
    changed = _counted(p, "changed", CHANGED_TARGET)
    return _("Targets from %(file)s: %(new)s and %(changed)s") % {
        "file": p["file"],
        "new": new,
        "changed": changed,
    }


def _register_kind(p: Params) -> str:
    """The kind of a plan, measure, indicator or quota, by the subject it is logged under."""
    kinds = {
        "action_plan": _("Action plan"),
        "measure": _("Measure"),
        "indicator": _("Indicator"),
        "emission_quota": _("Emission quota"),
        "investment_plan": _("Investment plan"),
        "investment_line": _("Investment line"),
    }
    return str(kinds.get(p["kind"], p["kind"]))


def _commitment_state(value: Any) -> str:
    from klimatlaget.contracts.choices import CommitmentState

    return _label(CommitmentState, value)


def _survey(p: Params, text: str) -> str:
    return _("%(survey)s: %(what)s") % {"survey": p["survey"], "what": text}


def _sent(p: Params) -> str:
    members = _counted(p, "members", MEMBER)
    addresses = _counted(p, "addresses", ADDRESS)
    without = _counted(p, "without", MEMBER_WITHOUT_A_CONTACT)
    text = _("%(kind)s sent to %(members)s (%(addresses)s); %(without)s") % {
        "kind": _dispatch_kind(p["kind"]),
        "members": members,
        "addresses": addresses,
        "without": without,
    }
    return _survey(p, text)


def _question(p: Params) -> str:
    """A question by its number and text, or its key when those are not known."""
    if p.get("label"):
        return _("question “%(text)s”") % {"text": p["label"]}
    if p.get("key"):
        return _("question %(key)s") % {"key": p["key"]}
    return _("a question")


def _section(p: Params) -> str:
    """A section by its title, or its key when the title is not known."""
    if p.get("label") or p.get("key"):
        return _("section “%(title)s”") % {"title": p.get("label") or p["key"]}
    return _("a section")


def _direction(p: Params) -> str:
    return _("up") if p.get("direction") == "up" else _("down")


MESSAGES: dict[str, Callable[[Params], str]] = {
    "register_created": lambda p: (
        _("%(kind)s added: %(name)s") % {"kind": _register_kind(p), "name": p["name"]}
    ),
    "register_changed": lambda p: (
        _("%(kind)s changed: %(name)s") % {"kind": _register_kind(p), "name": p["name"]}
    ),
    "register_deleted": lambda p: (
        _("%(kind)s deleted: %(name)s") % {"kind": _register_kind(p), "name": p["name"]}
    ),
    "indicator_value_set": lambda p: _("Value of %(indicator)s for %(period)s set") % p,
    "indicator_value_deleted": lambda p: _("Value of %(indicator)s for %(period)s deleted") % p,
    "budget_settings_changed": lambda p: _("Budget settings of %(year)s changed") % p,
    "quota_outcome_set": lambda p: _("Emissions of %(unit)s in %(period)s set") % p,
    "quota_outcome_deleted": lambda p: _("Emissions of %(unit)s in %(period)s deleted") % p,
    "follow_up_prepared": lambda p: _("Follow-up of %(period)s prepared") % p,
    "follow_up_measure_reported": lambda p: (
        _("Follow-up of %(period)s: measure %(measure)s reported") % p
    ),
    "follow_up_indicator_reported": lambda p: (
        _("Follow-up of %(period)s: indicator %(indicator)s reported") % p
    ),
    "follow_up_approved": lambda p: _("Follow-up of %(period)s approved and locked") % p,
    "follow_up_deleted": lambda p: _("Follow-up of %(period)s deleted") % p,
    "measure_owners_changed": lambda p: _("Owners of measure %(measure)s changed") % p,
    "investment_plan_new_version": lambda p: (
        _("New version of %(name)s made from version %(previous)s, with %(lines)s lines") % p
    ),
    "contract_stored": lambda p: (
        _("Climate contract %(year)s stored from %(file)s with %(sections)s sections") % p
    ),
    "contract_new_version": lambda p: (
        _("Climate contract %(year)s made from the version of %(previous)s") % p
    ),
    "contract_changed": lambda p: _("Climate contract %(year)s changed") % p,
    "contract_party_added": lambda p: _("Climate contract %(year)s: party %(name)s added") % p,
    "contract_section_changed": lambda p: _("Contract section %(section)s changed") % p,
    "contract_link_added": lambda p: _("Contract section %(section)s linked to %(name)s") % p,
    "contract_link_removed": lambda p: (
        _("Link of contract section %(section)s to %(name)s removed") % p
    ),
    "contract_subject_added": lambda p: _("Contract template: subject %(key)s added") % p,
    "contract_subject_changed": lambda p: _("Contract template: subject %(key)s changed") % p,
    "contract_commitment_added": lambda p: _("Commitment added: %(name)s") % p,
    "contract_commitment_removed": lambda p: _("Commitment removed: %(name)s") % p,
    "contract_commitment_status_set": lambda p: (
        _("Commitment %(name)s in %(year)s: %(status)s")
        % {**p, "status": _commitment_state(p["status"])}
    ),
    "investment_plan_imported": lambda p: (
        _("%(name)s imported from %(file)s, with %(lines)s lines") % p
    ),
    "profile_edited": lambda p: _("Profile edited"),
    "reporting_answer_saved": lambda p: _("Reporting answer to %(key)s saved for %(year)s") % p,
    "reporting_deadline_saved": lambda p: _("Reporting deadline saved: %(title)s") % p,
    "reporting_deadline_removed": lambda p: _("Reporting deadline removed: %(title)s") % p,
    "organisation_created_from": lambda p: _("Created from %(file)s") % p,
    "organisation_updated_from": lambda p: _("Updated from %(file)s") % p,
    "organisation_created_demo": lambda p: _("Created by the example data"),
    "population_imported": lambda p: _("Population from %(file)s") % p,
    "energy_imported": lambda p: _("Energy use %(year)s from %(file)s: %(rows)s rows") % p,
    "emissions_imported": _emissions,
    "targets_imported": _targets_imported,
    "target_added": lambda p: _("Climate target added: %(target)s") % {"target": _target(p)},
    "target_changed": lambda p: _("Climate target changed: %(target)s") % {"target": _target(p)},
    "target_deleted": lambda p: _("Climate target deleted: %(target)s") % {"target": _target(p)},
    "role_granted": lambda p: (
        _("%(user)s became %(role)s") % {"user": p["user"], "role": _role(p["role"]).lower()}
    ),
    "membership_created": lambda p: (
        _("Member of %(association)s from %(date)s") % {**p, "date": p["date"]}
    ),
    "membership_created_demo": lambda p: _("Member of %(association)s (example data)") % p,
    "membership_changed": lambda p: _("Membership of %(association)s changed") % p,
    "contact_added": lambda p: (
        _("%(kind)s for %(association)s added") % {**p, "kind": _contact_kind(p["kind"])}
    ),
    "contact_changed": lambda p: (
        _("%(kind)s for %(association)s changed") % {**p, "kind": _contact_kind(p["kind"])}
    ),
    "contact_removed": lambda p: (
        _("%(kind)s for %(association)s removed") % {**p, "kind": _contact_kind(p["kind"])}
    ),
    "board_added": lambda p: (
        _("Board: %(role)s from %(year)s added") % {**p, "role": _board_role(p["role"])}
    ),
    "board_changed": lambda p: (
        _("Board: %(role)s from %(year)s changed") % {**p, "role": _board_role(p["role"])}
    ),
    "board_removed": lambda p: (
        _("Board: %(role)s from %(year)s removed") % {**p, "role": _board_role(p["role"])}
    ),
    "fee_rule_set": lambda p: _("Fee rule of %(association)s from %(year)s") % p,
    "fee_override_set": lambda p: (
        _("Fee override for %(member)s in %(association)s from %(year)s") % p
    ),
    "fee_override_removed": lambda p: (
        _("Fee override for %(member)s in %(association)s from %(year)s removed") % p
    ),
    "figure_added": lambda p: _("Published figure added: %(figure)s") % {"figure": _figure(p)},
    "figure_changed": lambda p: _("Published figure changed: %(figure)s") % {"figure": _figure(p)},
    "figure_removed": lambda p: _("Published figure removed: %(figure)s") % {"figure": _figure(p)},
    "survey_created": lambda p: (
        _("Survey created: %(survey)s (%(origin)s)") % {**p, "origin": origin_name(p["origin"])}
    ),
    "survey_created_demo": lambda p: _survey(p, _("created from the template (example data)")),
    "survey_changed": lambda p: (
        _("Survey changed: %(survey)s (%(fields)s)") % {**p, "fields": _survey_fields(p["fields"])}
    ),
    "answers_changed": lambda p: _survey(p, _counted(p, "count", ANSWER_CHANGED)),
    "file_uploaded": lambda p: _survey(
        p, _("file uploaded for %(question)s") % {"question": _question(p)}
    ),
    "answers_confirmed": lambda p: _survey(
        p,
        _counted(p, "count", PRE_FILLED_ANSWER_CONFIRMED),
    ),
    "response_submitted": lambda p: _survey(p, _("submitted")),
    "response_status": lambda p: _survey(p, _status(p["status"])),
    "example_answers": lambda p: _survey(
        p, _("fictional example answers, %(status)s") % {"status": _status(p["status"]).lower()}
    ),
    "survey_sent": _sent,
    "returned_mailed": lambda p: _survey(
        p,
        _counted(p, "addresses", RETURNED_FOR_CORRECTION_ADDRESS_TOLD),
    ),
    "question_added": lambda p: _survey(p, _("%(question)s added") % {"question": _question(p)}),
    "question_changed": lambda p: _survey(
        p, _("%(question)s changed") % {"question": _question(p)}
    ),
    "question_removed": lambda p: _survey(
        p, _("%(question)s removed") % {"question": _question(p)}
    ),
    "question_moved": lambda p: _survey(
        p,
        _("%(question)s moved %(direction)s")
        % {"question": _question(p), "direction": _direction(p)},
    ),
    "section_added": lambda p: _survey(p, _("%(section)s added") % {"section": _section(p)}),
    "section_changed": lambda p: _survey(p, _("%(section)s changed") % {"section": _section(p)}),
    "section_removed": lambda p: _survey(p, _("%(section)s removed") % {"section": _section(p)}),
    "section_moved": lambda p: _survey(
        p,
        _("%(section)s moved %(direction)s") % {"section": _section(p), "direction": _direction(p)},
    ),
}


def actor_name(label: str) -> str:
    """Who made a change, for the reader: a user's name, or the command line and its user."""
    system, colon, user = label.partition(":")
    if colon and system == "cli":
        return _("the command line (%(user)s)") % {"user": user}
    return label


def action_name(action: str) -> str:
    """A short name for what an entry without a message did, by the kind of object it changed
    (``klimatlaget.<object>.<verb>``)."""
    names = {
        "organisation": _("Organisation changed"),
        "population": _("Population imported"),
        "emissions": _("Emissions imported"),
        "target": _("Climate targets changed"),
        "role": _("Role given"),
        "membership": _("Membership changed"),
        "contact": _("Contact changed"),
        "board": _("Board changed"),
        "fee_rule": _("Fee rule changed"),
        "fee_override": _("Fee override changed"),
        "survey": _("Survey changed"),
        "published_figure": _("Published figure changed"),
        "action_plan": _("Action plan changed"),
        "measure": _("Measure changed"),
        "indicator": _("Indicator changed"),
        "emission_quota": _("Emission quota changed"),
        "budget_settings": _("Budget settings changed"),
        "follow_up": _("Follow-up changed"),
        "investment_plan": _("Investment plan changed"),
        "investment_line": _("Investment line changed"),
        "contract": _("Climate contract changed"),
        "contract_section": _("Contract section changed"),
        "contract_commitment": _("Commitment changed"),
        "contract_subject": _("Contract template changed"),
        "measure_owners": _("Measure owners changed"),
    }
    kind = action.split(".")[1] if action.count(".") >= 2 else ""
    return names.get(kind, _("Change"))
