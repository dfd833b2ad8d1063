"""Backing up and restoring the whole database, all or nothing.

Two formats, told apart by their content when restoring:

- SQLite: a copy of the database file made with SQLite's online backup API (consistent while
  the site runs, exact to the byte). Restored with the same API into the live database: SQLite
  commits the copy at the end, so a failed restore leaves the database as it was.
- Everywhere else (PostgreSQL), and on SQLite with ``json=True``: Django's ``dumpdata`` as
  gzipped JSON, read in one snapshot. It needs no client tools matching the server's version
  and moves data between SQLite and PostgreSQL. Restored with ``loaddata`` inside one
  transaction that first empties every table: any error rolls everything back.

A restore expects a database migrated to the same version as the one backed up.
"""

import gzip
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

SQLITE_MAGIC = b"SQLite format 3\x00"
GZIP_MAGIC = b"\x1f\x8b"
#: JSON keeping times exact (operations/exact_json.py).
FORMAT = "exactjson"


class BackupError(Exception):
    """A backup or restore that did not happen; the database is unchanged."""


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def backup(target: Path, *, json: bool = False) -> str:
    """Write the database to ``target`` (replaced only once complete); return the format."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        if is_sqlite() and not json:
            kind = "sqlite"
            _sqlite_backup(partial)
        else:
            kind = "json"
            _json_backup(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return kind


def restore(source: Path) -> str:
    """Replace every row of the database with ``source``'s; return the format restored."""
    if not source.is_file():
        raise BackupError(f"{source}: no such file.")
    with source.open("rb") as handle:
        start = handle.read(len(SQLITE_MAGIC))
    if start.startswith(SQLITE_MAGIC):
        if not is_sqlite():
            raise BackupError(
                f"{source} is a SQLite database file; restore it into SQLite, or back SQLite "
                "up with --json to move its data to another database."
            )
        _sqlite_restore(source)
        return "sqlite"
    if start.startswith(GZIP_MAGIC):
        _json_restore(source)
        return "json"
    raise BackupError(f"{source} is not a backup made by 'klimatlaget backup'.")


def _raw_sqlite() -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _sqlite_backup(target: Path) -> None:
    with closing(sqlite3.connect(target)) as copy:
        _raw_sqlite().backup(copy)


def _sqlite_restore(source: Path) -> None:
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_db:
        try:
            ok = backup_db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            migrated = backup_db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is damaged: {error}.") from error
        if not ok or not migrated:
            raise BackupError(f"{source} is damaged or is not a Klimatläget database.")
        if connection.in_atomic_block:
            raise BackupError("A restore cannot run inside a transaction.")
        try:
            backup_db.backup(_raw_sqlite())
        except sqlite3.Error as error:
            raise BackupError(f"The restore failed and changed nothing: {error}.") from error


def _json_backup(target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / f"dump.{FORMAT}.gz"  # the extension tells dumpdata to compress
        with transaction.atomic():
            if connection.vendor == "postgresql":  # one snapshot for every table
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command("dumpdata", format=FORMAT, output=str(dump), verbosity=0)
        shutil.move(dump, target)


def _json_restore(source: Path) -> None:
    with gzip.open(source, "rb") as handle:
        if handle.read(1) != b"[":
            raise BackupError(f"{source} is not a backup made by 'klimatlaget backup'.")
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / f"dump.{FORMAT}.gz"  # the extension tells loaddata the format
        shutil.copyfile(source, dump)
        try:
            with transaction.atomic():
                _empty_every_table()
                call_command("loaddata", str(dump), verbosity=0)
        except (DatabaseError, DeserializationError, ValueError, LookupError) as error:
            raise BackupError(f"The restore failed and changed nothing: {error}") from error


def _empty_every_table() -> None:
    tables = connection.introspection.django_table_names(only_existing=True)
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=True
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
