"""Searching the public places (Sweden, counties, municipalities) by what someone typed."""

from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.sources.name_search import NameSearch

PLACES = (OrganisationKind.NATION, OrganisationKind.COUNTY, OrganisationKind.MUNICIPALITY)


def search_places(query: str, limit: int = 10) -> list[Organisation]:
    """The places ``query`` may mean, best first (see :class:`NameSearch`)."""
    places = {o.code: o for o in Organisation.objects.filter(kind__in=PLACES)}
    codes = NameSearch({code: o.name for code, o in places.items()}).find(query, limit)
    return [places[code] for code in codes]
