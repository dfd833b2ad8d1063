"""Full-text search of contract sections: on PostgreSQL a GIN index of the sections' title and
text under the 'swedish' configuration; on SQLite an FTS5 table kept in step by triggers."""

from django.db import migrations

_SQLITE = [
    "CREATE VIRTUAL TABLE contracts_section_fts USING fts5("
    "title, text, content='contracts_section', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER contracts_section_fts_insert AFTER INSERT ON contracts_section BEGIN "
    "INSERT INTO contracts_section_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    " END",
    "CREATE TRIGGER contracts_section_fts_delete AFTER DELETE ON contracts_section BEGIN "
    "INSERT INTO contracts_section_fts(contracts_section_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER contracts_section_fts_update AFTER UPDATE ON contracts_section BEGIN "
    "INSERT INTO contracts_section_fts(contracts_section_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO contracts_section_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    " END",
    "INSERT INTO contracts_section_fts(contracts_section_fts) VALUES ('rebuild')",
]
_SQLITE_BACK = [
    "DROP TRIGGER IF EXISTS contracts_section_fts_insert",
    "DROP TRIGGER IF EXISTS contracts_section_fts_delete",
    "DROP TRIGGER IF EXISTS contracts_section_fts_update",
    "DROP TABLE IF EXISTS contracts_section_fts",
]
#: The expression of ``SearchVector("title", "text", config="swedish")``, so that it is used.
_POSTGRESQL = [
    "CREATE INDEX contracts_section_fulltext ON contracts_section USING GIN "
    "(to_tsvector('swedish'::regconfig, COALESCE(title, '') || ' ' || COALESCE(text, '')))"
]
_POSTGRESQL_BACK = ["DROP INDEX IF EXISTS contracts_section_fulltext"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("contracts", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": _SQLITE, "postgresql": _POSTGRESQL}),
            _run({"sqlite": _SQLITE_BACK, "postgresql": _POSTGRESQL_BACK}),
        )
    ]
