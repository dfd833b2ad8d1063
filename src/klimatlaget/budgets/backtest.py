"""The nowcast's backtest from stored data: its rows for the export and its scores for the
page (docs/METHOD.md, "Backtest")."""

from __future__ import annotations

from typing import Any

from klimatlaget.calc.nowcast_backtest import Score
from klimatlaget.calc.nowcast_ranges import TOTAL
from klimatlaget.exports.columns import Column

from .national import backtest

#: The columns of ``klimatlaget export nowcast-backtest``.
EXPORT_COLUMNS = [
    Column("code"),
    Column("name"),
    Column.year("year"),
    Column("sector"),
    Column.decimal("actual_t", 1),
    Column.decimal("nowcast_t", 1),
    Column.decimal("last_known_t", 1),
    Column.percent("error_pct", 2, per_cent=True),
]
#: The columns of the scores table (page and CSV).
SCORE_COLUMNS = [
    Column("sector"),
    Column.integer("count"),
    Column.percent("nowcast_mape_pct", 2, per_cent=True),
    Column.percent("last_known_mape_pct", 2, per_cent=True),
    Column.percent("trend_mape_pct", 2, per_cent=True),
    Column("beats_baselines"),
]


def backtest_rows() -> list[dict[str, Any]]:
    return [row.as_row() for row in backtest().rows]


def scores() -> list[Score]:
    """The scores by sector (alphabetically), the total last."""
    found = backtest().scores
    return [found[s] for s in sorted(found, key=lambda s: (s == TOTAL, s))]


def score_rows() -> list[dict[str, Any]]:
    return [
        {
            "sector": score.sector,
            "count": score.count,
            "nowcast_mape_pct": score.nowcast_mape,
            "last_known_mape_pct": score.last_known_mape,
            "trend_mape_pct": score.trend_mape,
            "beats_baselines": score.beats_baselines,
        }
        for score in scores()
    ]
