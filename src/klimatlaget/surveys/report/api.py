"""The report's content as JSON, with the same visibility rules as its pages."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from klimatlaget.api.schemas import ErrorOut, Year
from klimatlaget.surveys.report.access import visible_report

router = Router(tags=["surveys"])


@router.get(
    "/associations/{code}/reports/{year}",
    response={200: dict[str, Any], 403: ErrorOut, 404: ErrorOut},
)
def survey_report(request: HttpRequest, code: str, year: Year, internal: bool = False) -> Any:
    """The annual report "Klimatläget YEAR": headline figures and statistics per chapter and
    question. Public once the survey is closed (before that, the secretariat only);
    ``internal=true`` (secretariat) adds the responses' status and the free-text answers."""
    return visible_report(request.user, code, year, internal=internal).as_dict()
