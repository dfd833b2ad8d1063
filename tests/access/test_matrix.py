"""Every route and operation of :mod:`access.matrix`, asked by every role, answers the status its
row declares; a refused write changes nothing and records nothing. The data is built once for
the module and every test runs in its own savepoint, so the writes of one never reach another."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from access.matrix import REDIRECT, ROWS, Row, concrete
from access.world import ROLES

REFUSED = (401, 403, 404)


def _state():
    """Everything a request of the matrix could change, and how many changes were recorded."""
    from klimatlaget.associations.models import BoardMember, Contact, Membership
    from klimatlaget.audit.models import AuditEntry
    from klimatlaget.contracts.models import (
        Commitment,
        CommitmentStatus,
        Contract,
        ContractParty,
        SectionLink,
        TemplateSubject,
    )
    from klimatlaget.contracts.models import Section as ContractSection
    from klimatlaget.fees.models import FeeOverride, FeeRule
    from klimatlaget.followup.models import FollowUpPeriod, IndicatorReport, MeasureReport
    from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
    from klimatlaget.measures.models import (
        ActionPlan,
        Indicator,
        IndicatorValue,
        Measure,
        StatusChange,
    )
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys.models import Answer, Question, Response, Section, Survey
    from klimatlaget.targets.models import Target

    tables = (Organisation, Contact, BoardMember, Membership, FeeRule, FeeOverride, Target)
    surveys = (Survey, Section, Question, Response, Answer)
    measures = (ActionPlan, Measure, StatusChange, Indicator, IndicatorValue)
    follow_up = (FollowUpPeriod, MeasureReport, IndicatorReport, Measure.owners.through)
    investments = (InvestmentPlan, InvestmentLine)
    contracts = (
        Contract,
        ContractParty,
        ContractSection,
        SectionLink,
        Commitment,
        CommitmentStatus,
        TemplateSubject,
    )
    return (
        AuditEntry.objects.count(),
        [
            list(model.objects.order_by("pk").values())
            for model in (*tables, *surveys, *measures, *follow_up, *investments, *contracts)
        ],
    )


def _request(client, row: Row, url: str):
    send = getattr(client, row.method)
    if row.body == "file":
        upload = SimpleUploadedFile("upload.xlsx", b"not a workbook")
        return send(url, {"file": upload})
    if row.method == "get":
        return send(url)
    if url.startswith("/api/") or url.endswith("/draft"):
        body = row.body if row.body is not None else {}
        return send(url, json.dumps(body), content_type="application/json")
    return send(url, row.body or {})


def _case_id(row: Row, username: str | None) -> str:
    return f"{row.method} {row.url} as {username or 'anonymous'}"


CASES = [
    pytest.param(row, username, expected, id=_case_id(row, username))
    for row in ROWS
    for username, expected in zip(ROLES, row.expected, strict=True)
]


@pytest.mark.parametrize(("row", "username", "expected"), CASES)
def test_every_route_answers_every_role_as_declared(world, db, client, row, username, expected):
    users, ids = world
    if username:
        client.force_login(users[username])
    before = _state() if row.method != "get" else None
    response = _request(client, row, concrete(row.url, ids))
    assert response.status_code == expected, response.content[:300]
    refused = expected in REFUSED or (username is None and row.expected != REDIRECT)
    if username is None and expected == 302 and row.expected != REDIRECT:
        assert response["Location"].startswith("/accounts/login/")
    if refused and before is not None:
        assert _state() == before, "a refused request must not change or record anything"
