"""Readers for the official data files (SCB, SMHI, tidy CSV), name matching and downloads.

Pure Python: nothing here imports Django. Every reader raises ``SourceError`` with all the
problems it found (file, row, column, message, code) rather than stopping at the first.
"""

from klimatlaget.sources.emissions import (
    MAX_PLAUSIBLE_TCO2E,
    EmissionRow,
    EmissionsFile,
    RowCheck,
    check_names,
    check_sectors,
    default_max_year,
)
from klimatlaget.sources.emissions_csv import read_emissions_csv
from klimatlaget.sources.errors import PROBLEM_CODES, SourceError, SourceProblem
from klimatlaget.sources.fetch import SMHI_EMISSIONS_URL, DownloadError, download
from klimatlaget.sources.fixtures import write_smhi_workbook
from klimatlaget.sources.names import NameMatcher, normalise_code, normalise_name
from klimatlaget.sources.scb_codes import ScbCode, read_scb_codes
from klimatlaget.sources.scb_population import PopulationRow, PopulationTable, read_population
from klimatlaget.sources.sheets import detect_format
from klimatlaget.sources.smhi_excel import read_smhi_workbook
from klimatlaget.sources.text import parse_number, read_csv, read_text
from klimatlaget.sources.xlsx_guard import check_xlsx

__all__ = [
    "MAX_PLAUSIBLE_TCO2E",
    "PROBLEM_CODES",
    "SMHI_EMISSIONS_URL",
    "DownloadError",
    "EmissionRow",
    "EmissionsFile",
    "NameMatcher",
    "PopulationRow",
    "PopulationTable",
    "RowCheck",
    "ScbCode",
    "SourceError",
    "SourceProblem",
    "check_names",
    "check_sectors",
    "check_xlsx",
    "default_max_year",
    "detect_format",
    "download",
    "normalise_code",
    "normalise_name",
    "parse_number",
    "read_csv",
    "read_emissions_csv",
    "read_population",
    "read_scb_codes",
    "read_smhi_workbook",
    "read_text",
    "write_smhi_workbook",
]
