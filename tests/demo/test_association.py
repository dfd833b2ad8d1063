"""The demo's association: members from the example data or the seed documents, and targets."""

import datetime
from contextlib import contextmanager

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.associations.models import Membership, members_in_year
from klimatlaget.audit.models import AuditEntry
from klimatlaget.demo.association import (
    ASSOCIATION_CODE,
    EXAMPLE_TARGETS,
    REAL_MEMBERS,
    load_memberships,
)
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target


@pytest.mark.django_db
def test_every_example_organisation_is_a_member_and_one_has_left(example_data):
    result = load_memberships(example=True)
    assert (
        result.association.kind == "association" and result.association.name == "Klimatkommunerna"
    )
    assert result.created == 12 and result.unmatched == []
    left = Membership.objects.exclude(left=None).get()
    assert left.member.code == "9103"
    assert len({m.joined for m in Membership.objects.all()}) > 5
    in_2024 = set(members_in_year(result.association, 2024).values_list("code", flat=True))
    assert "9103" not in in_2024 and {"9101", "91", "92"} <= in_2024
    assert "9103" in set(members_in_year(result.association, 2015).values_list("code", flat=True))
    assert AuditEntry.objects.filter(action="klimatlaget.membership.created").count() == 12
    assert load_memberships(example=True).created == 0
    assert Membership.objects.count() == 12
    assert Organisation.objects.filter(code=ASSOCIATION_CODE).count() == 1


@pytest.mark.django_db
def test_the_members_named_in_the_seed_documents_all_match(db, shared_data):
    from klimatlaget.imports.services import import_scb_codes

    import_scb_codes(shared_data / "scb" / "kommunlankod_2023.xls", actor=command_line())
    result = load_memberships(example=False)
    assert result.unmatched == []
    names = {entry.name for entry in REAL_MEMBERS}
    assert result.created == len(names) - 1  # Stockholms läns landsting is Region Stockholm
    assert result.superseded == [
        "Stockholms läns landsting (Klimatkommunerna, verksamhetsplan 2008–2009)"
    ]
    joined = {m.member.code: m.joined for m in Membership.objects.select_related("member")}
    assert joined["01"] == datetime.date(2024, 1, 1)  # Region Stockholm joined in 2024
    assert joined["1290"] == datetime.date(2008, 1, 1)  # Kristianstad, listed in 2008 and 2024
    assert joined["0880"] == datetime.date(2024, 1, 1)  # Kalmar, named in the 2024 report
    assert load_memberships(example=False).created == 0


@pytest.mark.django_db
def test_the_example_demo_can_be_set_up_twice(db):
    from klimatlaget.demo.setup import set_up_demo

    @contextmanager
    def progress(_description):
        yield lambda _done, _total: None

    said: list[str] = []
    for _ in range(2):
        set_up_demo(data_dir=None, example=True, offline=True, say=said.append, progress=progress)
    assert Membership.objects.count() == 12
    rows = len(EXAMPLE_TARGETS.read_text(encoding="utf-8").splitlines()) - 1
    assert Target.objects.count() == rows
    assert "Targets: 0 created, 0 changed." in said
    assert said.count("Measures: 18 created, 0 changed.") == 1
    assert "Measures: 0 created, 0 changed." in said
    assert said.count("Action plans: 5 created, 0 changed.") == 1
    assert "Action plans: 0 created, 0 changed." in said
    assert "Indicators: 0 created, 0 changed." in said
    assert "Emission quotas: 0 created, 0 changed." in said


def test_the_demo_imports_every_population_table_it_has_newest_last(tmp_path):
    """Whatever years the data folder holds, the newest table is imported (last, so it is there
    for the fee list); other files in the folder are left alone."""
    from klimatlaget.demo.setup import population_files

    (tmp_path / "scb").mkdir()
    for name in ("be0101_tabhel2025.xlsx", "be0101_tabhel2023.xlsx", "be0101_tabhel2024.xlsx"):
        (tmp_path / "scb" / name).touch()
    (tmp_path / "scb" / "be0101_tabhel2024-kopia.xlsx").touch()
    assert [path.name for path in population_files(tmp_path)] == [
        "be0101_tabhel2023.xlsx",
        "be0101_tabhel2024.xlsx",
        "be0101_tabhel2025.xlsx",
    ]
