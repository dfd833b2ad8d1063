"""The list of associations, an association's public page, the secretariat's members page and
a member's contacts page.

The public page shows members and the board (names and roles only); contact details are
personal data, shown only to the secretariat and to the member's own editors.
"""

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klimatlaget.accounts.permissions import Permission, has_permission
from klimatlaget.accounts.resolvers import (
    association_or_404,
    contacts_member,
    kept_associations,
    managed_association,
)
from klimatlaget.associations import services
from klimatlaget.associations.forms import (
    BoardMemberForm,
    ContactForm,
    EndMembershipForm,
    MembershipForm,
)
from klimatlaget.associations.models import BoardMember, Contact, Membership
from klimatlaget.concurrency import StaleVersion, changed_text, posted_version, versioned_initial
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.surveys.report.access import published_reports
from klimatlaget.web.forms import save_or_show
from klimatlaget.web.pagecache import public_page


def members_per_year(memberships: list[Membership], until: int) -> list[tuple[int, int]]:
    """(year, number of members at some time that year), from the first joining to ``until``."""
    if not memberships:
        return []
    first = min(m.joined.year for m in memberships)
    return [
        (
            year,
            len(
                {
                    m.member_id
                    for m in memberships
                    if m.joined.year <= year and (m.left is None or m.left.year >= year)
                }
            ),
        )
        for year in range(first, until + 1)
    ]


@public_page
def association_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    associations = Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION).order_by("name")
    rows = [(assoc, len(services.current_memberships(assoc, today))) for assoc in associations]
    return render(request, "associations/association_list.html", {"rows": rows})


