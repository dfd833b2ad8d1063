"""The demo's association, its members and their climate targets.

With the fictional example dataset every example municipality and region is a member of
Klimatkommunerna (joined on various dates, one has left) and has the targets in
``targets_example.csv``. With the real data the members are those named in the association's
own documents in ``../shared/seeds`` (see :data:`REAL_MEMBERS`), and the targets are those of
``targets_real.csv``, each quoted from its source document. Then the plans, measures and
indicators of :mod:`klimatlaget.demo.measures`. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from klimatlaget.accounts.actors import command_line
from klimatlaget.associations.models import Membership
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import BOARD_MEMBER, CONTACT, MEMBERSHIP, ORGANISATION
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.sources import NameMatcher

Say = Callable[[str], None]

ASSOCIATION_CODE = "klimatkommunerna"
ASSOCIATION_NAME = "Klimatkommunerna"
HERE = Path(__file__).resolve().parent
EXAMPLE_TARGETS = HERE / "targets_example.csv"
REAL_TARGETS = HERE / "targets_real.csv"


@dataclass(frozen=True, slots=True)
class MemberEntry:
    """A member as a document names it. ``evidence`` is ``"joined"`` when the document says the
    member joined then, ``"listed"`` when it only lists the member at that time (the joining date
    is then the earliest such listing: 1 January of the document's year, since none of the
    documents gives a day)."""

    name: str
    joined: datetime.date
    source: str
    evidence: Literal["joined", "listed"] = "listed"
    left: datetime.date | None = None


def _listed(names: str, year: int, source: str) -> list[MemberEntry]:
    return [MemberEntry(n.strip(), datetime.date(year, 1, 1), source) for n in names.split(",")]


_PLAN_2008 = "Klimatkommunerna, verksamhetsplan 2008–2009"
_REPORT_2024 = "Klimatkommunerna, verksamhetsberättelse 2024"

#: Members named in the seed documents. The 2008–2009 operating plan lists the 22
#: municipalities and one county council that were members of the network before the association
#: was formed; Umeå is left out: the plan's fee proposal notes it "decided not to take part";
#: the 2024 annual report names the four members that joined in 2024, the members taking part
#: in a study on travel patterns, and the hosts of the year's member meetings (members take
#: turns to host them).
REAL_MEMBERS: tuple[MemberEntry, ...] = (
    *_listed(
        "Luleå, Lycksele, Östersund, Uppsala, Stockholm, Sollentuna, Södertälje, Säffle, "
        "Åmål, Lidköping, Linköping, Götene, Falköping, Växjö, Mölndal, Olofström, Helsingborg, "
        "Hässleholm, Kristianstad, Lund, Malmö, Stockholms läns landsting",
        2008,
        _PLAN_2008,
    ),
    *(
        MemberEntry(name, datetime.date(2024, 1, 1), _REPORT_2024, "joined")
        for name in ("Höörs kommun", "Nacka kommun", "Region Stockholm", "Nyköpings kommun")
    ),
    *_listed(
        "Kalmar, Kristianstad, Lomma, Lund, Solna, Skellefteå, Södertälje, Tyresö, Växjö, "
        "Örebro, Jönköping",
        2024,
        _REPORT_2024,
    ),
)

#: Every fictional municipality and region, by SCB code; Björkås has left.
EXAMPLE_MEMBERS: tuple[MemberEntry, ...] = tuple(
    MemberEntry(code, datetime.date.fromisoformat(joined), "fictional example", "joined", left)
    for code, joined, left in (
        ("9101", "2008-10-15", None),
        ("9102", "2008-10-15", None),
        ("9103", "2012-03-01", datetime.date(2019, 12, 31)),
        ("9104", "2015-01-01", None),
        ("9105", "2010-05-20", None),
        ("9201", "2020-01-01", None),
        ("9202", "2016-09-01", None),
        ("9203", "2023-02-01", None),
        ("9204", "2011-01-01", None),
        ("9205", "2009-04-01", None),
        ("91", "2014-06-01", None),
        ("92", "2024-03-01", None),
    )
)


@dataclass
class MembershipResult:
    association: Organisation
    created: int = 0
    unmatched: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)


def association() -> Organisation:
    """The demo association, created (and recorded) when missing."""
    org, created = Organisation.objects.get_or_create(
        code=ASSOCIATION_CODE,
        defaults={"name": ASSOCIATION_NAME, "kind": OrganisationKind.ASSOCIATION},
    )
    if created:
        record(
            actor=command_line(),
            action="klimatlaget.organisation.created",
            subject=ORGANISATION,
            organisation=org,
            changes={"name": [None, org.name], "kind": [None, org.kind]},
            summary=says("organisation_created_demo"),
        )
    return org


def choose_memberships(
    entries: tuple[MemberEntry, ...] | list[MemberEntry], matcher: NameMatcher
) -> tuple[dict[str, MemberEntry], list[str], list[str]]:
    """({code: entry}, [names not matched], [entries dropped]) for ``entries``.

    For each organisation the earliest listing counts, except that a document saying it
    *joined* later wins over earlier listings: it must have left in between, on a date no
    document gives, so the earlier span is dropped (and reported).
    """
    chosen: dict[str, MemberEntry] = {}
    unmatched: list[str] = []
    dropped: list[str] = []
    for entry in entries:
        code = matcher.match(entry.name)
        if code is None:
            unmatched.append(entry.name)
            continue
        current = chosen.get(code)
        if current is None:
            chosen[code] = entry
            continue
        if entry.evidence == "joined" and entry.joined > current.joined:
            dropped.append(f"{current.name} ({current.source})")
            chosen[code] = entry
        elif entry.joined < current.joined and current.evidence != "joined":
            chosen[code] = entry
    return chosen, unmatched, dropped


def load_memberships(*, example: bool) -> MembershipResult:
    """The association and its members (the fictional ones or those in the seed documents)."""
    assoc = association()
    candidates = Organisation.objects.filter(
        kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY]
    )
    matcher = NameMatcher({org.code: org.name for org in candidates})
    chosen, unmatched, dropped = choose_memberships(
        EXAMPLE_MEMBERS if example else REAL_MEMBERS, matcher
    )
    result = MembershipResult(assoc, unmatched=unmatched, superseded=dropped)
    members = {org.code: org for org in candidates if org.code in chosen}
    for code, entry in chosen.items():
        member = members[code]
        membership, created = Membership.objects.get_or_create(
            association=assoc, member=member, joined=entry.joined, defaults={"left": entry.left}
        )
        if not created:
            continue
        result.created += 1
        record(
            actor=command_line(),
            action="klimatlaget.membership.created",
            subject=MEMBERSHIP,
            subject_id=membership.pk,
            organisation=member,
            association=assoc,
            changes={
                f"member of {assoc.name}": [None, entry.joined.isoformat()],
                **({"left": [None, entry.left.isoformat()]} if entry.left else {}),
            },
            summary=says("membership_created_demo", association=assoc.name),
        )
    return result


#: Fictional contacts of some example members: (member code, kind, name, role, e-mail, party).
EXAMPLE_CONTACTS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "9102",
        "contact_person",
        "Exempla Klimatsson",
        "Climate strategist",
        "exempla.klimatsson@strandhamn.example",
        "",
    ),
    (
        "9102",
        "politician",
        "Fiktiv Politikersson",
        "Chair of the municipal executive board",
        "fiktiv.politikersson@strandhamn.example",
        "Exempelpartiet",
    ),
    (
        "9201",
        "contact_person",
        "Prov Miljösdotter",
        "Environmental officer",
        "prov.miljosdotter@tallnas.example",
        "",
    ),
)
#: A fictional board: (name, member code, role, first year).
EXAMPLE_BOARD: tuple[tuple[str, str, str, int], ...] = (
    ("Fiktiv Politikersson", "9102", "chair", 2024),
    ("Demo Ordförandesson", "9105", "vice_chair", 2024),
    ("Test Ledamotsdotter", "9204", "member", 2024),
    ("Påhittad Suppleant", "9202", "deputy", 2024),
)


def load_example_contacts_and_board(assoc: Organisation) -> int:
    """Fictional contacts and board of the example dataset (never for real data: no real
    people are invented). Returns how many were created; loading twice creates none."""
    from klimatlaget.associations.models import BoardMember, Contact

    created = 0
    orgs = {
        org.code: org
        for org in Organisation.objects.filter(code__in=["9102", "9105", "9201", "9202", "9204"])
    }
    for code, kind, name, role, email, party in EXAMPLE_CONTACTS:
        if code not in orgs:
            continue
        contact, new = Contact.objects.get_or_create(
            association=assoc,
            member=orgs[code],
            kind=kind,
            name=name,
            defaults={"role": role, "email": email, "party": party},
        )
        if new:
            created += 1
            record(
                actor=command_line(),
                action="klimatlaget.contact.added",
                subject=CONTACT,
                subject_id=contact.pk,
                organisation=orgs[code],
                association=assoc,
                changes={"name": [None, name], "kind": [None, kind]},
                summary=says("contact_added", kind=kind, association=assoc.name),
            )
    for name, code, seat_role, year in EXAMPLE_BOARD:
        seat, new = BoardMember.objects.get_or_create(
            association=assoc,
            name=name,
            role=seat_role,
            from_year=year,
            defaults={"organisation": orgs.get(code)},
        )
        if new:
            created += 1
            record(
                actor=command_line(),
                action="klimatlaget.board.added",
                subject=BOARD_MEMBER,
                subject_id=seat.pk,
                organisation=assoc,
                changes={"name": [None, name], "role": [None, seat_role]},
                summary=says("board_added", role=seat_role, year=year),
            )
    return created


#: The fee rule in use since the association was formed (operating plan 2008–2009): 3,000 SEK
#: plus 0.20 SEK per inhabitant, counting at most 150,000, rounded to whole kronor.
FEE_RULE_FROM = 2008


def load_fee_rule(assoc: Organisation) -> bool:
    """The association's fee rule from 2008, created (and recorded) when missing."""
    from decimal import Decimal

    from klimatlaget.fees.models import FeeRule
    from klimatlaget.fees.services import set_fee_rule

    if FeeRule.objects.filter(association=assoc, from_year=FEE_RULE_FROM).exists():
        return False
    set_fee_rule(
        command_line(),
        assoc,
        FEE_RULE_FROM,
        fixed_sek=Decimal("3000"),
        per_inhabitant_sek=Decimal("0.20"),
        max_inhabitants=150_000,
        rounding="krona",
    )
    return True


def load_demo_association_and_targets(*, example: bool, say: Say) -> None:
    """The association, its members, its fee rule, the demo targets, the plans, measures and
    indicators, and the investment plans; safe to run again."""
    from klimatlaget.targets.imports import import_targets

    result = load_memberships(example=example)
    say(f"{result.association.name}: {result.created} new memberships.")
    if load_fee_rule(result.association):
        say(f"{result.association.name}: fee rule from {FEE_RULE_FROM} created.")
    if example:
        extra = load_example_contacts_and_board(result.association)
        say(f"Fictional contacts and board members: {extra} new.")
    if result.unmatched:
        say(f"Members not found among the organisations: {', '.join(result.unmatched)}.")
    targets = import_targets(EXAMPLE_TARGETS if example else REAL_TARGETS, actor=command_line())
    say(f"Targets: {targets.created} created, {targets.updated} changed.")
    from klimatlaget.demo.investments import load_demo_investments
    from klimatlaget.demo.measures import load_demo_measures

    load_demo_measures(example=example, say=say)
    load_demo_investments(example=example, say=say)
