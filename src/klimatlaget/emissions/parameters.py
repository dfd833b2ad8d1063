"""Reading metric parameters (current year, Carbon Law rate) from a page's query string."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimatlaget.calc import CARBON_LAW_PRESETS, MetricParameters
from klimatlaget.emissions.metrics import parameters


@dataclass
class PageParameters:
    params: MetricParameters
    preset: str
    error: str | None


def from_request(request: HttpRequest) -> PageParameters:
    """Parameters from ``?current_year=&preset=``; invalid input falls back to the defaults
    with a message, so a hand-edited address never breaks the page."""
    preset = request.GET.get("preset", "1.5C")
    year_text = request.GET.get("current_year", "").strip()
    problem = _problem(year_text, preset)
    if problem is None:
        try:
            year = int(year_text) if year_text else None
            return PageParameters(parameters(year, preset=preset), preset, None)
        except ValueError:  # a year the calculations refuse
            problem = _("The year %(year)s is outside the years the figures cover") % {
                "year": year_text
            }
    message = _("%(problem)s; showing the defaults.") % {"problem": problem}
    return PageParameters(parameters(), "1.5C", message)


def _problem(year_text: str, preset: str) -> str | None:
    """What is wrong with the parameters as written (None: nothing)."""
    if year_text and not year_text.isdigit():
        return _("“%(text)s” is not a year") % {"text": year_text}
    if preset not in CARBON_LAW_PRESETS:
        return _("“%(text)s” is not one of the reduction rates") % {"text": preset}
    return None


PRESET_NAMES = {
    "1.5C": gettext_lazy("1.5 °C"),
    "global-average": gettext_lazy("global average"),
    "fair-share-10": gettext_lazy("fair share, 10 %"),
    "fair-share-14": gettext_lazy("fair share, 14 %"),
    "fair-share-16": gettext_lazy("fair share, 16 %"),
}


def preset_choices() -> list[tuple[str, str]]:
    """(preset, label) pairs such as ("1.5C", "1.5 °C: 11,72 % a year"), mildest first."""
    return [
        (
            name,
            _("%(name)s: %(rate)s %% a year")
            % {
                "name": PRESET_NAMES.get(name, name),
                "rate": formats.number_format(rate * 100, 2, use_l10n=True),
            },
        )
        for name, rate in sorted(CARBON_LAW_PRESETS.items(), key=lambda item: item[1])
    ]
