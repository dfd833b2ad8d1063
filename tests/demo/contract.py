"""Checking the demo's quotes from Kalmar's climate contract 2024 (the seed text beside the
checkout): every quote must stand verbatim in the text (whitespace aside), in the section its
row names."""

import csv
import re
from pathlib import Path

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds"
CONTRACT_FILE = SEED / "klimatkontrakt-2030-kalmar-2024.txt"
CONTRACT = "Klimatkontrakt 2030, Kalmar kommun (2024), avsnitt "


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def flat(text: str) -> str:
    """Whitespace as single spaces; a line broken after a dash ("2024–" / "2030") joined."""
    return " ".join(re.sub(r"–[ \t]*\n\s*", "–", text).split())


def sections(text: str, names: str) -> list[str]:
    """The text (whitespace flattened) of the numbered sections ``names`` lists, e.g.
    '7.1 och 3.2.5' (a section runs to the next heading that is not one of its subsections)."""
    headings = [
        (match.start(), match.group(1))
        for match in re.finditer(r"(?m)^\s*(\d+\.\d+(?:\.\d+)?)\.?\s+[A-ZÅÄÖ]", text)
    ]
    found = []
    for number in re.findall(r"\d+\.\d+(?:\.\d+)?", names):
        starts = [pos for pos, num in headings if num == number]
        assert len(starts) == 1, f"section {number} not found once"
        end = next(
            (
                pos
                for pos, num in headings
                if pos > starts[0] and num != number and not num.startswith(number + ".")
            ),
            len(text),
        )
        found.append(flat(text[starts[0] : end]))
    assert found, f"no section number in {names!r}"
    return found


def assert_quoted(quote: str, text: str, source: str) -> None:
    assert source.startswith(CONTRACT), source
    quote = flat(quote)
    assert quote in flat(text), f"not in the contract: {quote!r}"
    named = source.removeprefix(CONTRACT)
    assert any(quote in section for section in sections(text, named)), (
        f"not in section {named}: {quote!r}"
    )


def inner_quotes(text: str) -> list[str]:
    """The passages in ”…” of a note that are long enough to be quotes, not single words."""
    return [q for q in re.findall(r"”([^”]+)”", text) if len(q) >= 20]
