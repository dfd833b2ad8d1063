"""The choices of the statistics filter form: member kind, the counties present among the
survey's members, size class, and approved only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from klimatlaget.associations.models import members_in_year
from klimatlaget.emissions.comparison import SIZE_CLASSES
from klimatlaget.organisations.models import OrganisationKind
from klimatlaget.surveys.models import Survey
from klimatlaget.surveys.results.dataset import MemberFilter

KINDS: dict[str, Promise] = {
    OrganisationKind.MUNICIPALITY: gettext_lazy("Municipalities"),
    OrganisationKind.COUNTY: gettext_lazy("Regions"),
}


def member_filter(query: Mapping[str, str]) -> MemberFilter:
    """The filter from a query string; an unknown member kind means all members."""
    found = MemberFilter.from_query(query)
    return found if not found.kind or found.kind in KINDS else replace(found, kind="")


def as_query(chosen: MemberFilter) -> str:
    """The filter as a query string, for links to the CSV with the same filters."""
    values = {"kind": chosen.kind, "county": chosen.county, "size": chosen.size}
    pairs = {key: value for key, value in values.items() if value}
    if chosen.approved_only:
        pairs["approved_only"] = "1"
    return urlencode(pairs)


@dataclass(frozen=True)
class FilterChoices:
    kinds: dict[str, Promise]
    counties: list[tuple[str, str]]
    sizes: dict[str, str]


def counties_of_members(survey: Survey) -> list[tuple[str, str]]:
    """(code, name) of the counties of the survey's members in its year, by name; a region
    is its own county."""
    found: dict[str, str] = {}
    for member in members_in_year(survey.association, survey.year).select_related("county"):
        code = MemberFilter.county_of(member)
        found[code] = member.county.name if member.county is not None else member.name
    return sorted(found.items(), key=lambda item: item[1])


def filter_choices(survey: Survey) -> FilterChoices:
    return FilterChoices(
        kinds=KINDS,
        counties=counties_of_members(survey),
        sizes={key: str(label) for key, (label, _low, _high) in SIZE_CLASSES.items()},
    )
