"""The secretariat's pages for the headline figures of the association's own reports of years
from before the platform (``MANAGE_ASSOCIATION``): a list with a form to add one, and pages to
change and remove one."""

from copy import copy
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klimatlaget.accounts.resolvers import managed_association, managed_published_figure
from klimatlaget.concurrency import VersionField, VersionForm, versioned_initial
from klimatlaget.surveys import published
from klimatlaget.surveys.models import PublishedFigure
from klimatlaget.web.forms import save_or_show


class PublishedFigureForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = PublishedFigure
        fields = list(published.FIELDS)

    def values(self) -> dict[str, Any]:
        return {field: self.cleaned_data.get(field) for field in [*published.FIELDS, "version"]}


@login_required
@require_http_methods(["GET", "POST"])
def figure_list(request: HttpRequest, code: str) -> HttpResponse:
    association = managed_association(request.user, code)
    form = PublishedFigureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if save_or_show(form, lambda: published.add_figure(user, association, form.values())):
            messages.success(request, _("The figure was added."))
            return redirect("published-figures", code=association.code)
    context = {
        "association": association,
        "figures": published.figures_of(association),
        "form": form,
    }
    return render(request, "surveys/secretariat/published_figures.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def figure_edit(request: HttpRequest, code: str, figure_id: int) -> HttpResponse:
    figure = managed_published_figure(request.user, code, figure_id)
    # The form edits a copy: the service compares the stored values with the new ones.
    form = PublishedFigureForm(
        request.POST or None, instance=copy(figure), initial=versioned_initial(figure)
    )
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        changes: dict[str, Any] = {}
        if save_or_show(
            form, lambda: changes.update(published.change_figure(user, figure, form.values()))
        ):
            messages.success(request, _("Saved.") if changes else _("Nothing to change."))
            return redirect("published-figures", code=code)
    context = {"association": figure.association, "figure": figure, "form": form}
    return render(request, "surveys/secretariat/published_figure_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def figure_delete(request: HttpRequest, code: str, figure_id: int) -> HttpResponse:
    figure = managed_published_figure(request.user, code, figure_id)
    form = VersionForm(
        request.POST if request.method == "POST" else None, initial=versioned_initial(figure)
    )
    user: Any = request.user
    if form.is_valid() and save_or_show(
        form, lambda: published.remove_figure(user, figure, form.cleaned_data["version"])
    ):
        messages.success(request, _("The figure was removed."))
        return redirect("published-figures", code=code)
    context = {"association": figure.association, "figure": figure, "form": form}
    return render(request, "surveys/secretariat/published_figure_delete.html", context)
