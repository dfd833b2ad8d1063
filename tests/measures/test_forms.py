"""Numbers by year come back into a form as people write them."""

from klimatlaget.measures.forms import YearNumbersField


def test_numbers_by_year_are_shown_in_full_and_read_back_unchanged():
    field = YearNumbersField(required=False)
    stored = {"2026": 1_000_000.0, "2027": 0.5, "2025": 12_500_000.0, "2028": 0.0001}
    shown = field.prepare_value(stored)
    assert shown == "2025: 12500000\n2026: 1000000\n2027: 0.5\n2028: 0.0001"
    assert field.clean(shown) == stored
