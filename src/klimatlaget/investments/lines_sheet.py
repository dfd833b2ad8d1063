"""The one-sheet Excel format of an investment plan's lines (docs/INVESTMENT_PLAN_XLSX.md),
shared by the reader and the writer: the columns with their headings in Swedish and English,
the columns per year, and the words accepted for each fixed vocabulary.

A heading is matched without regard to case, spaces or punctuation ("Investering 2025",
"investering2025" and "CAPEX 2025" are all the same column); a choice cell may hold the code or
the label in Swedish or English.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import get_language, override

from klimatlaget.investments.choices import Actor, CoBenefit, FundingSource, FundingStatus
from klimatlaget.measures.choices import SECTORS

#: The sheet's name in each language; the reader takes either, or a workbook's only sheet.
SHEET_NAMES = {"sv": "Rader", "en": "Lines"}


class Kind(StrEnum):
    """What a column holds, which says how a cell is read and written."""

    KEY = "key"  # a line's key (a UUID)
    MEASURE = "measure"  # a measure's code
    TEXT = "text"
    CHOICE = "choice"  # a code or its label
    AMOUNT = "amount"  # SEK, 0 or more
    NUMBER = "number"  # 0 or more
    WHOLE = "whole"  # a whole number (years, a lifetime)
    LIST = "list"  # texts separated by |


@dataclass(frozen=True)
class Column:
    """A column: the service's value it holds (``field``; for a year or co-benefit column the
    year or the kind is ``part``), its headings and what it holds."""

    field: str
    sv: str
    en: str
    kind: Kind = Kind.TEXT
    part: str = ""
    width: float = 14

    def heading(self, language: str) -> str:
        return self.sv if language == "sv" else self.en

    @property
    def required(self) -> bool:
        return self.field in REQUIRED


#: The columns before the year columns, in the order they are written.
LEADING = (
    Column("key", "Radnyckel", "Line key", Kind.KEY, width=12),
    Column("measure_id", "Åtgärdskod", "Measure code", Kind.MEASURE, width=10),
    Column("group_name", "Systemskifte", "System shift", width=20),
    Column("title", "Titel", "Title", width=36),
    Column("actor", "Investerande aktör", "Investing actor", Kind.CHOICE, width=22),
    Column("sector", "Sektor", "Sector", Kind.CHOICE, width=24),
    Column("funding_source", "Finansieringskälla", "Funding source", Kind.CHOICE, width=22),
    Column("funding_status", "Finansieringsstatus", "Funding status", Kind.CHOICE, width=16),
)
#: The amounts by year: (field, Swedish word, English word), one column per year each.
YEARLY = (
    ("capex_by_year", "Investering", "Capex"),
    ("opex_by_year", "Driftkostnad", "Opex"),
    ("savings_by_year", "Besparing", "Savings"),
)
#: The co-benefits a line may value, in Swedish and English.
CO_BENEFIT_WORDS = {
    CoBenefit.HEALTH: ("hälsa", "health"),
    CoBenefit.JOBS: ("jobb", "jobs"),
    CoBenefit.HOUSEHOLD_ECONOMY: ("hushållens ekonomi", "household economy"),
    CoBenefit.PUBLIC_ECONOMY: ("offentlig ekonomi", "public economy"),
}
#: The columns after the year columns.
TRAILING = (
    Column(
        "lifetime_years",
        "Ekonomisk livslängd (år)",
        "Economic lifetime (years)",
        Kind.WHOLE,
        width=12,
    ),
    Column("beneficiary", "Vem har nyttan", "Who benefits", width=20),
    Column("payer", "Vem betalar", "Who pays", width=20),
    *(
        Column(
            "co_benefits_sek",
            f"Samhällsnytta {sv} (kr/år)",
            f"Co-benefit {en} (SEK a year)",
            Kind.AMOUNT,
            part=str(kind),
        )
        for kind, (sv, en) in CO_BENEFIT_WORDS.items()
    ),
    Column("co_benefits_named", "Andra samhällsnyttor", "Other co-benefits", Kind.LIST, width=24),
    Column(
        "reduction_t",
        "Förväntad minskning (t/år)",
        "Expected reduction (t a year)",
        Kind.NUMBER,
    ),
    Column(
        "reduction_reason",
        "Skäl för radens minskning",
        "Reason for the line's reduction",
        width=24,
    ),
    Column("effect_year", "Effektår", "Effect year", Kind.WHOLE, width=10),
)
REQUIRED = ("title", "actor", "funding_source", "funding_status")
CHOICE_FIELDS = ("actor", "sector", "funding_source", "funding_status")
#: A year column's heading: its word and a four-digit year.
_YEAR_HEADING = re.compile(r"^(?P<word>[^\d]+?)(?P<year>\d{4})$")


def normal(heading: object) -> str:
    """A heading as compared: lower case, letters and digits only."""
    return "".join(char for char in str(heading or "").casefold() if char.isalnum())


def year_column(field: str, year: int) -> Column:
    sv, en = next((sv, en) for name, sv, en in YEARLY if name == field)
    return Column(field, f"{sv} {year}", f"{en} {year}", Kind.AMOUNT, part=str(year))


def columns(years: Iterable[int]) -> list[Column]:
    """Every column of a sheet with the given years, in the order they are written."""
    chosen = sorted(set(years))
    by_year = [year_column(field, year) for field, _sv, _en in YEARLY for year in chosen]
    return [*LEADING, *by_year, *TRAILING]


_FIXED = {
    normal(heading): column
    for column in (*LEADING, *TRAILING)
    for heading in (column.sv, column.en)
}
_YEAR_WORDS = {normal(word): field for field, sv, en in YEARLY for word in (sv, en)}


def column_for(heading: object) -> Column | None:
    """The column a heading names, in either language; None when it names none."""
    text = normal(heading)
    if text in _FIXED:
        return _FIXED[text]
    match = _YEAR_HEADING.match(text)
    if match and match["word"] in _YEAR_WORDS:
        return year_column(_YEAR_WORDS[match["word"]], int(match["year"]))
    return None


def language() -> str:
    """The language a workbook is written in: Swedish or English, as the page is."""
    return "sv" if (get_language() or "sv").startswith("sv") else "en"


def choices(field: str) -> list[tuple[str, object]]:
    """The codes and labels of a choice column."""
    chosen: dict[str, list[tuple[str, object]]] = {
        "actor": list(Actor.choices),
        "sector": SECTORS,
        "funding_source": list(FundingSource.choices),
        "funding_status": list(FundingStatus.choices),
    }
    return chosen[field]


def label(field: str, code: str) -> str:
    """A choice's label in the active language (the code itself when unknown)."""
    return str(dict(choices(field)).get(code, code))


def labels(field: str) -> tuple[str, ...]:
    return tuple(str(text) for _code, text in choices(field))


def words(field: str) -> dict[str, str]:
    """Every accepted spelling of each choice (its code, its label in Swedish and English),
    compared in lower case → its code."""
    found: dict[str, str] = {}
    for each in ("sv", "en"):
        with override(each):
            for code, text in choices(field):
                found[str(text).strip().casefold()] = code
    return found | {code.casefold(): code for code, _text in choices(field)}
