"""Schemathesis against the API in-process: every operation, anonymous, as a member's editor and
as the secretariat, with valid and invalid input. No answer may be a server error or differ from
what the OpenAPI schema declares (status code, content type, headers, body)."""

import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import get_token
from django.test import RequestFactory
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from klimatlaget.accounts.actors import command_line

EXAMPLES = 4  # per operation, mode and user: bounded, so the run takes seconds
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@dataclass
class Findings:
    failures: dict[str, str] = field(default_factory=dict)
    calls: int = 0

    def record(self, label: str, error: BaseException) -> None:
        self.failures.setdefault(label, str(error)[:1200])


@pytest.fixture
def known(users):
    """Path parameters of objects that exist, so that operations get past their lookups."""
    from klimatlaget.demo.association import (
        EXAMPLE_TARGETS,
        load_example_contacts_and_board,
        load_memberships,
    )
    from klimatlaget.surveys.blueprints import definition
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.targets.imports import import_targets
    from klimatlaget.targets.models import Target

    association = load_memberships(example=True).association
    load_example_contacts_and_board(association)
    import_targets(EXAMPLE_TARGETS, actor=command_line())
    survey = create_survey(association, 2025, "klimatlaget", definition("klimatlaget", 2025))
    section = survey.sections.first()
    question = survey.questions.first()
    return {
        "code": "9102",
        "member_code": "9102",
        "survey_id": survey.pk,
        "target_id": Target.objects.filter(organisation__code="9102").first().pk,
        "seat_id": association.board_members.first().pk,
        "section_key": section.key,
        "question_key": question.key,
        "key": "governance.lead",  # a shared question of the reporting profiles
        "year": 2025,
    }


@pytest.fixture
def wsgi_app():
    """Django's WSGI application, in the test's transaction: it must not close the database
    connection at the end of each request, as Django's own test client does not."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield WSGIHandler()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


#: The WSGI transport does not undo a Content-Encoding, so ask for none (public answers are gzipped
#: for clients that accept it, see klimatlaget.web.pagecache).
PLAIN = {"Accept-Encoding": "identity"}


@dataclass(frozen=True)
class Identity:
    """Who calls: a logged-in browser's cookies and CSRF header, or nothing (anonymous)."""

    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def _logged_in(user) -> Identity:
    from django.contrib.auth import login
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/")
    request.session = SessionStore()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.save()
    token = get_token(request)
    cookies = {"sessionid": request.session.session_key or "", "csrftoken": token}
    return Identity(cookies, {"X-CSRFToken": token})


def _strategy(operation: Any, known: dict[str, Any], mode: Any) -> Any:
    names = {p.name for p in operation.path_parameters}
    pinned = {name: value for name, value in known.items() if name in names}
    if "code" in pinned and "/associations/" in operation.path:
        pinned["code"] = "klimatkommunerna"
    if not pinned:
        return operation.as_strategy(generation_mode=mode)
    return st.one_of(
        operation.as_strategy(generation_mode=mode, path_parameters=pinned),
        operation.as_strategy(generation_mode=mode),
    )


def _explore(strategy: Any, who: Identity, label: str, findings: Findings) -> None:
    """Call the API with up to EXAMPLES cases from ``strategy``, recording what fails."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        findings.calls += 1
        try:
            case.call_and_validate(headers=who.headers | PLAIN, cookies=who.cookies, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as error:  # collected and reported below
            findings.record(label, error)

    with contextlib.suppress(Unsatisfiable):  # no invalid input exists (e.g. free text only)
        run()


def test_the_api_keeps_to_its_schema(known, users, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    findings = Findings()
    identities = {
        "anonymous": Identity(),
        "editor": _logged_in(users["alice"]),
        "secretariat": _logged_in(users["kansli"]),
    }
    for result in schema.get_all_operations():
        operation = result.ok()
        for name, who in identities.items():
            for mode in schemathesis.GenerationMode:
                label = f"{operation.method.upper()} {operation.path} {name} {mode.value}"
                _explore(_strategy(operation, known, mode), who, label, findings)
    report = json.dumps(findings.failures, indent=1, ensure_ascii=False)
    failed = len(findings.failures)
    assert failed == 0, f"{failed} failures in {findings.calls} calls:\n{report}"
