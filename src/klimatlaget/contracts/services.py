"""Writing climate contracts: the only writer of contracts, their parties, sections, links,
commitments and commitment statuses (pages, API, command line).

Every write checks the permission first (the organisation's editors and the programme office;
the parts the parties write together only the programme office), the version the writer edited
where there is one, and records the change in the organisation's history."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import (
    may_edit_contract,
    may_edit_section,
    may_set_commitment_status,
)
from klimatlaget.audit.messages import Summary, says
from klimatlaget.audit.services import Actor, diff, record
from klimatlaget.audit.subjects import (
    CONTRACT,
    CONTRACT_COMMITMENT,
    CONTRACT_SECTION,
    SubjectKind,
)
from klimatlaget.calc.contract_text import ParsedContract
from klimatlaget.concurrency import reload_and_check
from klimatlaget.contracts.choices import (
    CommitmentState,
    ContractStatus,
    LinkKind,
    PartyRole,
    Writer,
)
from klimatlaget.contracts.models import (
    Commitment,
    CommitmentStatus,
    Contract,
    ContractParty,
    Section,
    SectionLink,
)
from klimatlaget.contracts.writers import planned_sections
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures.models import ActionPlan, Indicator, Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target

Values = Mapping[str, Any]
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _ensure(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("contract")


def _record(
    actor: Actor,
    contract: Contract,
    subject: SubjectKind,
    verb: str,
    summary: Summary,
    subject_id: int | None,
    changes: Mapping[str, list[Any]] | None = None,
) -> None:
    record(
        actor=actor,
        action=f"klimatlaget.{subject.name}.{verb}",
        subject=subject,
        organisation=contract.organisation,
        changes=changes,
        summary=summary,
        subject_id=subject_id,
    )


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _year(value: Any, field: str) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not FIRST_YEAR <= value <= LAST_YEAR
    ):
        raise _invalid(
            field,
            _("Give a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return value


def _id(value: Any) -> int:
    """An id as given (0, which names nothing, for anything that is no whole number)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _free_year(organisation: Organisation, year: int) -> None:
    if Contract.objects.filter(organisation=organisation, year=year).exists():
        raise _invalid(
            "year", _("The organisation already has a contract of %(year)s.") % {"year": year}
        )


# Storing a read contract ------------------------------------------------------------------


@transaction.atomic
def store_parsed(
    actor: Actor,
    organisation: Organisation,
    year: int,
    parsed: ParsedContract,
    *,
    source: str = "",
    writers: Mapping[str, str] | None = None,
) -> Contract:
    """Store a contract read from its text (reviewed by a person) as the draft of ``year``:
    its sections as a tree by their numbers, each written by the party the template gives its
    subject, else by the party of its top-level section; the organisation its first party."""
    _ensure(may_edit_contract(actor, organisation))
    _year(year, "year")
    _free_year(organisation, year)
    if not parsed.sections:
        raise _invalid("sections", _("The text has no numbered sections."))
    previous = Contract.objects.filter(organisation=organisation, year__lt=year).first()
    contract = Contract.objects.create(
        organisation=organisation,
        year=year,
        source=source[:500],
        preamble=parsed.preamble,
        replaces=previous,
    )
    ContractParty.objects.create(contract=contract, party=organisation, role=PartyRole.MUNICIPALITY)
    stored: list[Section] = []
    for position, plan in enumerate(planned_sections(parsed.sections, writers or {}), start=1):
        read = plan.read
        stored.append(
            Section.objects.create(
                contract=contract,
                parent=stored[plan.parent] if plan.parent is not None else None,
                number=read.number[:20],
                title=read.title[:300],
                text=read.text,
                subject=(read.subject or "")[:120],
                writer=plan.writer,
                position=position,
            )
        )
    _record(
        actor,
        contract,
        CONTRACT,
        "stored",
        says("contract_stored", year=year, file=source or "-", sections=len(parsed.sections)),
        contract.pk,
        diff({}, contract.audit_values()),
    )
    return contract


# Versions ---------------------------------------------------------------------------------


@transaction.atomic
def new_version(actor: Actor, contract: Contract, year: int) -> Contract:
    """A draft for ``year`` copying ``contract``: its parties, sections (the tree kept), their
    links and the commitments (without their yearly statuses)."""
    _ensure(may_edit_contract(actor, contract.organisation))
    _year(year, "year")
    _free_year(contract.organisation, year)
    copy = Contract.objects.create(
        organisation=contract.organisation,
        year=year,
        source=contract.source,
        preamble=contract.preamble,
        replaces=contract,
    )
    parties = {}
    for party in contract.parties.all():
        parties[party.pk] = ContractParty.objects.create(
            contract=copy,
            position=party.position,
            **{name: getattr(party, name) for name in ContractParty.ENTERED},
        )
    sections: dict[int, Section] = {}
    for section in contract.sections.order_by("position", "id"):
        sections[section.pk] = Section.objects.create(
            contract=copy,
            parent=sections.get(section.parent_id) if section.parent_id else None,
            position=section.position,
            **{name: getattr(section, name) for name in Section.ENTERED},
        )
    SectionLink.objects.bulk_create(
        SectionLink(
            section=sections[link.section_id],
            position=link.position,
            **{name: getattr(link, name) for name in SectionLink.ENTERED},
        )
        for link in SectionLink.objects.filter(section__contract=contract)
    )
    Commitment.objects.bulk_create(
        Commitment(
            contract=copy,
            section=sections.get(commitment.section_id) if commitment.section_id else None,
            party=parties[commitment.party_id],
            text=commitment.text,
            due_year=commitment.due_year,
            position=commitment.position,
        )
        for commitment in contract.commitments.all()
    )
    _record(
        actor,
        copy,
        CONTRACT,
        "new_version",
        says("contract_new_version", year=year, previous=contract.year),
        copy.pk,
        diff({}, copy.audit_values()),
    )
    return copy


