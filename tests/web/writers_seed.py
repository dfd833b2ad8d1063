"""A fresh database for the concurrent-writers test, prepared in a process of its own (the server
under test then opens the same database): the example data, a secretariat user, an editor of every
member, an open survey with a text question, and targets to change.

Usage: ``python writers_seed.py DATABASE_URL FOLDER TARGETS``; prints what it made as JSON.
"""

import itertools
import json
import os
import sys
from pathlib import Path

from klimatlaget.accounts.actors import command_line

TARGET = {
    "title": "Minus 70 % by 2030",
    "form": "percent_reduction",
    "value": 70.0,
    "base_year": 1990,
    "target_year": 2030,
    "geography": "territory",
    "scopes": ["1", "2"],
    "includes_non_energy": True,
    "status": "adopted",
}

SURVEY = {
    "title": "Concurrent writers",
    "sections": [
        {
            "key": "work",
            "title": "Work",
            "questions": [{"key": "comment", "kind": "text", "text": "Anything else?"}],
        }
    ],
}


def _session(user: object) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client.cookies["sessionid"].value


def _import_example(folder: Path) -> None:
    from klimatlaget.demo.example import write_example_files
    from klimatlaget.imports.services import import_emissions, import_population, import_scb_codes

    paths = write_example_files(folder)
    import_scb_codes(paths["codes"], actor=command_line())
    import_population(paths["population"], actor=command_line())
    import_emissions(paths["emissions"], is_example=True, actor=command_line())


def seed(folder: Path, targets: int) -> dict[str, object]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from klimatlaget.accounts.models import Role, RoleKind
    from klimatlaget.associations.models import members_in_year
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.organisations.models import Organisation, OrganisationKind
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState
    from klimatlaget.targets.register.services import create_target

    call_command("migrate", interactive=False, verbosity=0)
    _import_example(folder)
    users = get_user_model().objects
    kansli = users.create_user("kansli")
    Role.objects.create(user=kansli, kind=RoleKind.SECRETARIAT_ADMIN)
    association = load_memberships(example=True).association
    members = list(members_in_year(association, 2025).order_by("code"))
    editor = users.create_user("editor")
    for member in members:
        Role.objects.create(user=editor, kind=RoleKind.EDITOR, organisation=member)
    survey = create_survey(association, 2025, "klimatlaget", SURVEY)
    survey.state = SurveyState.OPEN
    survey.save()
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    owners = itertools.cycle(municipalities.order_by("code"))
    made = [create_target(kansli, next(owners), TARGET) for _ in range(targets)]
    organisations = Organisation.objects.exclude(kind=OrganisationKind.ASSOCIATION)
    return {
        "secretariat": _session(kansli),
        "editor": _session(editor),
        "survey": survey.pk,
        "members": [m.code for m in members],
        "organisations": list(organisations.order_by("code").values_list("code", flat=True)),
        "targets": [t.pk for t in made],
        "target": TARGET,
    }


if __name__ == "__main__":
    url, folder, targets = sys.argv[1:]
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatlaget.config.settings")
    import django

    django.setup()
    print(json.dumps(seed(Path(folder), int(targets))))
