"""Numbers and sentences of the report in the current language, shared by the web page and the
PDF (the Excel workbook keeps numbers as numbers)."""

from __future__ import annotations

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from klimatlaget.charts import number_formatter
from klimatlaget.surveys.report.content import Basis, Chapter, QuestionReport, Report
from klimatlaget.surveys.report.history import Source, YearRow

DASH = "–"


def number(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return DASH
    return number_formatter(get_language(), decimals)(value)


def percent(value: float | None, decimals: int = 0) -> str:
    """``value`` already in per cent: ``-42.3`` → ``"−42 %"``."""
    return DASH if value is None else f"{number(value, decimals)} %"


def share(value: float | None) -> str:
    """A share 0…1 as per cent."""
    return DASH if value is None else percent(value * 100)


def year(value: int | None) -> str:
    return DASH if value is None else str(value)


def summary_sentences(report: Report) -> list[str]:
    """The headline figures as sentences, as the association's own report words them."""
    sentences = [
        ngettext(
            "%(count)s of %(invited)s members answered the survey %(title)s.",
            "%(count)s of %(invited)s members answered the survey %(title)s.",
            report.respondents,
        )
        % {"count": report.respondents, "invited": report.invited, "title": report.title}
    ]
    change = report.emissions
    if change.mean_change_pct is not None:
        sentences.append(_change_sentence(report))
    if change.lacking:
        sentences.append(
            _("Emissions data for %(base)s or %(latest)s are missing for: %(names)s.")
            % {
                "base": change.base_year,
                "latest": year(change.latest_year),
                "names": ", ".join(change.lacking),
            }
        )
    counts = {v.key: v.count for v in report.verdicts}
    sentences.append(
        _(
            "%(in_line)s have registered targets in line with a fair 1.5 °C target under the "
            "Paris Agreement, %(partly)s partly in line, %(not_in_line)s not in line; "
            "%(not_assessed)s could not be assessed and %(no_target)s have no registered target."
        )
        % counts
    )
    if report.basis == Basis.RESPONDENTS:
        sentences.append(member_verdicts_sentence(report))
    return sentences


def member_verdicts_sentence(report: Report) -> str:
    """The verdicts over every member of the year, as the association's own report counts."""
    counts = {v.key: v.count for v in report.member_verdicts}
    return _(
        "Counted over all %(members)s members of the year, whether they answered or not: "
        "%(in_line)s in line, %(partly)s partly in line."
    ) % {"members": report.invited, **counts}


def no_answers_text() -> str:
    """Said once instead of empty tables and charts of nought."""
    return _("No member has answered the survey yet, so there are no answers to report.")


def basis_text(report: Report) -> str:
    """Over whom the emissions change and the verdicts are computed."""
    if report.basis == Basis.MEMBERS:
        return _("computed over all %(n)s members of the year, as nobody has answered") % {
            "n": report.invited
        }
    return _("computed over the %(n)s members who answered") % {"n": report.respondents}


def _change_sentence(report: Report) -> str:
    change = report.emissions
    assert change.mean_change_pct is not None
    if change.mean_change_pct < 0:
        text = _(
            "On average they have cut their emissions by %(pct)s since %(base)s "
            "(data up to %(latest)s; %(basis)s)."
        )
    else:
        text = _(
            "On average their emissions have risen by %(pct)s since %(base)s "
            "(data up to %(latest)s; %(basis)s)."
        )
    return text % {
        "pct": percent(abs(change.mean_change_pct)),
        "base": change.base_year,
        "latest": year(change.latest_year),
        "basis": basis_text(report),
    }


def figure_text(figure: YearRow, unit: str = "") -> str:
    """A question's headline figure in one year; yes/no questions in counts and shares."""
    if figure.label == "share_yes":
        return _yes_text(figure)
    if figure.label == "mean":
        text = _("mean %(value)s") % {"value": number(figure.value, 1)}
        return f"{text} {unit}".strip()
    return _("%(count)s answered") % {"count": figure.answered}


def _yes_text(figure: YearRow) -> str:
    if figure.yes is None:
        return _("%(share)s yes") % {"share": share(figure.value)}
    if figure.answered is None:
        return _("%(yes)s yes") % {"yes": figure.yes}
    return _("%(yes)s of %(answered)s yes (%(share)s)") % {
        "yes": figure.yes,
        "answered": figure.answered,
        "share": share(figure.value),
    }


def source_text(source: Source | None) -> str:
    """Where a year's figure comes from: empty for the platform's own."""
    if source is None:
        return ""
    if source.quoted:
        return _("quoted from %(source)s") % {"source": source.label}
    return _("worked out from %(source)s") % {"source": source.label}


def sources_text(sources: list[Source]) -> str:
    return "; ".join(source_text(source) for source in sources)


def chapter_answered_text(chapter: Chapter, report: Report) -> str:
    return _("%(answered)s of %(respondents)s members answered this chapter.") % {
        "answered": chapter.answered,
        "respondents": report.respondents,
    }


def answered_text(question: QuestionReport) -> str:
    return _("%(answered)s of %(respondents)s answered") % {
        "answered": question.answered,
        "respondents": question.respondents,
    }
