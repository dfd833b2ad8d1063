"""The headline figures an association published for years from before the platform. Reading
them is public (they are quoted from public reports and shown in the public report); adding,
replacing and removing one is the secretariat's (401 when logged out, 403 for everybody else).
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.resolvers import (
    association_or_404,
    managed_association,
    managed_published_figure,
    published_figure_or_404,
)
from klimatlaget.api.schemas import CONFLICTS, ErrorOut, Year
from klimatlaget.associations.api import InvalidOut, invalid
from klimatlaget.concurrency import IF_MATCH, expected_version
from klimatlaget.surveys import published
from klimatlaget.surveys.models import PublishedFigure

router = Router(tags=["surveys"])

ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}
FigureKind = Literal[
    "respondents",
    "members",
    "change_since_1990",
    "verdict",
    "section_answered",
    "question_yes",
    "question_answered",
]


class PublishedFigureOut(Schema):
    id: int
    association: str
    year: int
    kind: str
    key: str
    value: float
    source: str
    source_url: str
    page: str
    quoted: bool
    version: int = Field(description="Send it back (or in If-Match) when replacing the figure")


class PublishedFigureIn(Schema):
    year: Year
    kind: FigureKind
    key: str = Field("", description="The verdict, section key or question key, where needed")
    value: float
    source: str = Field(description="The document the figure is from")
    source_url: str = ""
    page: str = ""
    quoted: bool = True
    version: int | None = Field(None, description="The version edited; a stale one gets 409")


def _out(figure: PublishedFigure) -> dict[str, Any]:
    return {
        "id": figure.pk,
        "association": figure.association.code,
        **{field: getattr(figure, field) for field in published.FIELDS},
        "version": figure.version,
    }


@router.get(
    "/associations/{code}/published-figures",
    response={200: list[PublishedFigureOut], 404: ErrorOut},
)
def published_figures(request: HttpRequest, code: str) -> Any:
    """The headline figures of the association's own reports of years from before the platform,
    each with its source, newest year first."""
    return [_out(figure) for figure in published.figures_of(association_or_404(code))]


@router.get(
    "/associations/{code}/published-figures/{figure_id}",
    response={200: PublishedFigureOut, 404: ErrorOut},
)
def published_figure(request: HttpRequest, code: str, figure_id: int) -> Any:
    """One published figure with its source and version."""
    return _out(published_figure_or_404(code, figure_id))


@router.post(
    "/associations/{code}/published-figures",
    auth=django_auth,
    response={201: PublishedFigureOut, **ERRORS},
)
def post_published_figure(request: HttpRequest, code: str, body: PublishedFigureIn) -> Any:
    """Add a published figure (secretariat). Recorded."""
    association = managed_association(request.user, code)
    try:
        figure = published.add_figure(request.user, association, body.model_dump())
    except ValidationError as error:
        return invalid(error, _("The published figure is not valid."))
    return Status(201, _out(figure))


@router.put(
    "/associations/{code}/published-figures/{figure_id}",
    auth=django_auth,
    response={200: PublishedFigureOut, **ERRORS, **CONFLICTS},
    openapi_extra=IF_MATCH,
)
def put_published_figure(
    request: HttpRequest, code: str, figure_id: int, body: PublishedFigureIn
) -> Any:
    """Replace a published figure (secretariat). Recorded. With ``If-Match`` (``"v3"``) or
    ``version``, a figure changed since that version is not changed (412 or 409)."""
    figure = managed_published_figure(request.user, code, figure_id)
    values = body.model_dump()
    values["version"] = expected_version(request, body.version)
    try:
        published.change_figure(request.user, figure, values)
    except ValidationError as error:
        return invalid(error, _("The published figure is not valid."))
    return _out(figure)


@router.delete(
    "/associations/{code}/published-figures/{figure_id}",
    auth=django_auth,
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, **CONFLICTS},
    openapi_extra=IF_MATCH,
)
def delete_published_figure(request: HttpRequest, code: str, figure_id: int) -> Any:
    """Remove a published figure (secretariat). Recorded. With ``If-Match``, only that version."""
    figure = managed_published_figure(request.user, code, figure_id)
    published.remove_figure(request.user, figure, expected_version(request, None))
    return Status(204, None)
