"""Benchmark of comparing two versions of a climate contract (klimatlaget.calc.contract_diff).

Reads Kalmar's 2024 contract from the shared seeds (55 sections, about 71 000 characters of
text), makes a copy with the text of every third section edited (every eighth word replaced and
the end of the last sentence rewritten: 19 sections changed), and times diff_contracts on the
two, and on the contract against itself, in one process: the median and the slowest of the
repetitions after a first, untimed one. The limit is 200 ms for the edited copy.

Run: ``.venv/bin/python bench/contract_diff.py [--seeds ../shared/seeds] [--repeat 20]``.
"""

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIMIT_MS = 200.0


def edited(text: str) -> str:
    """Every eighth word replaced and the last sentence's end rewritten."""
    words = text.split(" ")
    for n in range(0, len(words), 8):
        words[n] = "ändrat"
    return " ".join([*words[:-3], "och", "en", "ny", "mening."])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default=str(REPO.parent / "shared" / "seeds"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from klimatlaget.calc.contract_diff import Status, diff_contracts
    from klimatlaget.calc.contract_text import parse_contract
    from klimatlaget.contracts.template import load_template

    text = (Path(args.seeds) / "klimatkontrakt-2030-kalmar-2024.txt").read_text(encoding="utf-8")
    sections = parse_contract(text, load_template()).sections
    copy = [
        replace(section, text=edited(section.text)) if n % 3 == 0 and section.text else section
        for n, section in enumerate(sections)
    ]
    over = False
    for label, new in (("against itself", sections), ("every third text edited", copy)):
        diff = diff_contracts(sections, new)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            diff_contracts(sections, new)
            times.append((time.perf_counter() - start) * 1000)
        median, slowest = statistics.median(times), max(times)
        over = over or slowest > LIMIT_MS
        print(
            f"Kalmar 2024 {label}: {diff.count(Status.CHANGED)} of {len(sections)} sections "
            f"changed, median {median:.1f} ms, slowest {slowest:.1f} ms (limit {LIMIT_MS:.0f} ms)"
        )
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
