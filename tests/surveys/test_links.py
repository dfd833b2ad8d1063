"""The survey pages are reachable: the association's page links its published reports and, for
the secretariat, its surveys; the questionnaire links the Excel round trip."""

import pytest

from klimatlaget.surveys.models import SurveyState

pytestmark = pytest.mark.usefixtures("english")


def test_the_association_page_links_published_reports_only(client, users, survey):
    page = client.get("/associations/klimatkommunerna/").content.decode()
    assert "/reports/2025/" not in page  # still open
    survey.state = SurveyState.CLOSED
    survey.save()
    page = client.get("/associations/klimatkommunerna/").content.decode()
    assert 'href="/associations/klimatkommunerna/reports/2025/"' in page
    assert "/associations/klimatkommunerna/surveys/" not in page
    client.force_login(users["kansli"])
    page = client.get("/associations/klimatkommunerna/").content.decode()
    assert 'href="/associations/klimatkommunerna/surveys/"' in page


def test_the_questionnaire_links_the_excel_download_and_upload(client, users, survey):
    client.force_login(users["alice"])
    page = client.get(f"/o/9102/surveys/{survey.pk}/").content.decode()
    assert f'href="/o/9102/surveys/{survey.pk}/questionnaire.xlsx"' in page
    assert f'href="/o/9102/surveys/{survey.pk}/upload/"' in page
    survey.state = SurveyState.CLOSED
    survey.save()
    page = client.get(f"/o/9102/surveys/{survey.pk}/").content.decode()
    assert "/upload/" not in page
