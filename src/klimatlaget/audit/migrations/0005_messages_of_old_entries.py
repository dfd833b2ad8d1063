"""Entries written before the log stored messages get one read from their English summary, so
that the history shows them in the reader's language too. A summary no pattern matches keeps no
message: the history then names the entry's action (see ``AuditEntry.text``)."""

import re
from collections.abc import Callable
from typing import Any

from django.db import migrations

ROLES = {"secretariat_admin", "editor", "viewer"}
CONTACT_KINDS = {"Contact person": "contact_person", "Contact politician": "politician"}
BOARD_ROLES = {"Chair": "chair", "Vice chair": "vice_chair", "Member": "member", "Deputy": "deputy"}
STATUSES = {
    "Not started": "not_started",
    "In progress": "in_progress",
    "Submitted": "submitted",
    "Returned for correction": "returned",
    "Approved": "approved",
}
KINDS = {"Invitation": "invitation", "Reminder": "reminder"}
#: Published figures' kinds by their English labels when the migration was written.
FIGURE_KINDS = {
    "Members who answered": "respondents",
    "Members in the year": "members",
    "Average change in emissions since 1990 (%)": "change_since_1990",
    "Members by Paris verdict": "verdict",
    "Members who answered a theme": "section_answered",
    "Members answering yes to a question": "question_yes",
    "Members answering a question": "question_answered",
}
FORM = re.compile(r"(?P<form>[a-z_0-9]+) ?(?P<year>\d{4})?")

Params = dict[str, Any]


def _numbers(*names: str) -> Callable[[Params], Params]:
    return lambda p: {**p, **{name: int(p[name]) for name in names}}


def _target(p: Params) -> Params:
    """An old target label was its title, or its form code and target year."""
    match = FORM.fullmatch(p["title"])
    if match and "_" in match["form"]:
        return {"title": "", "form": match["form"], "year": int(match["year"] or 0) or None}
    return {"title": p["title"], "form": "", "year": None}


def _kind(table: dict[str, str], name: str) -> Callable[[Params], Params | None]:
    def convert(p: Params) -> Params | None:
        if p[name] not in table:
            return None
        return {**p, name: table[p[name]]}

    return convert


def _origin(p: Params) -> Params:
    origin = p["origin"]
    return {**p, "origin": origin.removeprefix("copy of ")}