def _date(value: Any) -> datetime.date | None:
    if value in (None, "") or isinstance(value, datetime.date):
        return value or None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise _invalid("signed_on", _("Give the date as YYYY-MM-DD.")) from None


def _check_contract(contract: Contract) -> None:
    if contract.status not in ContractStatus.values:
        raise _invalid("status", _("Choose a status."))
    if contract.status != ContractStatus.DRAFT and contract.signed_on is None:
        raise _invalid("signed_on", _("A signed contract needs the date it was signed."))


@transaction.atomic
def update_contract(actor: Actor, contract: Contract, values: Values) -> dict[str, list[Any]]:
    """Change the status, the date of signing or the source document (as of ``version``)."""
    _ensure(may_edit_contract(actor, contract.organisation))
    reload_and_check(contract, values.get("version"))
    before = contract.audit_values()
    if "status" in values:
        contract.status = values["status"]
    if "source" in values:
        contract.source = str(values["source"] or "")[:500]
    if "signed_on" in values:
        contract.signed_on = _date(values["signed_on"])
    _check_contract(contract)
    changes = diff(before, contract.audit_values())
    if changes:
        contract.bump(changes)
        contract.save()
        _record(
            actor,
            contract,
            CONTRACT,
            "changed",
            says("contract_changed", year=contract.year),
            contract.pk,
            changes,
        )
    return changes


@transaction.atomic
def add_party(actor: Actor, contract: Contract, values: Values) -> ContractParty:
    """A party (an organisation of the platform) with its role and signatory."""
    _ensure(may_edit_contract(actor, contract.organisation))
    organisation = Organisation.objects.filter(pk=_id(values.get("party_id"))).first()
    if organisation is None:
        raise _invalid("party_id", _("Choose an organisation."))
    if values.get("role") not in PartyRole.values:
        raise _invalid("role", _("Choose a role."))
    if contract.parties.filter(party=organisation).exists():
        raise _invalid("party_id", _("The organisation is already a party."))
    highest = contract.parties.aggregate(highest=Max("position"))["highest"] or 0
    party = ContractParty.objects.create(
        contract=contract,
        party=organisation,
        role=values["role"],
        signatory_name=values.get("signatory_name") or "",
        signatory_title=values.get("signatory_title") or "",
        position=highest + 1,
    )
    _record(
        actor,
        contract,
        CONTRACT,
        "party_added",
        says("contract_party_added", year=contract.year, name=organisation.name),
        contract.pk,
        diff({}, party.audit_values()),
    )
    return party


# Sections and their links -----------------------------------------------------------------


@transaction.atomic
def update_section(actor: Actor, section: Section, values: Values) -> dict[str, list[Any]]:
    """Change a section's number, title, text, subject or writer (as of ``version``)."""
    contract = section.contract
    _ensure(may_edit_section(actor, contract.organisation, section.writer))
    reload_and_check(section, values.get("version"))
    before = section.audit_values()
    for name in Section.ENTERED:
        if name in values:
            setattr(section, name, values[name] or "")
    if not section.title.strip():
        raise _invalid("title", _("A section needs a title."))
    if section.writer not in Writer.values:
        raise _invalid("writer", _("Choose who writes the section."))
    if section.writer != before["writer"]:
        _ensure(may_edit_section(actor, contract.organisation, section.writer))
    changes = diff(before, section.audit_values())
    if changes:
        section.bump(changes)
        section.save()
        _record(
            actor,
            contract,
            CONTRACT_SECTION,
            "changed",
            says("contract_section_changed", section=str(section)),
            section.pk,
            changes,
        )
    return changes


LINKED_MODELS: dict[str, Any] = {
    LinkKind.TARGET: Target,
    LinkKind.ACTION_PLAN: ActionPlan,
    LinkKind.MEASURE: Measure,
    LinkKind.INDICATOR: Indicator,
    LinkKind.INVESTMENT_PLAN: InvestmentPlan,
}


