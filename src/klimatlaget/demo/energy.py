"""The example dataset's energy inventory: Strandhamn's final energy use of 2020 (the base year
of its target) and 2023, fictional figures in the shape of SCB's energy statistics, so that the
Covenant of Mayors workbook has a baseline and a monitoring inventory to show."""

from collections.abc import Callable
from pathlib import Path

from klimatlaget.accounts.actors import command_line
from klimatlaget.energy.imports import import_energy

EXAMPLE_ENERGY = Path(__file__).resolve().parent / "energy_example.csv"


def load_example_energy(say: Callable[[str], None]) -> None:
    """Import the example's energy use (again: an unchanged year is left as it is)."""
    result = import_energy(EXAMPLE_ENERGY, actor=command_line())
    say(f"Energy use: {result.rows_read} rows of the example (Strandhamn 2020 and 2023).")
