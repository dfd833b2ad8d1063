"""The contract pages: an organisation's versions, a contract with its sections and their live
links, and the editors' pages for a section, its links, the commitments and new versions."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatlaget.accounts.permissions import (
    may_edit_contract,
    may_edit_section,
    may_set_commitment_status,
)
from klimatlaget.accounts.resolvers import (
    commitments_contract,
    contract_commitment,
    contract_organisation,
    editable_contract,
    organisation_or_404,
    pending_contract_import,
    visible_contract,
    visible_contracts,
)
from klimatlaget.concurrency import versioned_initial
from klimatlaget.contracts import services
from klimatlaget.contracts.choices import LinkKind
from klimatlaget.contracts.forms import (
    CommitmentForm,
    CommitmentStatusForm,
    ContractForm,
    ImportForm,
    LinkForm,
    NewVersionForm,
    PartyForm,
    SectionForm,
)
from klimatlaget.contracts.live import section_views
from klimatlaget.contracts.models import Contract, PendingImport, Section
from klimatlaget.contracts.pending import ReviewGone, confirm_review, hold_review
from klimatlaget.contracts.reading import read_text, template_writers
from klimatlaget.contracts.writers import planned_sections
from klimatlaget.measures.views.common import saved
from klimatlaget.sources import SourceError
from klimatlaget.sources.contract_documents import contract_text


def _this_year() -> int:
    return datetime.date.today().year


def _address(contract: Contract) -> str:
    return reverse("contract", kwargs={"code": contract.organisation.code, "year": contract.year})


def _contract_url(contract: Contract) -> HttpResponse:
    return redirect(_address(contract))


def contract_list(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    context = {
        "organisation": organisation,
        "contracts": list(visible_contracts(request.user, organisation)),
        "can_edit": may_edit_contract(request.user, organisation),
    }
    return render(request, "contracts/contract_list.html", context)


def contract_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    contract = visible_contract(request.user, code, year)
    organisation = contract.organisation
    can_edit = may_edit_contract(request.user, organisation)
    views = section_views(contract, _this_year())
    for view in views:
        view.editable = can_edit and may_edit_section(
            request.user, organisation, view.section.writer
        )
    parties = list(contract.parties.select_related("party"))
    context = {
        "organisation": organisation,
        "contract": contract,
        "parties": parties,
        "reports_commitments": any(
            may_set_commitment_status(request.user, organisation, p.party) for p in parties
        ),
        "sections": views,
        "status_year": _this_year(),
        "can_edit": can_edit,
        "new_version_form": NewVersionForm(initial={"year": contract.year + 1}),
    }
    return render(request, "contracts/contract.html", context)


@login_required
def edit_contract(request: HttpRequest, code: str, year: int) -> HttpResponse:
    contract = editable_contract(request.user, code, year)
    initial = {
        "status": contract.status,
        "signed_on": contract.signed_on,
        "source": contract.source,
        **versioned_initial(contract),
    }
    form = ContractForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if saved(form, lambda values: services.update_contract(user, contract, values)):
            messages.success(request, _("Saved."))
            return _contract_url(contract)
    return _form_page(request, contract, form, _("Edit the contract"))


def _section(contract: Contract, section_id: int) -> Section:
    section = contract.sections.filter(pk=section_id).first()
    if section is None:
        raise Http404(str(section_id))
    return section


def _form_page(
    request: HttpRequest, contract: Contract, form: Any, heading: str, **extra: Any
) -> HttpResponse:
    context = {
        "organisation": contract.organisation,
        "contract": contract,
        "form": form,
        "heading": heading,
        **extra,
    }
    return render(request, "contracts/form.html", context)


@login_required
def edit_section(request: HttpRequest, code: str, year: int, section_id: int) -> HttpResponse:
    contract = editable_contract(request.user, code, year)
    section = _section(contract, section_id)
    if not may_edit_section(request.user, contract.organisation, section.writer):
        raise PermissionDenied("section")
    initial = {name: getattr(section, name) for name in Section.ENTERED}
    form = SectionForm(request.POST or None, initial={**initial, **versioned_initial(section)})
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if saved(form, lambda values: services.update_section(user, section, values)):
            messages.success(request, _("Saved."))
            return redirect(f"{_address(contract)}#section-{section.pk}")
    heading = _("Edit section %(section)s") % {"section": section}
    return _form_page(request, contract, form, heading, section=section)


def _linkable(contract: Contract) -> list[tuple[int, str]]:
    """The organisation's objects a section may link to, grouped by kind in the labels."""
    organisation = contract.organisation
    found: list[tuple[int, str]] = []
    for kind, model in services.LINKED_MODELS.items():
        label = LinkKind(kind).label
        for obj in model.objects.filter(organisation=organisation):
            found.append((obj.pk, f"{label}: {obj}"))
    return found


@login_required
def section_links(request: HttpRequest, code: str, year: int, section_id: int) -> HttpResponse:
    """A section's links: the list with a button to remove each, and a form to add one."""
    contract = editable_contract(request.user, code, year)
    section = _section(contract, section_id)
    form = LinkForm(request.POST or None, objects=_linkable(contract))
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if saved(form, lambda values: services.add_link(user, section, values)):
            messages.success(request, _("The link was added."))
            return redirect(
                "contract-section-links", code=code, year=contract.year, section_id=section.pk
            )
    heading = _("Links of section %(section)s") % {"section": section}
    context = {"links": list(section.links.all())}
    return _form_page(request, contract, form, heading, section=section, **context)


