"""Matching the names of Swedish municipalities and counties as different sources spell them.

SMHI writes 'Falun', 'Gotland', 'Upplands Väsby'; organisations call themselves 'Falu kommun',
'Region Gotland', 'Upplands-Väsby', 'Stockholms stad'. A name is reduced to a *core* (lower
case, hyphens as spaces, no administrative words) plus a *marker* saying whether the removed
words pointed at a municipality ('kommun', 'stad') or a county ('län', 'landsting',
'Region …'). Diacritics are never removed: Habo and Håbo are different municipalities.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Literal

Kind = Literal["nation", "county", "municipality", "other"]
Marker = Literal["county", "municipality", "region"] | None

_PREFIXES: tuple[tuple[str, Marker], ...] = (("region ", "region"), ("landstinget ", "county"))
_SUFFIXES: tuple[tuple[str, Marker], ...] = (
    (" läns landsting", "county"),
    (" landsting", "county"),
    (" län", "county"),
    (" kommun", "municipality"),
    (" stad", "municipality"),
)
_DASHES = re.compile(r"[-‐‑‒–—_]+")

#: Spellings that no general rule derives, as (marker-free core) -> (kind, core of the
#: official name). Targets are nominative; county names also match in the genitive.
_ALIASES: dict[str, tuple[Kind, str]] = {
    # 'Falu kommun': Falun's genitive drops the n instead of adding an s.
    "falu": ("municipality", "falun"),
    # 'Region Sörmland': the region uses the county's everyday name, not 'Södermanland'.
    "sörmland": ("county", "södermanland"),
    # 'Region Jämtland Härjedalen': the region adds the province Härjedalen to its name.
    "jämtland härjedalen": ("county", "jämtland"),
    # 'Västra Götalandsregionen': the region's name is one compound word.
    "västra götalandsregionen": ("county", "västra götaland"),
}

#: Municipalities that call themselves 'Region …' because they also carry the tasks of a
#: region: 'Region Gotland' is the municipality Gotland (code 0980). When a matcher knows
#: no such municipality (it matches only counties), the name falls through to the county.
_MUNICIPALITIES_CALLED_REGION = frozenset({"gotland"})


@functools.lru_cache(maxsize=4096)
def canonical(name: str) -> str:
    """NFC, case-folded, hyphens and dashes as spaces, single spaces, trimmed.

    Cached: a file names each of its few hundred places on thousands of rows.
    """
    text = unicodedata.normalize("NFC", name).casefold()
    return " ".join(_DASHES.sub(" ", text).split())


def split_name(name: str) -> tuple[str, Marker]:
    """The core of a name and what its administrative words pointed at.

    >>> split_name("Region Örebro län")
    ('örebro', 'county')
    >>> split_name("Falu kommun")
    ('falu', 'municipality')
    """
    core, marker = canonical(name), None
    for prefix, kind in _PREFIXES:
        if core.startswith(prefix) and len(core) > len(prefix):
            core, marker = core[len(prefix) :], kind
            break
    for suffix, kind in _SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            core = core[: -len(suffix)]
            marker = "county" if marker == "region" else kind
            break
    return core.strip(), marker


def normalise_name(name: str) -> str:
    """The comparable core of a name: 'Upplands-Väsby kommun' -> 'upplands väsby'."""
    return split_name(name)[0]


def code_kind(code: str) -> Kind:
    """SCB codes: '00' the nation, two digits a county, four digits a municipality."""
    if not (code.isascii() and code.isdigit()):
        return "other"
    if code == "00":
        return "nation"
    if len(code) == 2:
        return "county"
    return "municipality" if len(code) == 4 else "other"


def normalise_code(value: object) -> str | None:
    """An SCB code as a zero-padded string ('0114', '01'), from text or a number.

    Spreadsheets often turn '0114' into the number 114; one or two digits are a county,
    three or four a municipality.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = str(value).strip()
    if text == "00":
        return text
    if not text.isascii() or not text.isdigit() or int(text) == 0:
        return None
    width = {1: 2, 2: 2, 3: 4, 4: 4}.get(len(text))
    return text.zfill(width) if width else None


class NameMatcher:
    """Finds the SCB code for a name, given {code: official name}.

    The codes decide what the matcher can return: build it from municipalities, counties or
    both. With both, a bare name that is a county and a municipality alike ('Uppsala')
    means the municipality; 'Uppsala län' or 'Region Uppsala' means the county.
    ``extra_aliases`` maps further names (any spelling) to codes.
    """

    def __init__(
        self, names: Mapping[str, str], *, extra_aliases: Mapping[str, str] | None = None
    ) -> None:
        self._kinds = {code: code_kind(code) for code in names}
        self._primary: dict[str, set[str]] = {}
        self._genitive: dict[str, set[str]] = {}
        for code, official in names.items():
            core = normalise_name(official)
            self._primary.setdefault(core, set()).add(code)
            if self._kinds[code] == "county":
                variant = core[:-1] if core.endswith("s") else core + "s"
                self._genitive.setdefault(variant, set()).add(code)
        self._extra = {canonical(alias): code for alias, code in (extra_aliases or {}).items()}

    def match(self, name: str) -> str | None:
        """The code for ``name``, or None when it matches nothing or more than one place."""
        if name.strip().isdigit():
            code = normalise_code(name)
            return code if code in self._kinds else None
        if canonical(name) in self._extra:
            return self._extra[canonical(name)]
        core, marker = split_name(name)
        if not core:
            return None
        kinds = _allowed_kinds(marker)
        if marker == "region" and core in _MUNICIPALITIES_CALLED_REGION:
            found = self._unique(self._primary.get(core), {"municipality"})
            if found:
                return found
        return self._match_core(core, kinds)

    def match_all(self, names: Iterable[str]) -> tuple[dict[str, str], list[str]]:
        """({name: code} for every name matched, [names not matched] in first-seen order)."""
        matched: dict[str, str] = {}
        unmatched: list[str] = []
        for name in names:
            if name in matched or name in unmatched:
                continue
            code = self.match(name)
            if code is None:
                unmatched.append(name)
            else:
                matched[name] = code
        return matched, unmatched

    def _match_core(self, core: str, kinds: set[Kind]) -> str | None:
        found = self._unique(self._primary.get(core), kinds)
        if found:
            return found
        alias = _ALIASES.get(core)
        if alias and alias[0] in kinds:
            target = alias[1]
            codes = self._primary.get(target, set()) | self._genitive.get(target, set())
            found = self._unique(codes, {alias[0]})
            if found:
                return found
        found = self._unique(self._genitive.get(core), kinds)
        if found:
            return found
        # Last resort, a genitive 's' ('Hallstahammars kommun'): only because the name
        # with the 's' matched nothing above, and only if the name without it is unique.
        if core.endswith("s") and len(core) > 2:
            return self._unique(self._primary.get(core[:-1]), kinds)
        return None

    def _unique(self, codes: set[str] | None, kinds: set[Kind]) -> str | None:
        """The one code of an allowed kind; with several, the one municipality if any."""
        candidates = sorted(code for code in codes or () if self._kinds[code] in kinds)
        if len(candidates) == 1:
            return candidates[0]
        municipalities = [c for c in candidates if self._kinds[c] == "municipality"]
        return municipalities[0] if len(municipalities) == 1 else None


def _allowed_kinds(marker: Marker) -> set[Kind]:
    if marker == "municipality":
        return {"municipality"}
    if marker in ("county", "region"):
        return {"county"}
    return {"nation", "county", "municipality", "other"}
