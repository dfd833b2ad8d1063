"""Render one realistic example of each chart; with Chromium present, also screenshot them.

Set KLIMATLAGET_CHART_EXAMPLES to a folder to keep the SVG files (and screenshots) for a visual
check, e.g. ``KLIMATLAGET_CHART_EXAMPLES=/tmp pytest tests/charts -k examples``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from klimatlaget.charts import (
    Bar,
    Line,
    Marker,
    bar_chart,
    line_chart,
    number_formatter,
    stacked_area_chart,
)

from .helpers import assert_accessible

YEARS = [1990, 2000, 2005, 2010, *range(2015, 2024)]
SECTORS = {
    "Transporter": lambda y: 120_000 - 1_500 * (y - 1990),
    "Industri (energi och processer)": lambda y: 80_000 - 800 * (y - 1990),
    "El och fjärrvärme": lambda y: 60_000 - 1_200 * (y - 1990),
    "Jordbruk": lambda y: 40_000 - 100 * (y - 1990),
    "Arbetsmaskiner": lambda y: 20_000 + 50 * (y - 1990),
    "Egen uppvärmning av bostäder och lokaler": lambda y: 30_000 - 700 * (y - 1990),
    "Avfall (inkl. avlopp)": lambda y: 9_000 - 150 * (y - 1990),
    "Produktanvändning (inkl. lösningsmedel)": lambda y: 5_000,
}
NAMES = [
    "Upplands Väsby", "Vallentuna", "Österåker", "Värmdö", "Järfälla", "Ekerö", "Huddinge",
    "Botkyrka", "Salem", "Haninge", "Tyresö", "Upplands-Bro", "Nykvarn", "Täby", "Danderyd",
    "Sollentuna", "Stockholm", "Södertälje", "Nacka", "Sundbyberg", "Solna", "Lidingö",
    "Malung-Sälen", "Region Västra Götaland, kollektivtrafiknämnden",
]  # fmt: skip


def examples() -> dict[str, str]:
    sv = number_formatter("sv")
    series = {name: {y: float(f(y)) for y in YEARS} for name, f in SECTORS.items()}
    total = {y: sum(s[y] for s in series.values()) for y in YEARS}
    last = total[2023]
    trend = {y: last - 9_000 * (y - 2023) for y in range(2023, 2048)}
    carbon_law = {y: last * 0.88 ** (y - 2023) for y in range(2023, 2051)}
    lines = [
        Line("history", "Historiska utsläpp", total, "solid", show_points=True),
        Line(
            "approx",
            "Uppskattning",
            {2023: last, 2024: last - 6_000, 2025: last - 11_000},
            "dotted",
        ),
        Line("trend", "Trend", trend, "dashed"),
        Line("carbon_law", "Koldioxidlagen", carbon_law, "solid"),
    ]
    bars = [
        Bar(f"k{i}", name, None if i == 5 else round(((i * 37) % 100) / 10 - 1.5, 1), f"/k/{i}/")
        for i, name in enumerate(NAMES)
    ]
    return {
        "area": stacked_area_chart(
            series,
            title="Utsläpp per sektor, Exempelstad",
            description="Territoriella utsläpp 1990–2023 per sektor, i ton koldioxidekvivalenter.",
            number_format=sv,
        ),
        "line": line_chart(
            lines,
            title="Utsläppstrend mot koldioxidlagen",
            description="Trenden ligger över koldioxidlagens bana fram till 2047.",
            unit="t CO₂e",
            shade_between=("trend", "carbon_law"),
            shade_label="Gap mot koldioxidlagen",
            markers=[Marker(2025, "I dag"), Marker(2023 + last / 9_000, "Trenden når noll")],
            number_format=sv,
        ),
        "bar": bar_chart(
            bars,
            title="Utsläpp per invånare",
            description="Kommunerna i länet, 2023.",
            unit="t CO₂e per invånare",
            number_format=number_formatter("sv", 1),
            highlight="k16",
            no_data_text="uppgift saknas",
        ),
        "empty": bar_chart([], title="Inga kommuner", description="", no_data_text="Inga data"),
    }


def test_examples_render_and_can_be_screenshotted(tmp_path: Path) -> None:
    folder = Path(os.environ.get("KLIMATLAGET_CHART_EXAMPLES") or tmp_path)
    paths = []
    for name, svg in examples().items():
        assert_accessible(svg)
        path = folder / f"charts-{name}.svg"
        path.write_text(svg, encoding="utf-8")
        paths.append(path)

    chromium = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if chromium is None:
        pytest.skip("Chromium is not installed: SVGs written, visual check skipped")
    for path in paths:
        html = path.with_suffix(".html")
        html.write_text(
            '<!doctype html><meta charset="utf-8"><body style="margin:0;width:360px;'
            f'font-family:sans-serif;color:#222">{path.read_text(encoding="utf-8")}</body>',
            encoding="utf-8",
        )
        png = path.with_suffix(".png")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={png}",
             "--window-size=360,1400", html.as_uri()],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        assert png.stat().st_size > 0
