"""The PDF report's bar charts: nice axis ticks with readable, distinct labels."""

import pytest
from django.utils import translation
from reportlab.graphics.shapes import Group, String

from klimatlaget.surveys.report.pdf import bar_drawing, value_axis


def drawn_texts(node) -> list[str]:
    """Every string a drawing draws, charts expanded to the shapes they draw."""
    found: list[str] = []
    for child in getattr(node, "contents", []):
        if isinstance(child, String):
            found.append(child.text)
        elif isinstance(child, Group):
            found += drawn_texts(child)
        elif hasattr(child, "draw"):
            found += drawn_texts(child.draw())
    return found


def axis_labels(labels, values, **kwargs) -> list[str]:
    """The value axis labels: what the drawing draws apart from category and bar labels."""
    with translation.override("sv"):
        texts = drawn_texts(bar_drawing(labels, values, **kwargs))
    return texts[2 * len(labels) :]


def test_a_0_to_1_axis_gets_tenths_not_repeated_zeros():
    labels = axis_labels(["Ja", "Nej"], [0.41, 1.0], counts=False)
    assert labels == ["0,0", "0,2", "0,4", "0,6", "0,8", "1,0"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 0], ["0", "1"]),
        ([0, 0], ["0", "1"]),
        ([3, 7], ["0", "2", "4", "6", "8"]),
        ([1234, 17], ["0", "500", "1\u00a0000", "1\u00a0500"]),
    ],
)
def test_count_axes_have_whole_distinct_labels(values, expected):
    labels = axis_labels(["A", "B"], values)
    assert labels == expected
    assert len(set(labels)) == len(labels)


def test_small_bar_values_keep_their_decimals():
    with translation.override("sv"):
        texts = drawn_texts(bar_drawing(["A"], [0.41], counts=False))
    assert "0,41" in texts
    ticks, label = value_axis([0.041], counts=False)
    assert [label(t) for t in ticks] == ["0,00", "0,01", "0,02", "0,03", "0,04", "0,05"]
