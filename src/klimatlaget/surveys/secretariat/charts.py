"""The status board's bar chart: how many members are in each status."""

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatlaget.charts import Bar, bar_chart, number_formatter, responsive
from klimatlaget.surveys.models import ResponseStatus


def status_chart(counts: dict[str, int]) -> SafeString:
    bars = [
        Bar(status.value, str(status.label), float(counts[status.value]))
        for status in ResponseStatus
    ]
    svg = responsive(
        bar_chart,
        bars,
        title=_("Members by status of their response"),
        description=_("How many of the %(count)s members are in each status.")
        % {"count": sum(counts.values())},
        unit=_("members"),
        counts=True,
        number_format=number_formatter(get_language() or "sv"),
        no_data_text=_("no data"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes
