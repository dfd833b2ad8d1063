"""The key-figure cards of every real municipality agree with the numbers they show."""

import re

from django.utils import translation

from klimatlaget.calc import MetricParameters
from klimatlaget.emissions import figures
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.emissions.metrics import all_metrics

PARAMS = MetricParameters(current_year=2026)


def _digits(text: str) -> int:
    """The first number in a card value, separators dropped (English: "3,252,269 t")."""
    match = re.match(r"([\d,]+) t", text)
    assert match, f"no tonnes at the start of {text!r}"
    return int(match.group(1).replace(",", ""))


def test_every_municipality_s_cards_agree_with_its_numbers(real_data):
    """One import of the real data (slow on PostgreSQL) for the three checks below."""
    dataset, metrics = load_dataset(), all_metrics(PARAMS)
    codes = [code for code, org in dataset.items() if org.kind == "municipality"]
    assert len(codes) == 290
    municipalities = [(dataset[code], metrics[code]) for code in codes]
    _check_gap_cards_and_shading(municipalities)
    _check_zero_years(municipalities)
    _check_needed_reduction(municipalities)
    _check_trend_ranges(municipalities)


def _card(cards, label):
    return next(card for card in cards if card.label == label)


def _check_gap_cards_and_shading(municipalities):
    kinds = set()
    with translation.override("en"):
        for org, metrics in municipalities:
            card = figures.gap_figure(metrics, PARAMS)
            chart = str(figures.pathway_chart(org, metrics, PARAMS))
            gap = metrics.gap_t
            assert gap is not None and gap != 0, org.name
            assert _digits(card.value) == round(abs(gap)), org.name
            assert f"({round(abs(metrics.gap_share) * 100)} % of the Carbon Law budget)" in (
                card.value
            ), org.name
            assert 'class="kl-gap"' in chart, org.name  # shaded whichever way the gap goes
            if gap > 0:
                kinds.add("above")
                assert (card.flag, card.flag_kind) == ("Above the pathway", "bad"), org.name
                assert "emits this much more" in card.explanation
                assert figures.gap_shading(metrics) == ("trend", "carbon_law")
                assert "Gap: trend above the pathway" in chart
            else:
                kinds.add("below")
                assert (card.flag, card.flag_kind) == ("Below the pathway", "good"), org.name
                assert card.explanation.startswith(
                    "The trend emits less than the Carbon Law pathway"
                )
                assert figures.gap_shading(metrics) == ("carbon_law", "trend")
                assert "Gap: trend below the pathway" in chart
    assert kinds == {"above", "below"}


def _check_zero_years(municipalities):
    seen = set()
    with translation.override("en"):
        for _, metrics in municipalities:
            text = figures.zero_year_text(metrics, PARAMS)
            zero = metrics.trend.zero_date
            if metrics.trend.slope_t_per_yr >= 0:
                assert text == "Not on the current trend"
                seen.add("never")
            elif zero.year > 2050:
                assert text == "After 2050"
                seen.add("after")
            else:
                assert text == str(zero.year)
                assert re.fullmatch(r"20[2-5]\d", text)
                seen.add("year")
    assert seen == {"never", "after", "year"}


def _check_needed_reduction(municipalities):
    """The needed reduction differs by municipality and matches its remaining budget."""
    rates, shares = set(), []
    with translation.override("en"):
        for org, metrics in municipalities:
            remaining = metrics.remaining_budget
            cards = figures.key_figures(org, metrics, PARAMS)
            card = _card(cards, "Needed reduction per year")
            cut = round(remaining.rate * 100, 1)
            assert card.value == (f"-{cut:.1f} %" if cut else "0.0 %"), org.name
            assert str(metrics.last_year) in card.explanation
            assert (card.flag == "Budget spent") == remaining.budget_exhausted
            rates.add(card.value)
            shares.append(remaining.rate)
    # Not the Carbon Law rate for all: faster where the trend overspent since the data year.
    assert len(rates) > 30
    assert min(shares) < PARAMS.carbon_law_rate - 0.01 < PARAMS.carbon_law_rate + 0.01 < max(shares)


def _check_trend_ranges(municipalities):
    """Every trend card shows its leave-one-out range and says "uncertain" when that range
    includes zero, on the slope and on the year it reaches zero, and the chart draws the range."""
    uncertain = 0
    with translation.override("en"):
        for org, metrics in municipalities:
            trend = metrics.trend
            cards = figures.key_figures(org, metrics, PARAMS)
            slope, zero = _card(cards, "Trend per year"), _card(cards, "Trend reaches zero")
            assert f"(range {round(trend.slope_low):,} to " in slope.value.replace("+", ""), (
                org.name
            )
            assert slope.value.endswith("; uncertain)") == trend.uncertain, org.name
            assert slope.flag == zero.flag == ("Uncertain" if trend.uncertain else ""), org.name
            uncertain += trend.uncertain
            assert 'class="kl-band"' in str(figures.pathway_chart(org, metrics, PARAMS))
    assert 10 <= uncertain <= 60