SURVEY = r"(?P<survey>.+)"
#: (message, pattern of the whole summary, conversion of the named groups to parameters).
PATTERNS: list[tuple[str, str, Callable[[Params], Params | None] | None]] = [
    ("profile_edited", r"Profile edited", None),
    ("organisation_created_demo", r"Created by the demo setup", None),
    ("organisation_created_from", r"Created from (?P<file>.+)", None),
    ("organisation_updated_from", r"Updated from (?P<file>.+)", None),
    ("population_imported", r"Population from (?P<file>.+)", None),
    (
        "emissions_imported",
        r"(?P<new>\d+) new and (?P<changed>\d+) changed values from (?P<file>.+)",
        _numbers("new", "changed"),
    ),
    (
        "targets_imported",
        r"(?P<new>\d+) new and (?P<changed>\d+) changed targets from (?P<file>.+)",
        _numbers("new", "changed"),
    ),
    ("target_added", r"Climate target added: (?P<title>.+)", _target),
    ("target_changed", r"Climate target changed: (?P<title>.+)", _target),
    ("target_deleted", r"Climate target deleted: (?P<title>.+)", _target),
    (
        "role_granted",
        r"(?P<user>.+) became (?P<role>[a-z_]+)",
        lambda p: p if p["role"] in ROLES else None,
    ),
    ("membership_created_demo", r"Member of (?P<association>.+) \(demo, from .+\)", None),
    ("membership_created", r"Member of (?P<association>.+) from (?P<date>\d{4}-\d\d-\d\d)", None),
    ("membership_changed", r"Membership of (?P<association>.+) changed", None),
    *(
        (
            f"contact_{verb}",
            rf"(?P<kind>Contact person|Contact politician) for (?P<association>.+) {verb}"
            r"(?: \(demo\))?",
            _kind(CONTACT_KINDS, "kind"),
        )
        for verb in ("added", "changed", "removed")
    ),
    *(
        (
            f"board_{verb}",
            rf"Board: (?P<role>.+) from (?P<year>\d{{4}}) {verb}(?: \(demo\))?",
            _kind(BOARD_ROLES, "role"),
        )
        for verb in ("added", "changed", "removed")
    ),
    ("fee_rule_set", r"Fee rule of (?P<association>.+) from (?P<year>\d{4})", None),
    (
        "fee_override_removed",
        r"Fee override for (?P<member>.+) in (?P<association>.+) from (?P<year>\d{4}) removed",
        None,
    ),
    (
        "fee_override_set",
        r"Fee override for (?P<member>.+) in (?P<association>.+) from (?P<year>\d{4})",
        None,
    ),
    (
        "survey_created",
        r"Survey created: (?P<survey>.+) \((?P<origin>template|definition|copy of \d{4})\)",
        _origin,
    ),
    (
        "survey_changed",
        r"Survey changed: (?P<survey>.+) \((?P<fields>[a-z_, ]+)\)",
        lambda p: {**p, "fields": p["fields"].split(", ")},
    ),
    ("survey_created_demo", SURVEY + r" created from the template \(demo\)", None),
    (
        "example_answers",
        SURVEY + r": fictional example answers, (?P<status>.+) \(demo\)",
        _kind(STATUSES, "status"),
    ),
    ("answers_changed", SURVEY + r": (?P<count>\d+) answer\(s\) changed", _numbers("count")),
    (
        "answers_confirmed",
        SURVEY + r": (?P<count>\d+) pre-filled answer\(s\) confirmed",
        _numbers("count"),
    ),
    ("file_uploaded", SURVEY + r": file uploaded(?: for (?P<key>\S+))?", None),
    ("response_submitted", SURVEY + r": submitted", None),
    (
        "survey_sent",
        SURVEY + r": (?P<kind>Invitation|Reminder) sent to (?P<members>\d+) member\(s\) "
        r"\((?P<addresses>\d+) address\(es\)\); (?P<without>\d+) without contact",
        lambda p: _numbers("members", "addresses", "without")({**p, "kind": KINDS[p["kind"]]}),
    ),
    (
        "returned_mailed",
        SURVEY + r": returned for correction, (?P<addresses>\d+) address\(es\) told",
        _numbers("addresses"),
    ),
    ("response_status", SURVEY + r": (?P<status>[A-Z][a-z ]+)", _kind(STATUSES, "status")),
    *(
        (f"question_{verb}", SURVEY + rf": question (?P<key>\S+) {verb}", None)
        for verb in ("added", "changed", "removed")
    ),
    ("question_moved", SURVEY + r": question (?P<key>\S+) moved (?P<direction>up|down)", None),
    ("section_added", SURVEY + r": section added", lambda p: {**p, "key": ""}),
    *(
        (f"section_{verb}", SURVEY + rf": section (?P<key>\S+) {verb}", None)
        for verb in ("changed", "removed")
    ),
    ("section_moved", SURVEY + r": section (?P<key>\S+) moved (?P<direction>up|down)", None),
    *(
        (
            f"figure_{verb}",
            rf"Published figure (?P<year>\d{{4}}) (?P<kind>.+?)(?: \((?P<key>[^)]+)\))? {verb}",
            _kind(FIGURE_KINDS, "kind"),
        )
        for verb in ("added", "changed", "removed")
    ),
]


def message_of(summary: str) -> tuple[str, Params] | None:
    """The message and parameters an old summary says (None: none that is known)."""
    for code, pattern, convert in PATTERNS:
        match = re.fullmatch(pattern, summary)
        if match is None:
            continue
        params = {k: v for k, v in match.groupdict().items() if v is not None}
        converted = convert(params) if convert else params
        if converted is not None:
            return code, converted
    return None


def read_messages(apps: Any, schema_editor: Any) -> None:
    entry_model = apps.get_model("audit", "AuditEntry")
    changed = []
    for entry in entry_model.objects.filter(message="").exclude(summary="").iterator():
        found = message_of(entry.summary)
        if found:
            entry.message, entry.params = found
            changed.append(entry)
    entry_model.objects.bulk_update(changed, ["message", "params"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_entry_message_and_params")]

    operations = [migrations.RunPython(read_messages, migrations.RunPython.noop)]
