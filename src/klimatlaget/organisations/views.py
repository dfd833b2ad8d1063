from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import organisation_for
from klimatlaget.concurrency import StaleVersion, show_conflict, versioned_initial
from klimatlaget.organisations.forms import ProfileForm
from klimatlaget.organisations.services import update_profile


@login_required
def edit_profile(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    # The form validates a copy: the service compares the stored values with the new ones.
    form = ProfileForm(
        request.POST or None, instance=copy(organisation), initial=versioned_initial(organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = update_profile(request.user, organisation, form.cleaned_data)  # type: ignore[arg-type]
        except StaleVersion as error:
            show_conflict(form, error)
        else:
            messages.success(request, _("Saved.") if changes else _("Nothing to change."))
            return redirect(organisation)
    context = {"organisation": organisation, "form": form}
    return render(request, "organisations/edit.html", context)