def association(request: HttpRequest, code: str) -> HttpResponse:
    assoc = association_or_404(code)
    today = timezone.localdate()
    memberships = list(Membership.objects.filter(association=assoc))
    context = {
        "association": assoc,
        "members": services.current_memberships(assoc, today),
        "per_year": members_per_year(memberships, today.year),
        "board": services.board_in_year(assoc, today.year),
        "year": today.year,
        "can_manage": has_permission(request.user, Permission.MANAGE_ASSOCIATION, assoc),
        "reports": published_reports(assoc),
    }
    return render(request, "associations/association.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def association_members(request: HttpRequest, code: str) -> HttpResponse:
    assoc = managed_association(request.user, code)
    user: Any = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    memberships = list(
        Membership.objects.filter(association=assoc)
        .select_related("member", "member__county")
        .order_by("member__name", "joined")
    )
    member_ids = {m.member_id for m in memberships}
    members = Organisation.objects.filter(pk__in=member_ids).order_by("name")
    membership_form = MembershipForm(
        request.POST if action == "membership" else None, prefix="membership"
    )
    contact_form = ContactForm(
        request.POST if action == "contact" else None, prefix="contact", members=members
    )
    board_form = BoardMemberForm(request.POST if action == "board" else None, prefix="board")
    end_forms: dict[int, EndMembershipForm] = {}

    if action == "membership" and membership_form.is_valid():
        data = membership_form.cleaned_data
        if save_or_show(
            membership_form,
            lambda: services.add_membership(
                user, assoc, data["member"], data["joined"], data["left"]
            ),
        ):
            messages.success(request, _("The membership was added."))
            return redirect("association-members", code=assoc.code)
    elif action == "end":
        membership = get_object_or_404(
            Membership, pk=request.POST.get("membership"), association=assoc
        )
        end_form = EndMembershipForm(request.POST, prefix=f"end-{membership.pk}")
        end_forms[membership.pk] = end_form
        if end_form.is_valid() and save_or_show(
            end_form,
            lambda: services.end_membership(user, membership, **end_form.cleaned_data),
        ):
            messages.success(request, _("The membership was ended."))
            return redirect("association-members", code=assoc.code)
    elif action == "contact" and contact_form.is_valid():
        member = contact_form.cleaned_data["member"]
        if save_or_show(
            contact_form,
            lambda: services.add_contact(user, assoc, member, contact_form.values()),
        ):
            messages.success(request, _("The contact was added."))
            return redirect("association-members", code=assoc.code)
    elif (
        action == "board"
        and board_form.is_valid()
        and save_or_show(
            board_form, lambda: services.add_board_member(user, assoc, board_form.values())
        )
    ):
        messages.success(request, _("The board member was added."))
        return redirect("association-members", code=assoc.code)

    contacts: dict[int, list[Contact]] = {}
    for contact in Contact.objects.filter(association=assoc):
        contacts.setdefault(contact.member_id, []).append(contact)
    rows = [
        {
            "membership": m,
            "contacts": contacts.get(m.member_id, []),
            "end_form": end_forms.get(m.pk)
            or (
                EndMembershipForm(prefix=f"end-{m.pk}", initial=versioned_initial(m))
                if m.left is None
                else None
            ),
        }
        for m in memberships
    ]
    context = {
        "association": assoc,
        "rows": rows,
        "membership_form": membership_form,
        "contact_form": contact_form,
        "board_form": board_form,
        "board": services.board_in_year(assoc, timezone.localdate().year),
        "year": timezone.localdate().year,
        "seats": BoardMember.objects.filter(association=assoc).select_related("organisation"),
        "has_errors": any(
            f.errors for f in [membership_form, contact_form, board_form, *end_forms.values()]
        ),
    }
    return render(request, "associations/members.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_contacts(request: HttpRequest, code: str) -> HttpResponse:
    organisation = contacts_member(request.user, code)
    associations = kept_associations(request.user, organisation)
    form = ContactForm(request.POST or None, associations=associations)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        assoc = form.cleaned_data["association"]
        if save_or_show(
            form, lambda: services.add_contact(user, assoc, organisation, form.values())
        ):
            messages.success(request, _("The contact was added."))
            return redirect("organisation-contacts", code=organisation.code)
    contacts = Contact.objects.filter(
        member=organisation, association__in=associations
    ).select_related("association")
    groups = [
        {
            "association": assoc,
            "memberships": Membership.objects.filter(association=assoc, member=organisation),
            "contacts": [c for c in contacts if c.association_id == assoc.pk],
        }
        for assoc in associations
    ]
    context = {"organisation": organisation, "groups": groups, "form": form}
    return render(request, "associations/organisation_contacts.html", context)


def _contact(request: HttpRequest, code: str, contact_id: int) -> tuple[Organisation, Contact]:
    """The member and its contact, if ``request.user`` keeps the contacts for the contact's
    association (a contact for another association is not found)."""
    organisation = contacts_member(request.user, code)
    contact = get_object_or_404(
        Contact.objects.select_related("association", "member"),
        pk=contact_id,
        member=organisation,
        association__in=kept_associations(request.user, organisation),
    )
    return organisation, contact


@login_required
@require_http_methods(["GET", "POST"])
def edit_contact(request: HttpRequest, code: str, contact_id: int) -> HttpResponse:
    organisation, contact = _contact(request, code, contact_id)
    # The form validates a copy: the service compares the stored values with the new ones.
    form = ContactForm(
        request.POST or None, instance=copy(contact), initial=versioned_initial(contact)
    )
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        changes: dict[str, Any] = {}
        if save_or_show(
            form, lambda: changes.update(services.change_contact(user, contact, form.values()))
        ):
            messages.success(request, _("Saved.") if changes else _("Nothing to change."))
            return redirect("organisation-contacts", code=organisation.code)
    context = {"organisation": organisation, "contact": contact, "form": form}
    return render(request, "associations/contact_form.html", context)


@login_required
@require_http_methods(["POST"])
def delete_contact(request: HttpRequest, code: str, contact_id: int) -> HttpResponse:
    organisation, contact = _contact(request, code, contact_id)
    try:
        services.remove_contact(
            request.user,
            contact,
            posted_version(request.POST.get("version")),
        )
    except StaleVersion as error:
        messages.error(request, f"{error.message()} {changed_text(error)}")
    else:
        messages.success(request, _("The contact was removed."))
    return redirect("organisation-contacts", code=organisation.code)
