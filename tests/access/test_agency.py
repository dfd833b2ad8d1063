"""An agency's editor (myndighet, editing Trafikverket, a party of both contracts of
:mod:`access.world`) beside the matrix's columns: it reads the drafts of the contracts it is a
party of and sets the yearly status of the agency's own commitments, on the page and in the
API, nothing else. On every other route of :mod:`access.matrix` it gets what a user without
any role (nobody) gets, except where a row has the profile of Strandhamn's draft
(:data:`access.matrix.DRAFT_CONTRACT`: its page, exports, comparisons and API), where it
gets what the draft's editor gets."""

import pytest

from access.matrix import DRAFT_CONTRACT, OWN, ROWS, Row, concrete
from access.test_matrix import REFUSED, _request, _state
from access.world import AGENCY_USER, ROLES

CONTRACT = f"/o/{OWN}/contracts/2025"
STATUS = {"year": 2025, "status": "ongoing", "comment": "Upphandlat"}

#: What myndighet gets where it differs from nobody, or where the matrix has no row.
AGENCY_ROWS = [
    Row("get", f"/o/{OWN}/contracts/2025/", (200,)),
    Row("get", "/api/contracts/CONTRACT_9102", (200,)),
    Row("get", "/api/contracts/CONTRACT_9102/commitments", (200,)),
    Row("get", f"{CONTRACT}/commitments/", (200,)),
    Row("get", "/o/9201/contracts/2024/commitments/", (200,)),
    Row("post", f"{CONTRACT}/commitments/", (403,), {"text": "Mer"}),
    Row("post", f"{CONTRACT}/commitments/ACOMMIT_9102/status/", (302,), {"status": "done"}),
    Row("post", f"{CONTRACT}/commitments/COMMIT_9102/status/", (403,), {"status": "done"}),
    Row("post", "/api/commitments/ACOMMIT_9102/statuses", (200,), STATUS),
    Row("post", "/api/commitments/ACOMMIT_9201/statuses", (200,), STATUS),
    Row("post", "/api/commitments/COMMIT_9102/statuses", (403,), STATUS),
    Row("post", "/api/commitments/COMMIT_9201/statuses", (403,), STATUS),
    Row("get", f"{CONTRACT}/edit/", (403,)),
    Row("get", f"{CONTRACT}/parties/", (403,)),
    Row("get", f"{CONTRACT}/sections/CSECTION_9102/edit/", (403,)),
    Row("post", f"{CONTRACT}/new-version/", (403,)),
    Row("get", f"/o/{OWN}/contracts/import/", (403,)),
    # The API's writes on the draft it reads: refused like the pages'
    Row("patch", "/api/contracts/CONTRACT_9102", (403,), {"source": "matrix.pdf"}),
    Row("post", "/api/contracts/CONTRACT_9102/versions", (403,), {"year": 2026}),
    Row(
        "post",
        "/api/contracts/CONTRACT_9102/parties",
        (403,),
        {"organisation_code": "nej", "role": "agency"},
    ),
    Row("patch", "/api/contract-sections/CSECTION_9102", (403,), {"text": "M"}),
    Row("patch", "/api/contract-sections/CJOINT_9102", (403,), {"text": "M"}),
    Row("post", "/api/contract-sections/CSECTION_9102/links", (403,), {"kind": "document"}),
    Row("delete", "/api/contract-sections/CSECTION_9102/links/CLINK_9102", (403,)),
    Row(
        "post",
        "/api/contracts/CONTRACT_9102/commitments",
        (403,),
        {"text": "M", "party_code": OWN},
    ),
    Row("delete", "/api/commitments/COMMIT_9102", (403,)),
]
_OWN_ROWS = {(row.method, row.url) for row in AGENCY_ROWS}


def _reads_draft(row: Row) -> bool:
    """A row of the draft's profile (hidden, 404, exactly where the draft is): the agency, a
    party, gets what the draft's editor alice gets."""
    pairs = zip(row.expected, DRAFT_CONTRACT, strict=True)
    return all((got == 404) == (draft == 404) for got, draft in pairs)


_NOBODY = ROLES.index("nobody")

CASES = [
    pytest.param(row, row.expected[0], id=f"{row.method} {row.url}") for row in AGENCY_ROWS
] + [
    pytest.param(
        row,
        row.expected[0] if _reads_draft(row) else row.expected[_NOBODY],
        id=f"{row.method} {row.url} as nobody",
    )
    for row in ROWS
    if (row.method, row.url) not in _OWN_ROWS
]


@pytest.mark.parametrize(("row", "expected"), CASES)
def test_the_agency_editor_answers_as_declared(world, db, client, row, expected):
    users, ids = world
    client.force_login(users[AGENCY_USER])
    before = _state() if row.method != "get" else None
    response = _request(client, row, concrete(row.url, ids))
    assert response.status_code == expected, response.content[:300]
    if expected in REFUSED and before is not None:
        assert _state() == before, "a refused request must not change or record anything"


def test_the_agency_sets_its_own_status_in_the_api(world, db, client):
    from klimatlaget.audit.models import AuditEntry
    from klimatlaget.contracts.models import CommitmentStatus

    users, ids = world
    client.force_login(users[AGENCY_USER])
    url = concrete("/api/commitments/ACOMMIT_9102/statuses", ids)
    response = client.post(url, STATUS, content_type="application/json")
    assert response.status_code == 200
    stored = CommitmentStatus.objects.get(commitment_id=ids["ACOMMIT_9102"], year=2025)
    assert (stored.status, stored.comment) == ("ongoing", "Upphandlat")
    entry = AuditEntry.objects.latest("pk")
    assert entry.actor_id == users[AGENCY_USER].pk
    assert response["ETag"]


def test_the_page_offers_the_agency_only_its_own_status_forms(world, db, client):
    users, ids = world
    client.force_login(users[AGENCY_USER])
    page = client.get(f"{CONTRACT}/commitments/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    own, other = ids["ACOMMIT_9102"], ids["COMMIT_9102"]
    assert f"/commitments/{own}/status/" in html
    assert f"/commitments/{other}/status/" not in html
    assert 'id="contract-form"' not in html
    contract = client.get(f"{CONTRACT}/").content.decode()
    assert 'id="edit-commitments"' in contract
    assert 'id="edit-contract"' not in contract


def test_the_agency_sets_its_status_on_the_page(world, db, client):
    from klimatlaget.contracts.models import Commitment

    users, ids = world
    client.force_login(users[AGENCY_USER])
    commitment = Commitment.objects.get(pk=ids["ACOMMIT_9102"])
    prefix = f"c{commitment.pk}"
    body = {
        f"{prefix}-year": 2025,
        f"{prefix}-status": "done",
        f"{prefix}-comment": "Klart",
        f"{prefix}-version": commitment.version,
    }
    response = client.post(f"{CONTRACT}/commitments/{commitment.pk}/status/", body)
    assert response.status_code == 302
    assert commitment.statuses.get(year=2025).status == "done"
