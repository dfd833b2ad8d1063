"""`klimatlaget backup` and `restore`: a round trip gives back every row, on SQLite and
PostgreSQL, and a restore that fails changes nothing."""

import gzip
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection

from klimatlaget.cli.main import main
from klimatlaget.dataversion.models import DataVersion
from klimatlaget.dataversion.version import current
from klimatlaget.emissions.models import Emission
from klimatlaget.organisations.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


def everything() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every model, in primary-key order (but the data version: a cache key, not
    data, which a restore must change, see below)."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model is not DataVersion
    }


def change_everything() -> None:
    Emission.objects.filter(year=2020).delete()
    Organisation.objects.filter(code="9102").update(name="Omdöpt")
    User.objects.create_user("newcomer", password="pw-newcomer")


@pytest.mark.parametrize("extra", [[], ["--json"]], ids=["native", "json"])
def test_a_round_trip_restores_every_row(example_data, users, tmp_path, extra, capsys):
    before = everything()
    path = tmp_path / "backup"
    assert main(["backup", str(path), *extra]) == 0
    change_everything()
    assert everything() != before
    changed_version = current().token
    assert main(["restore", str(path)]) == 0, capsys.readouterr().err
    assert everything() == before
    assert current().token != changed_version  # no cache keeps the changed data
    expected = "sqlite" if connection.vendor == "sqlite" and not extra else "json"
    assert f"({expected})" in capsys.readouterr().err


def test_a_failing_json_restore_changes_nothing(example_data, tmp_path, capsys):
    path = tmp_path / "backup.json.gz"
    assert main(["backup", str(path), "--json"]) == 0
    rows = json.loads(gzip.decompress(path.read_bytes()))
    orphan = {"organisation": 999_999, "year": 2000, "sector": "Jordbruk", "tco2e": 1.0}
    rows.append({"model": "emissions.emission", "pk": 999_999, "fields": orphan})  # loaded last
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(gzip.compress(json.dumps(rows).encode()))
    change_everything()
    current = everything()
    assert main(["restore", str(broken)]) == 2
    assert "Nothing was restored" in capsys.readouterr().err
    assert everything() == current


@pytest.mark.parametrize(
    "content",
    [b"SQLite format 3\x00" + b"\x00" * 200, b"not a backup", gzip.compress(b"{}")],
    ids=["damaged sqlite", "text", "gzip but no dump"],
)
def test_a_file_that_is_no_backup_is_refused(example_data, tmp_path, content, capsys):
    path = tmp_path / "file"
    path.write_bytes(content)
    current = everything()
    assert main(["restore", str(path)]) == 2
    assert "Nothing was restored" in capsys.readouterr().err
    assert everything() == current


def test_a_missing_file_is_refused(db, tmp_path, capsys):
    assert main(["restore", str(Path(tmp_path / "absent"))]) == 2
    assert "no such file" in capsys.readouterr().err
