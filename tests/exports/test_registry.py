"""The registry of exporters: registration, discovery, who may run what, and the requests
:func:`run_export` refuses before anything is written."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from klimatlaget.accounts.actors import command_line
from klimatlaget.accounts.permissions import anyone, reports_for
from klimatlaget.exports import registry
from klimatlaget.exports.registry import (
    Exporter,
    ExportFile,
    ExportFormat,
    ExportRequest,
    InvalidRequest,
    Scope,
)
from klimatlaget.organisations.models import Organisation

#: The exports that existed before the registry, each now a registered exporter.
EXISTING = {
    "budget",
    "contract",
    "emissions",
    "investment-plan",
    "investment-plan-netzerocities",
    "measures",
    "metrics",
    "nowcast-backtest",
    "quotas",
    "target-comparison",
    "targets",
}


def _echo(request: ExportRequest) -> ExportFile:
    whom = request.organisation.code if request.organisation else "platform"
    return ExportFile(f"{whom} {request.year}".encode(), f"echo.{request.format}", request.format)


def exporter(name: str = "echo", **changes) -> Exporter:
    fields = {
        "name": name,
        "title": "Echo",
        "description": "Says whom it was run for.",
        "formats": (ExportFormat.CSV, ExportFormat.JSON),
        "write": _echo,
        "may_run": reports_for,
    }
    return Exporter(**{**fields, **changes})


@pytest.fixture
def empty(monkeypatch):
    """A registry of its own, already discovered, that the test fills."""
    monkeypatch.setattr(registry, "_registry", {})
    monkeypatch.setattr(registry, "_discovered", True)


def test_a_registered_exporter_is_listed_and_found_by_name(empty):
    echo = registry.register(exporter())
    second = registry.register(exporter("another"))
    assert registry.exporters() == [second, echo]  # by name
    assert registry.get_exporter("echo") is echo
    with pytest.raises(registry.UnknownExporter):
        registry.get_exporter("missing")


def test_two_exporters_may_not_share_a_name(empty):
    registry.register(exporter())
    registry.register(exporter())  # the same again: a module imported twice
    with pytest.raises(ValueError, match="echo"):
        registry.register(exporter(title="Another echo"))


def test_the_exporters_modules_are_discovered():
    names = {each.name for each in registry.exporters()}
    assert names >= EXISTING
    for each in registry.exporters():
        assert each.formats and set(each.formats) <= set(ExportFormat)
        assert each.name == each.name.lower() and "." not in each.name


def test_available_to_asks_the_access_layer(empty, users):
    strandhamn = Organisation.objects.get(code="9102")
    public = registry.register(exporter("public", may_run=anyone))
    own = registry.register(exporter("own"))
    platform = registry.register(exporter("platform", scope=Scope.PLATFORM, may_run=anyone))
    assert registry.available_to(users["alice"], strandhamn) == [own, public]
    assert registry.available_to(users["bob"], strandhamn) == [public]
    assert registry.available_to(AnonymousUser(), strandhamn) == [public]
    assert registry.available_to(users["kansli"], strandhamn) == [own, public]
    assert registry.available_to(users["lasare"], None) == [platform]


def test_an_association_secretariat_reports_for_its_members(users, django_user_model):
    from klimatlaget.accounts.models import Role, RoleKind
    from klimatlaget.demo.association import load_memberships

    association = load_memberships(example=True).association
    secretariat = django_user_model.objects.create_user(username="sekr", password="x")
    Role.objects.create(user=secretariat, kind=RoleKind.SECRETARIAT_ADMIN, organisation=association)
    members = set(association.memberships.values_list("member__code", flat=True))
    outsider = Organisation.objects.exclude(code__in=members).exclude(pk=association.pk).first()
    assert "9102" in members and outsider is not None
    assert reports_for(secretariat, "9102")
    assert reports_for(secretariat, association)
    assert not reports_for(secretariat, outsider)
    assert not reports_for(secretariat, None)  # the platform's own: the platform only
    assert reports_for(command_line(), None)
    assert not reports_for(users["lasare"], "9102")  # reading history is not reporting


def test_run_export_writes_for_those_allowed(empty, users):
    strandhamn = Organisation.objects.get(code="9102")
    echo = registry.register(exporter())
    request = ExportRequest(ExportFormat.CSV, strandhamn, 2025, reader=users["alice"])
    written = registry.run_export(users["alice"], echo, request)
    assert written.content == b"9102 2025"
    assert written.content_type == "text/csv; charset=utf-8"
    with pytest.raises(PermissionDenied):
        registry.run_export(users["bob"], echo, request)
    with pytest.raises(PermissionDenied):
        registry.run_export(AnonymousUser(), echo, request)


def test_run_export_refuses_what_the_exporter_cannot_write(empty, users):
    strandhamn = Organisation.objects.get(code="9102")
    alice = users["alice"]
    echo = registry.register(exporter())
    with pytest.raises(InvalidRequest, match="writes csv, json, not xlsx"):
        registry.run_export(alice, echo, ExportRequest(ExportFormat.XLSX, strandhamn, 2025))
    with pytest.raises(InvalidRequest, match="needs a year"):
        registry.run_export(alice, echo, ExportRequest(ExportFormat.CSV, strandhamn))
    with pytest.raises(InvalidRequest, match="one organisation"):
        registry.run_export(command_line(), echo, ExportRequest(ExportFormat.CSV, None, 2025))
    platform = registry.register(exporter("platform", scope=Scope.PLATFORM, needs_year=False))
    with pytest.raises(InvalidRequest, match="the platform"):
        registry.run_export(alice, platform, ExportRequest(ExportFormat.CSV, strandhamn))
    assert registry.run_export(command_line(), platform, ExportRequest(ExportFormat.JSON)).content
    # The permission is asked first: an outsider learns nothing of the formats.
    with pytest.raises(PermissionDenied):
        registry.run_export(users["bob"], echo, ExportRequest(ExportFormat.XLSX, strandhamn))


def test_a_format_is_parsed_or_refused():
    assert registry.parse_format("xlsx") == ExportFormat.XLSX
    with pytest.raises(InvalidRequest, match="'xls'"):
        registry.parse_format("xls")


def test_a_table_file_is_written_by_the_table_writer():
    rows = [{"name": "=1+1", "value": 2}]
    written = registry.table_file("stem", rows, ["name", "value"], ExportFormat.CSV)
    assert written.file_name == "stem.csv"
    assert written.content.decode() == "name,value\r\n'=1+1,2\r\n"
