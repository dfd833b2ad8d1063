"""Classify the entries written before the log knew its subjects, and strip from them the values
their readers may not see: people's names, addresses and parties, members' answers and review
comments, and confidential fee reasons. Stripped values cannot be brought back.

The rules are frozen here, as the entries were written then (see ``klimatlaget.audit.subjects``
for the rules of new entries).
"""

from functools import reduce
from operator import or_
from typing import Any

from django.db import migrations
from django.db.models import Q

HIDDEN = "(hidden)"

#: Action prefix → subject of the public entries.
PUBLIC = {
    "klimatlaget.organisation.": "organisation",
    "klimatlaget.population.": "data",
    "klimatlaget.emissions.": "data",
    "klimatlaget.target.": "target",
    "klimatlaget.membership.": "membership",
    "klimatlaget.role.": "role",
}
#: The survey actions that concern one member's response.
RESPONSE_ACTIONS = {"answered", "confirmed", "submitted", "approved", "returned", "returned_mailed"}
RESTRICTED = ("contact", "board", "fee_rule", "fee_override", "survey")
CONTACT_KEPT = {"kind", "valid_from", "valid_to"}
BOARD_KEPT = {"role", "organisation", "from_year", "to_year"}
FEE_OVERRIDE_KEPT = {"from_year", "to_year", "counted_inhabitants", "amount_sek"}
FIELDS = ["subject", "subject_id", "visibility", "association_id", "changes", "summary"]


def _redact(changes: dict[str, list[Any]], kept: set[str]) -> dict[str, list[Any]]:
    """Hide every value but those of ``kept`` fields (a key may be "… <year>: field")."""
    return {
        key: values
        if key.rpartition(": ")[2] in kept
        else [None if value in (None, "") else HIDDEN for value in values]
        for key, values in changes.items()
    }


class Classifier:
    def __init__(self, apps: Any) -> None:
        organisation = apps.get_model("organisations", "Organisation")
        associations = organisation.objects.filter(kind="association").values_list("pk", "name")
        self.associations = sorted(associations, key=lambda a: -len(a[1]))
        self.responses: dict[int, list[tuple[str, int, int]]] = {}
        response = apps.get_model("surveys", "Response")
        for pk, member, title, association in response.objects.values_list(
            "pk", "member_id", "survey__title", "survey__association_id"
        ):
            self.responses.setdefault(member, []).append((title, pk, association))

    def classify(self, entry: Any) -> None:
        kind, _dot, verb = entry.action.removeprefix("klimatlaget.").partition(".")
        if kind == "contact":
            entry.subject, entry.visibility = "contact", "member"
            entry.changes = _redact(entry.changes, CONTACT_KEPT)
            entry.summary = entry.summary.partition(": ")[0]
        elif kind == "board":
            entry.subject, entry.visibility = "board_member", "association"
            entry.association_id = entry.organisation_id
            entry.changes = _redact(entry.changes, BOARD_KEPT)
            entry.summary = f"Board member {verb}"
        elif kind == "fee_rule":
            entry.subject, entry.visibility = "fee_rule", "association"
            entry.association_id = entry.organisation_id
        elif kind == "fee_override":
            entry.subject, entry.visibility = "fee_override", "association"
            entry.association_id = self._fee_association(entry.changes)
            entry.changes = _redact(entry.changes, FEE_OVERRIDE_KEPT)
            removed = " removed" if verb == "removed" else ""
            entry.summary = entry.summary.partition(": ")[0].removesuffix(" removed") + removed
        elif verb in RESPONSE_ACTIONS:
            self._response(entry)
        else:
            entry.subject, entry.visibility = "survey", "association"
            entry.association_id = entry.organisation_id
            survey = entry.changes.get("survey")
            entry.subject_id = survey[1] if isinstance(survey, list) else None

    def _fee_association(self, changes: dict[str, Any]) -> int | None:
        for pk, name in self.associations:
            if any(key.startswith(f"fee override {name} ") for key in changes):
                return pk
        return None

    def _response(self, entry: Any) -> None:
        entry.subject, entry.visibility = "survey_response", "response"
        entry.changes = _redact(entry.changes, set())
        title, file, _name = entry.summary.partition(": file ")
        if file:
            entry.summary = f"{title}: file uploaded"
        matches = [
            (title, pk, association)
            for title, pk, association in self.responses.get(entry.organisation_id, [])
            if entry.summary.startswith(f"{title}: ")
        ]
        if matches:
            _title, entry.subject_id, entry.association_id = max(matches, key=lambda m: len(m[0]))


def classify_and_strip(apps: Any, schema_editor: Any) -> None:
    entry_model = apps.get_model("audit", "AuditEntry")
    entries = entry_model.objects.all()
    for prefix, subject in PUBLIC.items():
        entries.filter(action__startswith=prefix).update(subject=subject, visibility="public")
    restricted = entries.filter(
        reduce(or_, (Q(action__startswith=f"klimatlaget.{kind}.") for kind in RESTRICTED))
    )
    classifier = Classifier(apps)
    batch = []
    for entry in restricted.iterator(chunk_size=500):
        classifier.classify(entry)
        batch.append(entry)
        if len(batch) == 500:
            entry_model.objects.bulk_update(batch, FIELDS)
            batch = []
    entry_model.objects.bulk_update(batch, FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_entry_subject_and_visibility"),
        ("surveys", "0001_initial"),
    ]

    operations = [migrations.RunPython(classify_and_strip, migrations.RunPython.noop)]
