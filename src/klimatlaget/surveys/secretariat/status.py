"""The status board: where every member of the survey's year stands, and the counts.

A member without a response counts as "not started", like one that opened the survey but
saved nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Max

from klimatlaget.associations.models import members_in_year
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import Dispatch, Response, ResponseStatus, Survey

COLUMNS = [
    "member_code",
    "member_name",
    "status",
    "status_label",
    "last_saved",
    "submitted_at",
    "last_dispatch",
    "last_dispatch_kind",
]


@dataclass
class MemberStatus:
    member: Organisation
    status: ResponseStatus
    response: Response | None
    last_saved: datetime.datetime | None
    last_dispatch: Dispatch | None

    @property
    def submitted_at(self) -> datetime.datetime | None:
        return self.response.submitted_at if self.response else None

    @property
    def outstanding(self) -> bool:
        """Not yet handed in (neither submitted nor approved)."""
        return self.status not in (ResponseStatus.SUBMITTED, ResponseStatus.APPROVED)

    @property
    def reviewable(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED

    def as_dict(self) -> dict[str, Any]:
        dispatch = self.last_dispatch
        return {
            "member_code": self.member.code,
            "member_name": self.member.name,
            "status": self.status.value,
            "status_label": str(self.status.label),
            "last_saved": _iso(self.last_saved),
            "submitted_at": _iso(self.submitted_at),
            "last_dispatch": _iso(dispatch.sent_at) if dispatch else None,
            "last_dispatch_kind": dispatch.kind if dispatch else None,
        }


def _iso(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _last_dispatches(survey: Survey) -> dict[int, Dispatch]:
    latest: dict[int, Dispatch] = {}
    for dispatch in Dispatch.objects.filter(survey=survey).order_by("-sent_at", "-pk"):
        latest.setdefault(dispatch.member_id, dispatch)
    return latest


def member_statuses(survey: Survey) -> list[MemberStatus]:
    """One row per member of the association in the survey's year, by name."""
    responses = {
        r.member_id: r
        for r in Response.objects.filter(survey=survey).annotate(
            last_saved=Max("answers__updated_at")
        )
    }
    dispatches = _last_dispatches(survey)
    rows = []
    for member in members_in_year(survey.association, survey.year).order_by("name"):
        response = responses.get(member.pk)
        rows.append(
            MemberStatus(
                member=member,
                status=ResponseStatus(response.status if response else ResponseStatus.NOT_STARTED),
                response=response,
                last_saved=getattr(response, "last_saved", None),
                last_dispatch=dispatches.get(member.pk),
            )
        )
    return rows


def status_counts(rows: list[MemberStatus]) -> dict[str, int]:
    """How many members are in each status, every status present (in workflow order)."""
    counts = {status.value: 0 for status in ResponseStatus}
    for row in rows:
        counts[row.status.value] += 1
    return counts
