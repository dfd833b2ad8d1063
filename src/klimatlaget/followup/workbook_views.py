"""Filling in a follow-up period offline: download the period as Excel (whoever may read the
period), fill it in, and upload it again (the organisation's editors and the owners of its
measures). The upload saves every changed row or none and lists the problems by sheet, row and
column."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from klimatlaget.accounts.resolvers import period_to_fill_in, visible_period
from klimatlaget.exports.responses import xlsx_response
from klimatlaget.followup import workbook
from klimatlaget.followup.models import FollowUpPeriod, locked_message
from klimatlaget.imports.workbook import Rejected, check_size

Period = tuple[int, int]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled-in follow-up workbook (.xlsx)"),
        help_text=gettext_lazy("The file downloaded from this page, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


def upload_url(request: HttpRequest, period: FollowUpPeriod) -> str:
    return request.build_absolute_uri(
        reverse(
            "follow-up-upload",
            kwargs={"code": period.organisation.code, "period": (period.year, period.quarter)},
        )
    )


@require_GET
def period_workbook(request: HttpRequest, code: str, period: Period) -> HttpResponse:
    found = visible_period(request.user, code, *period)
    data = workbook.period_xlsx(request.user, found, upload_url(request, found))
    return xlsx_response(data, workbook.file_name(found))


@login_required
@require_http_methods(["GET", "POST"])
def upload_page(request: HttpRequest, code: str, period: Period) -> HttpResponse:
    found = period_to_fill_in(request.user, code, *period)
    context: dict[str, Any] = {
        "organisation": found.organisation,
        "period": found,
        "period_key": (found.year, found.quarter),
        "locked": locked_message(found.year, found.quarter) if found.approved else "",
    }
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_size(upload.size or 0)  # before reading it into memory
                saved = workbook.upload(request.user, found, upload.read())
            except Rejected as rejected:
                context["rejected"] = rejected.message
                context["errors"] = rejected.errors
            else:
                messages.success(request, workbook.counts_text(saved))
                return redirect(found.get_absolute_url())
    context["form"] = form
    return render(request, "followup/workbook.html", context, status=status)
