"""The `klimatlaget` command, run as a user would, against its own SQLite file."""

import csv
import io
import json
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from klimatlaget.demo.example import write_example_files

EXPORT_COLUMNS = [
    "code",
    "name",
    "kind",
    "county",
    "last_year",
    "last_emissions_t",
    "change_since_1990_pct",
    "avg_yearly_change_since_2015_pct",
    "trend_slope_t_per_yr",
    "trend_slope_low",
    "trend_slope_high",
    "trend_uncertain",
    "trend_cumulative_t",
    "carbon_law_cumulative_t",
    "remaining_budget_rate_pct",
    "trend_zero_date",
]


def run(database: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "klimatlaget.cli.main", "--database", database, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert run(url, "migrate").returncode == 0
    files = write_example_files(tmp_path / "files")
    assert run(url, "import", "scb-codes", str(files["codes"])).returncode == 0
    assert run(url, "import", "population", str(files["population"])).returncode == 0
    result = run(url, "import", "emissions", str(files["emissions"]))
    assert result.returncode == 0, result.stderr
    return url, files


def test_export_metrics_as_csv_and_json(database):
    url, _files = database
    result = run(url, "export", "metrics", "--format", "csv", "--current-year", "2026")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 10 + 2 + 1  # municipalities, counties, the nation
    assert set(EXPORT_COLUMNS) <= set(rows[0])
    result = run(url, "export", "metrics", "--format", "json", "--rate", "7", "--kind", "nation")
    (nation,) = json.loads(result.stdout)
    assert nation["code"] == "00" and nation["last_year"] == 2023


def test_a_bad_file_stores_nothing_and_says_where(database, tmp_path):
    url, files = database
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "municipality,county,year,sector,tco2e\nEkby,Exempellän,2091,Jordbruk,5\n", "utf-8"
    )
    result = run(url, "import", "emissions", str(bad))
    assert result.returncode == 2
    assert "bad.csv, row 2" in result.stderr and "Nothing was imported" in result.stderr
    again = run(url, "import", "emissions", str(files["emissions"]))
    assert "No changes" in again.stderr


def test_invalid_rate_is_refused(database):
    url, _files = database
    result = run(url, "export", "metrics", "--rate", "150")
    assert result.returncode == 2 and "rate" in result.stderr.lower()


def test_fetch_smhi_downloads_and_imports_from_a_local_server(database, tmp_path):
    from klimatlaget.sources import read_emissions_csv, write_smhi_workbook

    url, files = database
    served = tmp_path / "served"
    served.mkdir()
    write_smhi_workbook(read_emissions_csv(files["emissions"]).rows, served / "smhi.xlsx")
    handler = partial(SimpleHTTPRequestHandler, directory=str(served))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_port}/smhi.xlsx"
        output = tmp_path / "downloaded.xlsx"
        result = run(url, "fetch", "smhi", "--url", address, "--output", str(output), "--import")
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    assert output.exists()
    assert "No changes" in result.stderr  # the same numbers as the CSV already imported


def test_data_commands_start_without_what_they_do_not_use(tmp_path):
    # Start-up time: exporting loads neither the readers' spreadsheet libraries, rich, nor the
    # API documentation's app; the web pages keep it.
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert run(url, "migrate").returncode == 0
    probe = (
        "import sys; from klimatlaget.cli.main import main; main(sys.argv[1:]); "
        "from django.conf import settings; "
        "print(sorted(m for m in ('openpyxl', 'xlrd', 'rich', 'ninja') if m in sys.modules), "
        "'ninja' in settings.INSTALLED_APPS, file=sys.stderr)"
    )
    command = [sys.executable, "-c", probe, "--database", url, "export", "metrics"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    assert result.stderr.strip() == "[] False"
    assert result.stdout.startswith("code,name,kind")
