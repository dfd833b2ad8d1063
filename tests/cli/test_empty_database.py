"""The fast path for an empty SQLite database gives exactly what replaying the migrations gives."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from klimatlaget.config import empty_database

SETUP = "import django; django.setup(); from klimatlaget.config.empty_database import migrate; "


def python(database: Path, code: str) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "klimatlaget.config.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def schema(database: Path) -> dict[str, tuple[list[tuple], list[tuple], list[tuple]]]:
    """Per table: its columns, indexes (unique?, columns, origin) and foreign keys."""
    with sqlite3.connect(database) as db:
        tables = [
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            table: (
                sorted(row[1:] for row in db.execute(f"PRAGMA table_info('{table}')")),
                sorted(
                    (unique, [c[2] for c in db.execute(f"PRAGMA index_info('{name}')")], origin)
                    for _seq, name, unique, origin, _partial in db.execute(
                        f"PRAGMA index_list('{table}')"
                    )
                ),
                sorted(row[2:] for row in db.execute(f"PRAGMA foreign_key_list('{table}')")),
            )
            for table in tables
        }


def rows(database: Path, query: str) -> list[tuple]:
    with sqlite3.connect(database) as db:
        return sorted(db.execute(query).fetchall())


QUERIES = [
    "SELECT app, name FROM django_migrations",
    "SELECT app_label, model FROM django_content_type",
    "SELECT content_type_id, codename, name FROM auth_permission",
    "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'",
]


def test_fast_path_equals_replaying_the_migrations(tmp_path: Path) -> None:
    fast, replayed = tmp_path / "fast.sqlite3", tmp_path / "replayed.sqlite3"
    assert python(fast, SETUP + "print(migrate())") == "True"
    python(
        replayed,
        "from django.core.management import execute_from_command_line as run; "
        "run(['django-admin', 'migrate', '--verbosity', '0'])",
    )
    assert schema(fast) == schema(replayed)
    assert len(schema(fast)) > 30
    for query in QUERIES:
        assert rows(fast, query) == rows(replayed, query), query
    # Once created, the database is migrated as usual: nothing is left to apply.
    assert python(fast, SETUP + "print(migrate())") == "False"
    plan = (
        "from django.db import connection; "
        "from django.db.migrations.executor import MigrationExecutor as E; "
        "e = E(connection); print(len(e.migration_plan(e.loader.graph.leaf_nodes())))"
    )
    assert python(fast, SETUP + plan) == "0"


@pytest.mark.django_db
def test_todays_migrations_change_no_data() -> None:
    # A migration that runs code or SQL turns the fast path off; if it does nothing on an
    # empty database, list it in NO_DATA_ON_EMPTY_DATABASE.
    assert empty_database.data_migrations(MigrationExecutor(connection)) == []


@pytest.mark.django_db
def test_a_migration_that_runs_code_turns_the_fast_path_off(monkeypatch) -> None:
    monkeypatch.setattr(empty_database, "NO_DATA_ON_EMPTY_DATABASE", set())
    executor = MigrationExecutor(connection)
    assert "auth.0011_update_proxy_permissions" in empty_database.data_migrations(executor)


@pytest.mark.django_db
def test_a_database_with_tables_is_migrated_as_usual() -> None:
    assert not empty_database.fast_path_possible(connection, MigrationExecutor(connection))
