"""The fee rule against the fee table in Klimatkommunerna's operating plan 2008–2009.

The table is read from the seed document at run time: every row that gives a population figure
(``name 3000 inhabitants 0,2 fee``) is recomputed with the rounding the row itself uses (whole
kronor, or tenths where the fee has a decimal), and each block's sum is checked against the
table's. The row for the Stockholm county council is the override: charged as if it had 45,000
inhabitants.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

from klimatlaget.calc.fees import (
    Fee,
    FeeOverride,
    FeeRule,
    Rounding,
    compute_fee,
    round_amount,
    total,
)

SEEDS = Path(
    os.environ.get(
        "KLIMATLAGET_SHARED_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds"
    )
)
PLAN = SEEDS / "klimatkommunerna-verksamhetsplan-2008-2009.txt"

# A Swedish number: digits grouped by spaces ("123 709") or not ("27741"), a decimal comma.
NUMBER = r"(?:\d{1,3}(?: \d{3})+|\d+)(?:,\d+)?"
ROW = re.compile(
    rf"^(?P<name>\D+?) (?P<fixed>\d+) +(?P<inhabitants>{NUMBER}) +(?P<per>\d+,\d+) "
    rf"+(?P<fee>{NUMBER})(?:\s|$)"
)
SUM = re.compile(rf"^\s*(?:SUMMA)?\s+(?P<sum>{NUMBER})\s*$")
CEILING = re.compile(rf"upp till (?P<ceiling>{NUMBER})")


def swedish_number(text: str) -> Decimal:
    """'123 709' → 123709, '27741,8' → 27741.8."""
    return Decimal(text.replace(" ", "").replace(",", "."))


def rounding_of(text: str) -> Rounding:
    return "tenth" if "," in text else "krona"


@dataclass
class Row:
    name: str
    fixed: Decimal
    inhabitants: int
    per: Decimal
    fee: Decimal
    rounding: Rounding


@dataclass
class Block:
    rows: list[Row] = field(default_factory=list)
    sum: Decimal | None = None
    rounding: Rounding = "krona"


@dataclass
class FeeTable:
    ceiling: int
    blocks: list[Block]


def parse_fee_table(text: str) -> FeeTable:
    """The fee proposal's rows and sums, from its heading to the next section."""
    start = text.index("Förslag till medlemsavgift")
    end = text.index("Kort sammanställning", start)
    ceiling: int | None = None
    blocks: list[Block] = []
    current = Block()
    for line in text[start:end].splitlines():
        if ceiling is None and (found := CEILING.search(line)):
            ceiling = int(swedish_number(found["ceiling"]))
            continue
        if row := ROW.match(line.strip()):
            current.rows.append(
                Row(
                    name=row["name"].strip(),
                    fixed=swedish_number(row["fixed"]),
                    inhabitants=int(swedish_number(row["inhabitants"])),
                    per=swedish_number(row["per"]),
                    fee=swedish_number(row["fee"]),
                    rounding=rounding_of(row["fee"]),
                )
            )
        elif (found := SUM.match(line)) and current.rows:
            current.sum = swedish_number(found["sum"])
            current.rounding = rounding_of(found["sum"])
            blocks.append(current)
            current = Block()
    assert ceiling is not None, "the table's heading names the most inhabitants counted"
    assert not current.rows, "every block of the table ends with its sum"
    return FeeTable(ceiling, blocks)


@pytest.fixture(scope="module")
def fee_table() -> FeeTable:
    if not PLAN.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the seed document {PLAN}")
        pytest.skip(f"the seed document {PLAN} is absent (a bare clone)")
    return parse_fee_table(PLAN.read_text(encoding="utf-8"))


def is_override(row: Row) -> bool:
    """The county council's row: charged as if it had the inhabitants the table states."""
    return "landsting" in row.name


def fee_for(row: Row, ceiling: int, rounding: Rounding | None = None) -> Fee:
    rule = FeeRule(row.fixed, row.per, ceiling, rounding or row.rounding)
    if is_override(row):
        override = FeeOverride(
            "Decided in the 2008 table: counted as 45,000 inhabitants",
            counted_inhabitants=row.inhabitants,
        )
        return compute_fee(rule, None, override)
    return compute_fee(rule, row.inhabitants)


def test_the_table_is_the_one_described(fee_table):
    assert fee_table.ceiling == 150_000
    assert [len(block.rows) for block in fee_table.blocks] == [22, 4]
    assert {(row.fixed, row.per) for b in fee_table.blocks for row in b.rows} == {
        (Decimal(3000), Decimal("0.2"))
    }
    assert [row.name for row in fee_table.blocks[0].rows if is_override(row)] == [
        "Stockholm landsting"
    ]
    assert {row.rounding for row in fee_table.blocks[1].rows} == {"tenth", "krona"}


