"""The sectors' and carriers' labels in the reader's language: SCB's own Swedish words in
Swedish, English otherwise (they are SCB's terms, so not translated through the catalogue)."""

from django.utils.translation import get_language

from klimatlaget.calc.energy import CARRIERS, COVENANT_SECTORS, SECTORS, Term

_BY_CODE = {
    "sector": {term.code: term for term in SECTORS},
    "carrier": {term.code: term for term in CARRIERS},
    "covenant": {term.code: term for term in COVENANT_SECTORS},
}


def label(kind: str, code: str) -> str:
    term: Term | None = _BY_CODE[kind].get(code)
    if term is None:
        return code
    return term.swedish if (get_language() or "sv").startswith("sv") else term.english
