"""The fee list of an association's year: page, CSV and Excel (secretariat only)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from klimatlaget.accounts.resolvers import managed_association
from klimatlaget.associations.models import members_in_year
from klimatlaget.exports.responses import csv_response, xlsx_response
from klimatlaget.fees.services import COLUMNS, FeeList, NoFeeRule, fee_list, fee_list_xlsx
from klimatlaget.organisations.models import Organisation


def _association(request: HttpRequest, code: str) -> Organisation:
    return managed_association(request.user, code)


def _fees_or_404(association: Organisation, year: int) -> FeeList:
    try:
        return fee_list(association, year)
    except NoFeeRule as error:
        raise Http404(str(error)) from error


def _name(association: Organisation, year: int) -> str:
    return f"{association.code}-fees-{year}"


def _years(association: Organisation, year: int) -> dict[str, int | None]:
    """The neighbouring years worth a link: back while the association had members, forward to
    next year's list (fees are set a year ahead at most)."""
    earlier = members_in_year(association, year - 1).exists()
    return {
        "previous_year": year - 1 if earlier else None,
        "next_year": year + 1 if year <= timezone.localdate().year else None,
    }


@login_required
def fee_list_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    association = _association(request, code)
    context: dict[str, object] = {
        "association": association,
        "year": year,
        **_years(association, year),
    }
    try:
        context["fees"] = fee_list(association, year)
    except NoFeeRule as error:
        context["error"] = str(error)
        return render(request, "fees/fee_list.html", context, status=404)
    return render(request, "fees/fee_list.html", context)


@login_required
def fee_list_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    association = _association(request, code)
    fees = _fees_or_404(association, year)
    return csv_response(_name(association, year), fees.table(), COLUMNS)


@login_required
def fee_list_excel(request: HttpRequest, code: str, year: int) -> HttpResponse:
    association = _association(request, code)
    fees = _fees_or_404(association, year)
    return xlsx_response(fee_list_xlsx(fees), f"{_name(association, year)}.xlsx")
