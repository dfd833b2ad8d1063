"""``klimatlaget import contract``: the review table first, the contract stored only with
--yes, an unreadable file named."""

import sqlite3

from cli.test_cli import run

from .test_pages import KALMAR, KALMAR_NUMBERS


def _with_kalmar(tmp_path) -> str:
    """A migrated database with Kalmar (0880) in it; returns its URL."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert run(url, "migrate").returncode == 0
    with sqlite3.connect(tmp_path / "cli.sqlite3") as db:
        db.execute(
            "insert into organisations_organisation (code, name, kind, website, description,"
            " version, changed_in) values ('0880', 'Kalmar', 'municipality', '', '', 0, '{}')"
        )
    return url


def _contracts(url: str) -> list[tuple]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
        return db.execute("select year, status, source from contracts_contract").fetchall()


def test_kalmar_s_contract_is_shown_then_stored_with_yes(tmp_path):
    url = _with_kalmar(tmp_path)
    args = ("import", "contract", str(KALMAR), "--organisation", "0880", "--year", "2024")
    shown = run(url, *args)
    assert shown.returncode == 0, shown.stderr
    rows = [line.split("\t") for line in shown.stdout.splitlines()]
    assert rows[0] == ["number", "title", "subject"]
    assert [row[0] for row in rows[1:]] == KALMAR_NUMBERS
    assert (
        "3.2.1\tHållbar mobilitet" in shown.stdout or rows[6][2] == "municipality.strategy.mobility"
    )
    assert "Section 8 was not found" in shown.stderr and "--yes" in shown.stderr
    assert _contracts(url) == []
    stored = run(url, *args, "--yes")
    assert stored.returncode == 0, stored.stderr
    assert _contracts(url) == [(2024, "draft", KALMAR.name)]
    again = run(url, *args, "--yes")
    assert again.returncode == 2 and "already has a contract of 2024" in again.stderr


def test_an_unreadable_file_stores_nothing_and_is_named(tmp_path):
    url = _with_kalmar(tmp_path)
    bad = tmp_path / "kontrakt.pdf"
    bad.write_bytes(b"not a pdf")
    result = run(url, "import", "contract", str(bad), "--organisation", "0880", "--year", "2024")
    assert result.returncode == 2 and "kontrakt.pdf" in result.stderr
    assert _contracts(url) == []
