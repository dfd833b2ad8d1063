"""Checking a target against the calculation package's rules, with messages in the user's
language keyed by field: used by the forms, the API and the CSV import."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from klimatlaget.calc.targets import validate_target
from klimatlaget.organisations.models import Organisation, Population
from klimatlaget.targets.models import ScopeChoice, Target
from klimatlaget.targets.notes import note_text

#: Fields whose invalid value makes the calculation package's checks meaningless.
_STRUCTURAL_FIELDS = {"form", "geography", "scopes"}


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


def check_target(target: Target) -> None:
    """Raise ValidationError({field: [messages]}) unless ``target`` may be saved."""
    errors: dict[str, list[str]] = {}
    try:
        target.full_clean(exclude=["organisation", "scopes", "includes_non_energy"])
    except ValidationError as error:
        errors = {field: list(messages) for field, messages in error.message_dict.items()}
    known = set(ScopeChoice.values)
    if not isinstance(target.scopes, list) or any(s not in known for s in target.scopes):
        errors.setdefault("scopes", []).append(
            _("Choose scopes among: %(scopes)s.") % {"scopes": ", ".join(ScopeChoice.values)}
        )
    elif len(set(target.scopes)) != len(target.scopes):
        target.scopes = list(dict.fromkeys(target.scopes))
    if target.includes_non_energy not in (True, False, None):
        errors.setdefault("includes_non_energy", []).append(_("Answer yes, no or unknown."))
    if not errors.keys() & _STRUCTURAL_FIELDS:
        for field, messages in target_problems(target).items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
