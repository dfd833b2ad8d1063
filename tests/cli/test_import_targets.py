"""`klimatlaget import targets FILE.csv`, run as a user would, against its own SQLite file."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from klimatlaget.demo.association import EXAMPLE_TARGETS
from klimatlaget.demo.example import write_example_files


def run(database: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "klimatlaget.cli.main", "--database", database, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def count_targets(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("select count(*) from targets_target").fetchone()[0])


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "cli.sqlite3"
    url = f"sqlite:///{path}"
    assert run(url, "migrate").returncode == 0
    files = write_example_files(tmp_path / "files")
    assert run(url, "import", "scb-codes", str(files["codes"])).returncode == 0
    assert run(url, "import", "population", str(files["population"])).returncode == 0
    return url, path


def test_import_targets_reports_what_it_created_and_is_idempotent(database):
    url, path = database
    result = run(url, "import", "targets", str(EXAMPLE_TARGETS))
    assert result.returncode == 0, result.stderr
    rows = sum(1 for _ in EXAMPLE_TARGETS.open(encoding="utf-8")) - 1
    assert f"targets_example.csv: {rows} rows read, {rows} created, 0 changed" in result.stderr
    assert "Importing targets" in result.stderr  # the progress bar
    assert count_targets(path) == rows
    again = run(url, "import", "targets", str(EXAMPLE_TARGETS))
    assert again.returncode == 0
    assert "No changes" in again.stderr and "0 created, 0 changed" in again.stderr
    assert count_targets(path) == rows


def test_a_bad_targets_file_stores_nothing_and_lists_every_problem(database, tmp_path):
    url, path = database
    lines = EXAMPLE_TARGETS.read_text(encoding="utf-8").splitlines()
    bad_rows = [
        lines[1],
        lines[2].replace("net_zero", "carbon_neutral"),
        lines[3].replace("Strandhamns kommun", "Atlantis"),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([lines[0], *bad_rows]) + "\n", encoding="utf-8")
    result = run(url, "import", "targets", str(bad))
    assert result.returncode == 2
    # One pass reports every problem: the bad form and the unknown organisation.
    assert "Nothing was imported" in result.stderr and "2 problem(s)" in result.stderr
    assert "bad.csv, row 3, column 'form'" in result.stderr
    assert "bad.csv, row 4, column 'organisation'" in result.stderr
    assert "Atlantis" in result.stderr
    assert count_targets(path) == 0
    # Validation messages are in English on the command line.
    bad.write_text(
        "\n".join([lines[0], lines[1].replace(",1990,,2030,", ",1990,,1980,")]) + "\n",
        encoding="utf-8",
    )
    result = run(url, "import", "targets", str(bad))
    assert result.returncode == 2
    said = " ".join(result.stderr.split())  # as one line, however the console wrapped it
    assert (
        "bad.csv, row 2, column 'base_year': The base year (1990) must be before the target "
        "year (1980)." in said
    )
