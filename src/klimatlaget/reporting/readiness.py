"""An organisation's readiness to report to each platform, its members' for an association, and
what is due next. The statuses are computed by :mod:`klimatlaget.calc.readiness`."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse

from klimatlaget.associations.models import members_in_year
from klimatlaget.calc.readiness import Counts, Level, Status, count, item_status, level, next_due
from klimatlaget.organisations.models import Organisation
from klimatlaget.reporting.facts import Fact, facts_of
from klimatlaget.reporting.models import Answer, Deadline
from klimatlaget.reporting.profiles import Item, Profile, profile, profiles
from klimatlaget.reporting.services import answers_for


@dataclass(frozen=True)
class ItemReadiness:
    item: Item
    status: Status
    as_of: int | None
    url: str
    detail: str = ""
    answer: Answer | None = None


@dataclass(frozen=True)
class PlatformReadiness:
    profile: Profile
    items: list[ItemReadiness]
    counts: Counts
    level: Level


def _question_fact(organisation: Organisation, key: str, answer: Answer | None) -> Fact:
    url = reverse("reporting", kwargs={"code": organisation.code}) + f"#question-{key}"
    if answer is None:
        return Fact(False, None, url)
    return Fact(True, answer.year, url, answer.text)


def readiness(
    organisation: Organisation, year: int, chosen: Iterable[Profile] | None = None
) -> list[PlatformReadiness]:
    """Each platform's items with their status in the reporting ``year``."""
    shown = list(chosen if chosen is not None else profiles())
    items = [item for each in shown for item in each.items]
    facts = facts_of(organisation, {item.fact for item in items if item.fact})
    answers = answers_for(organisation, {item.question for item in items if item.question})
    result = []
    for each in shown:
        rows = []
        for item in each.items:
            answer = answers.get(item.question) if item.question else None
            fact = (
                facts[item.fact]
                if item.fact
                else _question_fact(organisation, item.question or "", answer)
            )
            status = item_status(fact.answered, fact.as_of, item.max_age_years, year)
            rows.append(ItemReadiness(item, status, fact.as_of, fact.url, fact.detail, answer))
        result.append(
            PlatformReadiness(
                each,
                rows,
                count(row.status for row in rows),
                level((row.status, row.item.required) for row in rows),
            )
        )
    return result


@dataclass
class MemberReadiness:
    organisation: Organisation
    levels: dict[str, Level]


@dataclass
class AssociationReadiness:
    year: int
    profiles: list[Profile]
    members: list[MemberReadiness]
    counts: dict[str, dict[Level, int]] = field(default_factory=dict)


def association_readiness(association: Organisation, year: int) -> AssociationReadiness:
    """The members of ``association`` in ``year``, each platform's readiness level, and how
    many members are ready, partly ready and not ready for each platform."""
    shown = list(profiles())
    members = []
    for member in members_in_year(association, year).order_by("name"):
        levels = {each.profile.key: each.level for each in readiness(member, year, shown)}
        members.append(MemberReadiness(member, levels))
    counts = {
        each.key: {lvl: sum(m.levels[each.key] == lvl for m in members) for lvl in Level}
        for each in shown
    }
    return AssociationReadiness(year, shown, members, counts)


@dataclass(frozen=True)
class Due:
    platform: str
    platform_name: str
    title: str
    due: datetime.date
    deadline: Deadline | None  # None: a profile's default, not stored


def upcoming(today: datetime.date, limit: int | None = None) -> list[Due]:
    """The deadlines by when they next fall due: the stored ones, or when none is stored yet,
    the profiles' defaults."""
    stored = list(Deadline.objects.all())
    dues = []
    if stored:
        for deadline in stored:
            when = next_due(deadline.due, deadline.recurs_yearly, today)
            if when is not None:
                dues.append(
                    Due(deadline.platform, _name(deadline.platform), deadline.title, when, deadline)
                )
    else:
        for each in profiles():
            for default in each.deadlines:
                first = default_date(default.month, default.day, today.year)
                when = next_due(first, default.recurs_yearly, today)
                if when is not None:
                    dues.append(Due(each.key, each.name, default.title, when, None))
    dues.sort(key=lambda due: (due.due, due.platform_name))
    return dues[:limit] if limit is not None else dues


def default_date(month: int, day: int, year: int) -> datetime.date:
    return datetime.date(year, month, min(day, 28) if month == 2 else day)


def _name(key: str) -> str:
    found = profile(key)
    return found.name if found else key