def test_every_row_of_the_2008_table_is_reproduced(fee_table):
    for block in fee_table.blocks:
        for row in block.rows:
            fee = fee_for(row, fee_table.ceiling)
            assert fee.amount_sek == row.fee, row.name
            assert not fee.missing_population


def test_each_block_sums_to_the_table(fee_table):
    """The table's sums are the exact fees summed and then rounded, as a spreadsheet that shows
    rounded cells but sums their exact values does: for the first block that is one krona more
    than the fees as charged (369,268 SEK). The fee list sums the fees as charged."""
    for block in fee_table.blocks:
        exact = [fee_for(row, fee_table.ceiling, rounding="none") for row in block.rows]
        assert block.sum is not None
        assert round_amount(total(exact), block.rounding) == block.sum
    assert [b.sum for b in fee_table.blocks] == [Decimal(369_269), Decimal("68841.4")]
    charged = [fee_for(row, fee_table.ceiling) for row in fee_table.blocks[0].rows]
    assert total(charged) == Decimal(369_268)
    charged = [fee_for(row, fee_table.ceiling) for row in fee_table.blocks[1].rows]
    assert total(charged) == Decimal("68841.4")


def test_large_cities_pay_the_ceiling(fee_table):
    capped = {
        row.name: fee_for(row, fee_table.ceiling)
        for block in fee_table.blocks
        for row in block.rows
        if row.inhabitants > fee_table.ceiling
    }
    assert set(capped) == {"Malmö", "Stockholm"}
    for fee in capped.values():
        assert fee.capped and fee.counted_inhabitants == 150_000
        assert fee.amount_sek == Decimal(33_000)


def test_the_override_is_applied_with_its_reason():
    rule = FeeRule()
    without = compute_fee(rule, 2_019_182)
    assert without.amount_sek == Decimal(33_000) and without.capped
    override = FeeOverride("As if it had 45,000 inhabitants", counted_inhabitants=45_000)
    fee = compute_fee(rule, 2_019_182, override)
    assert fee.amount_sek == Decimal(12_000)
    assert fee.counted_inhabitants == 45_000
    assert fee.inhabitants == 2_019_182
    assert fee.override_reason == "As if it had 45,000 inhabitants"
    assert not fee.capped


def test_a_fixed_amount_override_needs_no_population():
    fee = compute_fee(FeeRule(), None, FeeOverride("Agreed", amount_sek=Decimal("4500.50")))
    assert fee.amount_sek == Decimal("4500.50")
    assert fee.counted_inhabitants is None
    assert not fee.missing_population


def test_a_missing_population_is_flagged_not_charged_zero():
    fee = compute_fee(FeeRule(), None)
    assert fee.amount_sek is None
    assert fee.missing_population
    assert total([fee, compute_fee(FeeRule(), 10_000)]) == Decimal(5_000)


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [("krona", Decimal(9263)), ("tenth", Decimal("9263.2")), ("none", Decimal("9263.20"))],
)
def test_rounding(rounding, expected):
    assert compute_fee(FeeRule(rounding=rounding), 31_316).amount_sek == expected


def test_rounding_is_half_up():
    assert round_amount(Decimal("100.5"), "krona") == Decimal(101)
    assert round_amount(Decimal("102.5"), "krona") == Decimal(103)
    assert round_amount(Decimal("0.25"), "tenth") == Decimal("0.3")
    assert compute_fee(FeeRule(), 12_577).amount_sek == Decimal(5515)  # 5515.4


def test_no_ceiling_counts_everyone():
    fee = compute_fee(FeeRule(max_inhabitants=None), 200_000)
    assert fee.amount_sek == Decimal(43_000) and not fee.capped


@pytest.mark.parametrize(
    "make",
    [
        lambda: FeeOverride("", counted_inhabitants=1),
        lambda: FeeOverride("why"),
        lambda: FeeOverride("why", counted_inhabitants=1, amount_sek=Decimal(1)),
        lambda: FeeOverride("why", amount_sek=Decimal(-1)),
        lambda: FeeRule(rounding="cents"),  # type: ignore[arg-type]
        lambda: FeeRule(fixed_sek=Decimal(-1)),
        lambda: compute_fee(FeeRule(), -5),
    ],
)
def test_invalid_input_is_refused(make):
    with pytest.raises(ValueError):
        make()
