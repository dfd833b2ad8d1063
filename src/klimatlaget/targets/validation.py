"""Checking a target against the calculation package's rules, with messages in the user's
language keyed by field: used by the forms, the API and the CSV import."""

from collections import defaultdict

from klimatlaget.calc.targets import validate_target
from klimatlaget.organisations.models import Organisation, Population
from klimatlaget.targets.models import Target
from klimatlaget.targets.notes import note_text


def has_population(organisation: Organisation) -> bool:
    """Whether population figures exist for the organisation (or, for a county or the nation,
    for the municipalities they are summed from)."""
    if Population.objects.filter(organisation=organisation).exists():
        return True
    if organisation.kind == "county":
        return Population.objects.filter(organisation__county=organisation).exists()
    if organisation.kind == "nation":
        return Population.objects.exists()
    return False


def target_problems(target: Target) -> dict[str, list[str]]:
    """Field name → messages; empty when the target is valid."""
    problems: dict[str, list[str]] = defaultdict(list)
    for note in validate_target(
        target.to_spec(), has_population=has_population(target.organisation)
    ):
        problems[note.field or "__all__"].append(note_text(note))
    return dict(problems)
