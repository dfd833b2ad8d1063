"""The rows of a plan page's two long tables (the lines, the cost curve) as HTML, written in
Python: a plan may have hundreds of lines, and Django's template loop over them costs several
times what the rest of the page does (bench/investments.py). Every text is escaped."""

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

Number = Callable[[float], str]


def _number(number: Number, value: float | None) -> str:
    return "–" if value is None else number(value)


def _cost(number: Number, value: float | None, not_applicable: str) -> SafeString:
    if value is None:
        return format_html('<span class="not-applicable">{}</span>', not_applicable)
    return format_html("{}", number(value))


def line_rows(rows: Iterable[dict[str, Any]], number: Number, can_edit: bool) -> SafeString:
    """The ``<tr>`` of each line: its title (linked to its page), actor, sector, funding,
    investment, lifetime, reduction and both abatement costs."""
    not_applicable, edit = _("not applicable"), _("Edit")
    parts = []
    for row in rows:
        line, cost = row["line"], row["cost"]
        head = format_html('<a class="line-link" href="{}">{}</a>', row["href"], line.title)
        if line.group_name:
            head += format_html(' <span class="flag">{}</span>', line.group_name)
        if can_edit:
            head += format_html(
                ' <a class="edit-line" href="{}edit/">{}'
                '<span class="visually-hidden"> {}</span></a>',
                row["href"],
                edit,
                line.title,
            )
        if line.reduction_overridden:
            own = _("Own reduction: %(reason)s") % {"reason": line.reduction_reason}
            head += format_html("<br><small>{}</small>", own)
        reduction = line.expected_reduction_t
        parts.append(
            format_html(
                '<tr id="line-{pk}" data-line="{pk}" data-title="{title}">\n'
                '    <th scope="row">{head}</th>\n'
                "    <td>{actor}</td>\n    <td>{sector}</td>\n"
                "    <td>{source}, {status}</td>\n"
                '    <td class="num" data-value="{capex_value}">{capex}</td>\n'
                '    <td class="num">{lifetime}</td>\n'
                '    <td class="num">{reduction}</td>\n'
                '    <td class="num" data-value="{per_tonne_value}">{per_tonne}</td>\n'
                '    <td class="num">{with_benefits}</td>\n  </tr>',
                pk=line.pk,
                title=line.title,
                head=head,
                actor=row["actor"],
                sector=row["sector"],
                source=row["funding_source"],
                status=str(row["funding_status"]).lower(),
                capex_value=line.capex_total,
                capex=number(line.capex_total),
                lifetime=line.lifetime_years or "–",
                reduction=_number(number, reduction),
                per_tonne_value=cost.per_tonne,
                per_tonne=_cost(number, cost.per_tonne, not_applicable),
                with_benefits=_cost(number, cost.per_tonne_with_co_benefits, not_applicable),
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - format_html escaped every value


def curve_rows(rows: Iterable[dict[str, Any]], number: Number) -> SafeString:
    """The ``<tr>`` of each bar of the cost curve: the line, from and to (t a year), SEK/t."""
    parts = [
        format_html(
            '<tr data-line="{}"><th scope="row"><a href="{}">{}</a></th><td class="num">{}</td>'
            '<td class="num">{}</td><td class="num">{}</td></tr>',
            row["line"].pk,
            row["href"],
            row["line"].title,
            _number(number, row["bar"].x0),
            _number(number, row["bar"].x1),
            _number(number, row["bar"].height),
        )
        for row in rows
    ]
    return mark_safe("".join(parts))  # noqa: S308 - format_html escaped every value
