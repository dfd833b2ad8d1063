"""Creating the tables of an empty SQLite database in one step instead of replaying migrations.

``migrate`` on an empty database replays every migration and renders the project's models
again after each operation: about 0.9 s, nearly all of it in Python. An empty database can
instead get the tables of the migrations' final state directly, with the same schema editor,
be marked as migrated, and receive the same ``post_migrate`` signal (content types and
permissions), in about a tenth of the time.

This is only the same as migrating when no migration changes data. Migrations that run code
or SQL are therefore refused unless listed in :data:`NO_DATA_ON_EMPTY_DATABASE` (code that
only fixes existing rows, so does nothing on an empty database) or in :data:`SCHEMA_ONLY`
(database objects the models cannot describe, which the fast path creates by running the
migration after the tables); with any other, and for any database that is not empty or not
SQLite, ``migrate`` runs as usual.
"""

from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython, RunSQL, SeparateDatabaseAndState

#: Migrations that run code but change nothing in an empty database (they fix existing rows).
NO_DATA_ON_EMPTY_DATABASE = {
    ("auth", "0011_update_proxy_permissions"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("axes", "0007_alter_accessattempt_unique_together"),
    ("audit", "0003_classify_and_strip_private_values"),
    ("audit", "0005_messages_of_old_entries"),
    ("accounts", "0002_role_scoped_secretariat"),
}
#: Migrations that only add database objects the models cannot describe (a full-text table and
#: its triggers): the fast path runs them once the tables exist.
SCHEMA_ONLY = {("contracts", "0002_section_fulltext")}
_DATA_OPERATIONS = (RunPython, RunSQL, SeparateDatabaseAndState)


def migrate(database: str = DEFAULT_DB_ALIAS) -> bool:
    """Bring the database up to date; True when the empty-database fast path was taken."""
    connection = connections[database]
    executor = MigrationExecutor(connection)
    if fast_path_possible(connection, executor):
        create_tables(connection, executor)
        return True
    call_command("migrate", database=database, interactive=False, verbosity=0)
    return False


def data_migrations(executor: MigrationExecutor) -> list[str]:
    """Migrations that run code or SQL, other than the known no-ops on an empty database."""
    return sorted(
        f"{app}.{name}"
        for (app, name), migration in executor.loader.graph.nodes.items()
        if (app, name) not in NO_DATA_ON_EMPTY_DATABASE | SCHEMA_ONLY
        and any(isinstance(operation, _DATA_OPERATIONS) for operation in migration.operations)
    )


def fast_path_possible(connection: BaseDatabaseWrapper, executor: MigrationExecutor) -> bool:
    return (
        connection.vendor == "sqlite"
        and not connection.introspection.table_names()
        and not data_migrations(executor)
    )


def create_tables(connection: BaseDatabaseWrapper, executor: MigrationExecutor) -> None:
    """The final state's tables and every migration recorded as applied in one transaction;
    the content types and permissions in a second (SQLite's schema editor needs its own)."""
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    state = executor.loader.project_state()
    empty = executor.loader.project_state(nodes=[]).apps
    emit_pre_migrate_signal(0, False, connection.alias, apps=empty, plan=plan)
    with connection.schema_editor(atomic=True) as editor:
        for model in state.apps.get_models():
            if model._meta.managed and not model._meta.proxy and not model._meta.swapped:
                editor.create_model(model)
        for migration, _backwards in plan:
            if (migration.app_label, migration.name) in SCHEMA_ONLY:
                for operation in migration.operations:
                    operation.database_forwards(migration.app_label, editor, state, state)
            executor.record_migration(migration.app_label, migration.name)
    with transaction.atomic(using=connection.alias):
        emit_post_migrate_signal(0, False, connection.alias, apps=state.apps, plan=plan)
