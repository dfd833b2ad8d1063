"""An investment plan's lines in Excel on the site: the lines of a plan and an empty template
as workbooks (public, like the plans), and the upload of a filled-in workbook as a new version
(the organisation's editors): the new version, or every problem by sheet, row and column and
nothing stored."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import in_organisation, organisation_for, organisation_or_404
from klimatlaget.exports.responses import xlsx_response
from klimatlaget.imports.workbook import Rejected, check_size
from klimatlaget.investments import lines_import, lines_writer
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.investments.services import FIRST_YEAR, LAST_YEAR
from klimatlaget.organisations.models import Organisation
from klimatlaget.sources import SourceError


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Investment plan workbook (.xlsx)"),
        help_text=gettext_lazy("The lines workbook or the template, filled in; at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    year = forms.IntegerField(
        label=gettext_lazy("The plan's year"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )


def default_year(organisation: Organisation) -> int:
    """The year of the organisation's latest plan, else this year."""
    latest = InvestmentPlan.objects.filter(organisation=organisation).order_by("-year").first()
    return latest.year if latest else timezone.localdate().year


@require_GET
def template_workbook(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    data = lines_writer.template_xlsx(organisation)
    return xlsx_response(data, lines_writer.template_file_name(organisation))


@require_GET
def lines_workbook(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    organisation = organisation_or_404(code)
    plan = in_organisation(InvestmentPlan.objects.all(), organisation, plan_id)
    return xlsx_response(lines_writer.lines_xlsx(plan), lines_writer.lines_file_name(plan))


def imported(actor: Any, organisation: Organisation, year: int, upload: Any) -> InvestmentPlan:
    """The uploaded file imported as a new version; SourceError naming every problem."""
    try:
        check_size(upload.size or 0)  # before reading it into memory
    except Rejected as rejected:
        raise lines_import.refused(upload.name, rejected.code, rejected.message) from None
    return lines_import.import_plan(actor, organisation, year, upload.read(), upload.name)


@login_required
@require_http_methods(["GET", "POST"])
def upload_page(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    initial = {"year": request.GET.get("year") or default_year(organisation)}
    form = UploadForm(request.POST or None, request.FILES or None, initial=initial)
    context: dict[str, Any] = {"organisation": organisation}
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                plan = imported(
                    request.user, organisation, form.cleaned_data["year"], form.cleaned_data["file"]
                )
            except SourceError as error:
                context["problems"] = error.problems
                context["omitted"] = error.omitted
            else:
                messages.success(
                    request,
                    _("Version %(version)s was made from the file, with %(lines)s lines.")
                    % {"version": plan.version_number, "lines": plan.lines.count()},
                )
                return redirect("investment-plan", code=organisation.code, plan_id=plan.pk)
    context["form"] = form
    return render(request, "investments/upload.html", context, status=status)
