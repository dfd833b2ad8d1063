"""Fixtures shared by the Django tests.

``shared_data`` is the folder of real SMHI and SCB files beside the checkout; tests that need it
skip only when it is absent (a bare clone), never in CI, which has it.
"""

import os
from pathlib import Path

import pytest

from klimatlaget.accounts.actors import command_line

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("KLIMATLAGET_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the shared data folder at {SHARED_DATA}")
        pytest.skip(f"the real data folder {SHARED_DATA} is absent (a bare clone)")
    return SHARED_DATA


@pytest.fixture
def example_data(db, tmp_path):
    """The fictional example dataset, imported through the real importers."""
    from klimatlaget.demo.example import write_example_files
    from klimatlaget.imports.services import import_emissions, import_population, import_scb_codes

    paths = write_example_files(tmp_path / "example")
    import_scb_codes(paths["codes"], actor=command_line())
    import_population(paths["population"], actor=command_line())
    import_emissions(paths["emissions"], is_example=True, actor=command_line())
    return paths


@pytest.fixture
def real_data(db, shared_data):
    """All 290 municipalities with the real emissions and population."""
    from klimatlaget.imports.services import import_emissions, import_population, import_scb_codes

    import_scb_codes(shared_data / "scb" / "kommunlankod_2023.xls", actor=command_line())
    import_population(shared_data / "scb" / "be0101_tabhel2023.xlsx", actor=command_line())
    import_population(shared_data / "scb" / "be0101_tabhel2024.xlsx", actor=command_line())
    import_emissions(
        shared_data / "emissions" / "municipality_emissions_by_sector.csv", actor=command_line()
    )
    return shared_data


def make_user(django_user_model, username, kind=None, organisations=()):
    from klimatlaget.accounts.models import Role, RoleKind

    user = django_user_model.objects.create_user(username=username, password="pw-" + username)
    if kind == RoleKind.EDITOR:
        for org in organisations:
            Role.objects.create(user=user, kind=kind, organisation=org)
    elif kind is not None:
        Role.objects.create(user=user, kind=kind)
    return user


@pytest.fixture
def users(db, django_user_model, example_data):
    """alice edits Strandhamn (9102), bob edits Tallnäs (9201), kansli holds the platform-wide
    secretariat role (every association; tests/access has one scoped to an association), lasare
    views, and nobody has no role at all."""
    from klimatlaget.accounts.models import RoleKind
    from klimatlaget.organisations.models import Organisation

    strandhamn = Organisation.objects.get(code="9102")
    tallnas = Organisation.objects.get(code="9201")
    return {
        "alice": make_user(django_user_model, "alice", RoleKind.EDITOR, [strandhamn]),
        "bob": make_user(django_user_model, "bob", RoleKind.EDITOR, [tallnas]),
        "kansli": make_user(django_user_model, "kansli", RoleKind.SECRETARIAT_ADMIN),
        "lasare": make_user(django_user_model, "lasare", RoleKind.VIEWER),
        "nobody": make_user(django_user_model, "nobody"),
    }


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Tests create many users; the real hasher is slow on purpose (about half a second per
    password), which would dominate the suite. Yields the project's own hashers, which the
    test of the hasher itself puts back."""
    from django.conf import settings

    project_hashers = list(settings.PASSWORD_HASHERS)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield project_hashers
    settings.PASSWORD_HASHERS = project_hashers
