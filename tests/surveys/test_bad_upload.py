"""The survey's Excel upload refuses a zip bomb with the guard every importer uses."""

import pytest

from klimatlaget.audit.models import AuditEntry
from klimatlaget.sources.fixtures import write_zip_bomb
from klimatlaget.surveys.models import Answer
from klimatlaget.surveys.offline.layout import MAX_UNPACKED_BYTES

pytestmark = pytest.mark.usefixtures("english")


def test_a_zip_bomb_is_refused_and_nothing_is_saved(client, users, survey, tmp_path):
    bomb = write_zip_bomb(tmp_path / "answers.xlsx", MAX_UNPACKED_BYTES)
    client.force_login(users["alice"])
    before = (Answer.objects.count(), AuditEntry.objects.count())
    with bomb.open("rb") as handle:
        response = client.post(f"/api/surveys/{survey.pk}/responses/9102/xlsx", {"file": handle})
    assert response.status_code == 422
    assert "unpacks to more than" in response.json()["detail"]
    with bomb.open("rb") as handle:
        page = client.post(f"/o/9102/surveys/{survey.pk}/upload/", {"file": handle})
    assert page.status_code == 422
    assert "unpacks to more than" in page.content.decode()
    assert (Answer.objects.count(), AuditEntry.objects.count()) == before