@transaction.atomic
def add_link(actor: Actor, section: Section, values: Values) -> SectionLink:
    """Link the section to one of its organisation's targets, action plans, measures,
    indicators or investment plans (``object_id``), or to a document (``url``, ``title``)."""
    contract = section.contract
    _ensure(may_edit_contract(actor, contract.organisation))
    kind = values.get("kind")
    link = SectionLink(section=section, kind=kind or "")
    if kind == LinkKind.DOCUMENT:
        url = str(values.get("url") or "").strip()
        if not url.startswith(("https://", "http://")):
            raise _invalid("url", _("Give the document's web address (https://…)."))
        link.url, link.title = url[:500], str(values.get("title") or "").strip()[:200]
    elif kind in LINKED_MODELS:
        model = LINKED_MODELS[kind]
        found = model.objects.filter(
            pk=_id(values.get("object_id")), organisation=contract.organisation
        ).first()
        if found is None:
            raise _invalid("object_id", _("Choose one of the organisation's own."))
        setattr(link, SectionLink.OBJECT_FIELDS[LinkKind(kind)], found)
    else:
        raise _invalid("kind", _("Choose what to link to."))
    link.position = (section.links.aggregate(highest=Max("position"))["highest"] or 0) + 1
    link.save()
    _record(
        actor,
        contract,
        CONTRACT_SECTION,
        "link_added",
        says("contract_link_added", section=str(section), name=str(link)),
        section.pk,
        diff({}, link.audit_values()),
    )
    return link


@transaction.atomic
def remove_link(actor: Actor, link: SectionLink) -> None:
    section = link.section
    contract = section.contract
    _ensure(may_edit_contract(actor, contract.organisation))
    before = link.audit_values()
    name = str(link)
    link.delete()
    _record(
        actor,
        contract,
        CONTRACT_SECTION,
        "link_removed",
        says("contract_link_removed", section=str(section), name=name),
        section.pk,
        diff(before, {}),
    )


# Commitments --------------------------------------------------------------------------------


@transaction.atomic
def add_commitment(actor: Actor, contract: Contract, values: Values) -> Commitment:
    """A sentence ``party_id`` (a party of the contract) commits to in ``section_id`` (a
    section of the contract, or none), due in ``due_year`` (or not said)."""
    _ensure(may_edit_contract(actor, contract.organisation))
    text = str(values.get("text") or "").strip()
    if not text:
        raise _invalid("text", _("Write what the party commits to."))
    party = contract.parties.filter(pk=_id(values.get("party_id"))).first()
    if party is None:
        raise _invalid("party_id", _("Choose a party of the contract."))
    section = None
    if values.get("section_id") is not None:
        section = contract.sections.filter(pk=_id(values["section_id"])).first()
        if section is None:
            raise _invalid("section_id", _("Choose a section of the contract."))
    due_year = values.get("due_year")
    if due_year is not None:
        _year(due_year, "due_year")
    highest = contract.commitments.aggregate(highest=Max("position"))["highest"] or 0
    commitment = Commitment.objects.create(
        contract=contract,
        section=section,
        party=party,
        text=text[:2000],
        due_year=due_year,
        position=highest + 1,
    )
    _record(
        actor,
        contract,
        CONTRACT_COMMITMENT,
        "added",
        says("contract_commitment_added", name=str(commitment)),
        commitment.pk,
        diff({}, commitment.audit_values()),
    )
    return commitment


@transaction.atomic
def remove_commitment(actor: Actor, commitment: Commitment, version: Any = None) -> None:
    contract = commitment.contract
    _ensure(may_edit_contract(actor, contract.organisation))
    reload_and_check(commitment, version)
    before = commitment.audit_values()
    pk, name = commitment.pk, str(commitment)
    commitment.delete()
    _record(
        actor,
        contract,
        CONTRACT_COMMITMENT,
        "removed",
        says("contract_commitment_removed", name=name),
        pk,
        diff(before, {}),
    )


@transaction.atomic
def set_commitment_status(
    actor: Actor, commitment: Commitment, year: int, values: Values
) -> CommitmentStatus:
    """Where the commitment stood in ``year`` (``status``, ``comment``), as of the commitment's
    ``version``; each change raises the commitment's version."""
    contract = commitment.contract
    _ensure(may_set_commitment_status(actor, contract.organisation, commitment.party.party))
    _year(year, "year")
    reload_and_check(commitment, values.get("version"))
    status = values.get("status")
    if status not in CommitmentState.values:
        raise _invalid("status", _("Choose a status."))
    comment = str(values.get("comment") or "").strip()[:1000]
    stored = CommitmentStatus.objects.filter(commitment=commitment, year=year).first()
    before = {"status": stored.status, "comment": stored.comment} if stored else {}
    after = {"status": status, "comment": comment}
    changes = diff(before, after)
    if stored is None:
        stored = CommitmentStatus(commitment=commitment, year=year)
    if changes:
        stored.status, stored.comment = status, comment
        stored.save()
        commitment.save(update_fields=commitment.bump([f"status_{year}"]))
        _record(
            actor,
            contract,
            CONTRACT_COMMITMENT,
            "status_set",
            says("contract_commitment_status_set", name=str(commitment), year=year, status=status),
            commitment.pk,
            {f"{name} {year}": values for name, values in changes.items()},
        )
    return stored