@login_required
@require_POST
def remove_link(
    request: HttpRequest, code: str, year: int, section_id: int, link_id: int
) -> HttpResponse:
    contract = editable_contract(request.user, code, year)
    section = _section(contract, section_id)
    link = section.links.filter(pk=link_id).first()
    if link is None:
        raise Http404(str(link_id))
    services.remove_link(request.user, link)
    messages.success(request, _("The link was removed."))
    return redirect("contract-section-links", code=code, year=contract.year, section_id=section.pk)


@login_required
def commitments(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The contract's commitments with their status per year, and for its editors a form to
    add one (an agency's editors see the status forms of the agency's own commitments)."""
    contract = commitments_contract(request.user, code, year)
    can_add = may_edit_contract(request.user, contract.organisation)
    form = CommitmentForm(request.POST or None, contract=contract) if can_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("contract")
        if form.is_valid():
            user: Any = request.user
            if saved(form, lambda values: services.add_commitment(user, contract, values)):
                messages.success(request, _("The commitment was added."))
                return redirect("contract-commitments", code=code, year=contract.year)
    listed = contract.commitments.select_related("party__party", "section").prefetch_related(
        "statuses"
    )
    status_year = _this_year()
    organisation = contract.organisation
    rows = [
        {
            "commitment": commitment,
            "statuses": list(commitment.statuses.all()),
            "form": CommitmentStatusForm(
                initial={"year": status_year, **versioned_initial(commitment)},
                prefix=f"c{commitment.pk}",
            )
            if may_set_commitment_status(request.user, organisation, commitment.party.party)
            else None,
        }
        for commitment in listed
    ]
    return _form_page(request, contract, form, _("Commitments"), rows=rows)


@login_required
@require_POST
def commitment_status(
    request: HttpRequest, code: str, year: int, commitment_id: int
) -> HttpResponse:
    commitment = contract_commitment(request.user, code, year, commitment_id)
    form = CommitmentStatusForm(request.POST, prefix=f"c{commitment.pk}")
    user: Any = request.user
    if form.is_valid() and saved(
        form,
        lambda values: services.set_commitment_status(user, commitment, values["year"], values),
    ):
        messages.success(request, _("Saved."))
    else:
        _say_errors(request, form)
    return redirect("contract-commitments", code=code, year=year)


@login_required
def parties(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The contract's parties, and a form to add an agency or Viable Cities."""
    contract = editable_contract(request.user, code, year)
    form = PartyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if saved(form, lambda values: services.add_party(user, contract, values)):
            messages.success(request, _("The party was added."))
            return redirect("contract-parties", code=code, year=contract.year)
    listed = list(contract.parties.select_related("party"))
    return _form_page(request, contract, form, _("Parties"), parties=listed)


def _say_errors(request: HttpRequest, form: Any) -> None:
    for problems in form.errors.values():
        for problem in problems:
            messages.error(request, str(problem))


@login_required
@require_POST
def new_version(request: HttpRequest, code: str, year: int) -> HttpResponse:
    contract = editable_contract(request.user, code, year)
    form = NewVersionForm(request.POST)
    user: Any = request.user
    made: list[Contract] = []
    if form.is_valid() and saved(
        form, lambda values: made.append(services.new_version(user, contract, values["year"]))
    ):
        messages.success(request, _("The new version was made as a draft."))
        return _contract_url(made[0])
    _say_errors(request, form)
    return _contract_url(contract)


# Importing a contract from its file: read, reviewed, then stored --------------------------


def _review_context(pending: PendingImport) -> dict[str, Any]:
    """The review of a read contract: its sections, each with the party that will write it."""
    parsed = pending.parsed
    return {
        "parsed": parsed,
        "review": pending,
        "planned": planned_sections(parsed.sections, template_writers()),
        "file": pending.file,
        "year": pending.year,
    }


@login_required
def import_contract(request: HttpRequest, code: str) -> HttpResponse:
    """Upload a contract's file: the sections found are shown for review; nothing is stored
    until the review is confirmed (the sections read wait as a pending import)."""
    organisation = contract_organisation(request.user, code)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"organisation": organisation, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = contract_text(upload.read(), upload.name)
        except SourceError as error:
            for problem in error.problems:
                form.add_error("file", str(problem))
        else:
            user: Any = request.user
            year = form.cleaned_data["year"]
            pending = hold_review(user, organisation, year, read_text(text), upload.name)
            context |= _review_context(pending)
    return render(request, "contracts/import.html", context)


@login_required
@require_POST
def confirm_import(request: HttpRequest, code: str) -> HttpResponse:
    """Store the contract reviewed (the sections as they were read and shown, once)."""
    organisation = contract_organisation(request.user, code)
    review = request.POST.get("review", "")
    if not review.isdigit():
        messages.error(request, _("There is no reviewed contract to store: upload it again."))
        return redirect("contract-import", code=organisation.code)
    pending = pending_contract_import(request.user, int(review), organisation.code)
    try:
        contract = confirm_review(request.user, pending)
    except ReviewGone as gone:
        messages.error(request, str(gone))
        return redirect("contract-import", code=organisation.code)
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, f"{pending.file}: {problem}")
        return redirect("contract-import", code=organisation.code)
    messages.success(request, _("The contract was stored as a draft."))
    return _contract_url(contract)
