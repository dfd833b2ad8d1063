"""The secretariat's pages for changing and removing a board seat (``MANAGE_ASSOCIATION``)."""

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klimatlaget.accounts.resolvers import managed_association
from klimatlaget.associations import services
from klimatlaget.associations.forms import BoardMemberForm
from klimatlaget.associations.models import BoardMember
from klimatlaget.concurrency import VersionForm, versioned_initial
from klimatlaget.organisations.models import Organisation
from klimatlaget.web.forms import save_or_show


def _seat(request: HttpRequest, code: str, seat_id: int) -> tuple[Organisation, BoardMember]:
    """The association and its seat; a seat of another association is not found."""
    association = managed_association(request.user, code)
    seat = get_object_or_404(
        BoardMember.objects.select_related("organisation"), pk=seat_id, association=association
    )
    return association, seat


@login_required
@require_http_methods(["GET", "POST"])
def edit_board_member(request: HttpRequest, code: str, seat_id: int) -> HttpResponse:
    association, seat = _seat(request, code, seat_id)
    # The form validates a copy: the service compares the stored values with the new ones.
    form = BoardMemberForm(
        request.POST or None, instance=copy(seat), initial=versioned_initial(seat)
    )
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        changes: dict[str, Any] = {}
        if save_or_show(
            form,
            lambda: changes.update(services.change_board_member(user, seat, form.values())),
        ):
            messages.success(request, _("Saved.") if changes else _("Nothing to change."))
            return redirect("association-members", code=association.code)
    context = {"association": association, "seat": seat, "form": form}
    return render(request, "associations/board_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delete_board_member(request: HttpRequest, code: str, seat_id: int) -> HttpResponse:
    association, seat = _seat(request, code, seat_id)
    posted = request.POST if request.method == "POST" else None
    form = VersionForm(posted, initial=versioned_initial(seat))
    user: Any = request.user
    if form.is_valid() and save_or_show(
        form, lambda: services.remove_board_member(user, seat, form.cleaned_data["version"])
    ):
        messages.success(request, _("The board member was removed."))
        return redirect("association-members", code=association.code)
    context = {"association": association, "seat": seat, "form": form}
    return render(request, "associations/board_confirm_delete.html", context)
