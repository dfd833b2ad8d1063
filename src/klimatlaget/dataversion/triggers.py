"""The triggers that set a new data version whenever a tracked table is written.

SQLite fires them for each row, PostgreSQL once per statement (and on TRUNCATE). Each writes a
new random token, never a counter: a rolled-back transaction could otherwise hand the next one a
version that caches already hold for different data. The SQL is built from model metadata
only, never from input.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.db.models import Model

from klimatlaget.dataversion.models import STAMP_ID, DataVersion

#: The models whose rows metrics, target evaluations and the public pages are computed from.
TRACKED_MODELS = (
    "organisations.Organisation",
    "organisations.Population",
    "emissions.Emission",
    "targets.Target",
    "budgets.NationalEmission",
    "budgets.BudgetSettings",
    "imports.ImportRun",  # whether the example data is loaded (the banner on every page)
)

_PREFIX = "klimatlaget_data_version"


def tracked_tables() -> list[str]:
    return [apps.get_model(label)._meta.db_table for label in TRACKED_MODELS]


def install(using: str = "default") -> None:
    """Create (or recreate) the stamp row's triggers on every tracked table that exists."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if DataVersion._meta.db_table not in existing:
        return
    statements = _STATEMENTS.get(connection.vendor)
    if statements is None:
        raise ImproperlyConfigured(
            f"The data version needs triggers, written for SQLite and PostgreSQL only, "
            f"not {connection.vendor}."
        )
    stamp = DataVersion._meta.db_table
    with connection.cursor() as cursor:
        for table in (t for t in tracked_tables() if t in existing):
            for statement in statements(stamp, table):
                cursor.execute(statement)
        cursor.execute(_first_row(connection.vendor, stamp))


@contextmanager
def one_version_for_bulk_insert(model: type[Model], using: str = "default") -> Iterator[None]:
    """Insert many rows into a tracked table in the block, in one transaction (or savepoint);
    the version changes once.

    SQLite fires its triggers once per row, which more than doubles the time to insert SMHI's
    34,000 emissions. There, the table's insert trigger is dropped in the transaction, created
    again after the block and the version set once. SQLite's schema changes belong to the
    transaction, so no other connection ever sees the table without its trigger, and an error
    in the block rolls the trigger back in with the rows. PostgreSQL's triggers fire once per
    statement already.
    """
    table, stamp = model._meta.db_table, DataVersion._meta.db_table
    if table not in tracked_tables():
        raise ImproperlyConfigured(f"{table} is not a table the data version tracks.")
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor != "sqlite":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER IF EXISTS {_PREFIX}_{table}_insert")
        yield
        with connection.cursor() as cursor:
            for statement in _sqlite(stamp, table):
                cursor.execute(statement)
            cursor.execute(_sqlite_upsert(stamp))


def _sqlite_upsert(stamp: str) -> str:
    return (
        f"INSERT INTO {stamp} (id, token, changed_at) VALUES ({STAMP_ID}, "
        "lower(hex(randomblob(16))), strftime('%Y-%m-%d %H:%M:%f', 'now')) "
        "ON CONFLICT (id) DO UPDATE SET token = excluded.token, changed_at = excluded.changed_at"
    )


def _sqlite(stamp: str, table: str) -> list[str]:
    upsert = _sqlite_upsert(stamp) + ";"
    statements = []
    for event in ("INSERT", "UPDATE", "DELETE"):
        name = f"{_PREFIX}_{table}_{event.lower()}"
        statements.append(f"DROP TRIGGER IF EXISTS {name}")
        statements.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {upsert} END")
    return statements


def _postgresql(stamp: str, table: str) -> list[str]:
    function = f"""
        CREATE OR REPLACE FUNCTION {_PREFIX}_bump() RETURNS trigger AS $$
        BEGIN
            INSERT INTO {stamp} (id, token, changed_at)
            VALUES ({STAMP_ID}, replace(gen_random_uuid()::text, '-', ''), clock_timestamp())
            ON CONFLICT (id) DO UPDATE
                SET token = EXCLUDED.token, changed_at = EXCLUDED.changed_at;
            RETURN NULL;
        END
        $$ LANGUAGE plpgsql"""
    name = f"{_PREFIX}_{table}"
    return [
        function,
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {_PREFIX}_bump()",
    ]


def _first_row(vendor: str, stamp: str) -> str:
    """The stamp row, unless it exists (a flush empties it)."""
    if vendor == "sqlite":
        values = "lower(hex(randomblob(16))), strftime('%Y-%m-%d %H:%M:%f', 'now')"
    else:
        values = "replace(gen_random_uuid()::text, '-', ''), clock_timestamp()"
    return (
        f"INSERT INTO {stamp} (id, token, changed_at) VALUES ({STAMP_ID}, {values}) "
        "ON CONFLICT (id) DO NOTHING"
    )


_STATEMENTS = {"sqlite": _sqlite, "postgresql": _postgresql}
