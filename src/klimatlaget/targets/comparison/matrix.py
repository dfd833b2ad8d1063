"""The experts' matrix: per scope group, the ladder's wordings as rows, target years as columns and
the organisations in the cells, Sweden's and the EU's targets marked. Built from the comparison's
rows, so it shows the same (ranked) targets under the same filters."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from klimatlaget.calc.targets import LADDER, Order, TargetParameters
from klimatlaget.exports.columns import Column
from klimatlaget.targets.comparison.service import (
    GROUPS,
    RUNG_LABELS,
    Filters,
    build_comparison,
)

#: The columns: a target falls in the first year at or after its target year, or in "later".
YEAR_COLUMNS: tuple[int, ...] = (2030, 2035, 2040, 2045, 2050)
LATER = "later"
COLUMN_KEYS: tuple[str, ...] = (*(str(year) for year in YEAR_COLUMNS), LATER)
COLUMN_LABELS: dict[str, Promise | str] = {
    **{key: key for key in COLUMN_KEYS[:-1]},
    LATER: gettext_lazy("Later"),
}

#: The columns of the matrix's CSV file and of its API rows: one row per target.
CSV_COLUMNS = [
    Column("scope_group"),
    Column("ladder_rung"),
    Column("year_column"),
    Column("organisation_code"),
    Column("organisation"),
    Column("is_reference"),
    Column("target_id"),
    Column.year("target_year"),
    Column.integer("rank_in_group"),
    Column("paris_alignment"),
]


def year_column(target_year: int) -> str:
    """ "2030" for 2030 and earlier, "2035" for 2031–2035, …, "later" after 2050."""
    return next((str(year) for year in YEAR_COLUMNS if target_year <= year), LATER)


@dataclass(frozen=True)
class MatrixRow:
    rung: str
    label: Promise
    cells: list[list[dict[str, Any]]]


@dataclass(frozen=True)
class Matrix:
    scope_group: str
    label: Promise
    rows: list[MatrixRow]


def matrix_entries(params: TargetParameters, filters: Filters) -> list[dict[str, Any]]:
    """The ranked targets of the comparison (ladder order) with their rung and year column."""
    entries = []
    for row in build_comparison(params, replace(filters, order=Order.LADDER)).rows:
        if row["rank_in_group"] is None or row["ladder_rung"] is None:
            continue
        entries.append({**row, "year_column": year_column(row["target_year"])})
    return entries


def build_matrices(entries: list[dict[str, Any]]) -> list[Matrix]:
    """One matrix per scope group with targets; rows sharpest first, cells in ladder order."""
    matrices = []
    for group, label in GROUPS.items():
        members = [e for e in entries if e["scope_group"] == group]
        if not members:
            continue
        rows = []
        for step in LADDER:
            cells = [
                [e for e in members if e["ladder_rung"] == step and e["year_column"] == column]
                for column in COLUMN_KEYS
            ]
            rows.append(MatrixRow(step.value, RUNG_LABELS[step], cells))
        matrices.append(Matrix(group, label, rows))
    return matrices


def matrix_as_dict(matrices: list[Matrix]) -> dict[str, Any]:
    """The API's form: columns, and per scope group the rows with the targets in each cell."""
    keys = ["organisation_code", "organisation", "is_reference", "target_id", "target_year"]
    return {
        "columns": list(COLUMN_KEYS),
        "groups": [
            {
                "scope_group": matrix.scope_group,
                "rows": [
                    {
                        "ladder_rung": row.rung,
                        "cells": {
                            column: [
                                {
                                    **{key: entry[key] for key in keys},
                                    "rank": entry["rank_in_group"],
                                }
                                for entry in cell
                            ]
                            for column, cell in zip(COLUMN_KEYS, row.cells, strict=True)
                        },
                    }
                    for row in matrix.rows
                ],
            }
            for matrix in matrices
        ],
    }
