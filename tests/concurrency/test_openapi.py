"""The API's description says which writes take If-Match and that they may answer 409/412."""

import pytest

WRITES = [
    ("patch", "/api/organisations/{code}"),
    ("put", "/api/targets/{target_id}"),
    ("delete", "/api/targets/{target_id}"),
    ("patch", "/api/surveys/{survey_id}/responses/{member_code}"),
    ("patch", "/api/associations/{code}/board/{seat_id}"),
    ("put", "/api/associations/{code}/fee-overrides/{member_code}"),
    ("patch", "/api/surveys/{survey_id}/questions/{question_key}"),
]


@pytest.fixture(scope="module")
def operations(django_db_blocker):
    from klimatlaget.api.routes import api

    with django_db_blocker.unblock():
        paths = api.get_openapi_schema()["paths"]
    return [(method, path, op) for path, ops in paths.items() for method, op in ops.items()]


def test_the_versioned_writes_declare_if_match(operations):
    declared = {
        (method, path)
        for method, path, op in operations
        if any(p["name"] == "If-Match" for p in op.get("parameters", []))
    }
    assert set(WRITES) <= declared


def test_every_write_that_takes_if_match_declares_409_and_412(operations):
    for method, path, op in operations:
        if any(p["name"] == "If-Match" for p in op.get("parameters", [])):
            assert {"409", "412"} <= set(map(str, op["responses"])), (method, path)
