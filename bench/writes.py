"""Concurrent writes through the real server: editors save at once, again and again (survey
autosaves, target PUTs, organisation PATCHes, each on its own object), against ``klimatlaget
serve`` on a fresh database; then every acknowledged write is read back.

Run: ``.venv/bin/python bench/writes.py [--writers 50] [--writes 5] [--threads 8]
[--database URL]``. Without ``--database`` a fresh SQLite file in a temporary folder; a given
database must be empty (it is migrated and filled). Prints a table for docs/PERFORMANCE.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "web"))

import writers as w  # noqa: E402  (the test's writers, shared)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--writes", type=int, default=5, help="saves per writer")
    parser.add_argument("--threads", type=int, default=8, help="the server's threads")
    parser.add_argument("--database", help="an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="klimatlaget-writes-"))
    url = args.database or f"sqlite:///{folder / 'writes.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if k not in {"KLIMATLAGET_DEBUG", "DATABASE_URL"}}
    env["KLIMATLAGET_DATA_DIR"] = str(folder / "var")
    seeded = w.seed(url, folder, args.writers, env)
    with w.serving(url, folder, env, threads=args.threads) as port:
        writers = w.writers(seeded, args.writers)
        seconds = w.run(port, writers, args.writes)
        acknowledged = [writer for writer in writers if writer.acknowledged is not None]
        lost = sum(writer.stored(port) != writer.acknowledged for writer in acknowledged)
    report(url.split(":")[0], args, writers, seconds, lost)
    return 0


def report(engine: str, args: argparse.Namespace, writers: list, seconds: float, lost: int) -> None:
    statuses = [status for writer in writers for status in writer.statuses]
    latencies = sorted(s * 1000 for writer in writers for s in writer.seconds)
    acknowledged = sum(200 <= status < 300 for status in statuses)
    busy = statuses.count(503)
    failed = sum(status >= 500 and status != 503 for status in statuses)
    p95 = statistics.quantiles(latencies, n=20)[18]
    title = f"{len(writers)} writers × {args.writes} saves, {engine}, {args.threads} threads"
    print("| what | result |\n| --- | --- |")
    print(f"| {title}: acknowledged | {acknowledged} of {len(statuses)} |")
    print(f"| refused as busy (503) / failed (other 5xx) | {busy} / {failed} |")
    print(f"| acknowledged but not stored | {lost} |")
    print(f"| throughput | {len(statuses) / seconds:.0f} writes/s ({seconds:.1f} s) |")
    print(f"| latency, median / p95 | {statistics.median(latencies):.0f} / {p95:.0f} ms |")


if __name__ == "__main__":
    sys.exit(main())
