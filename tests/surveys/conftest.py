"""A small survey with one question of every kind, answered by the fictional members.

``survey`` belongs to the demo's association in 2025 with the example members (alice edits
Strandhamn 9102, bob edits Tallnäs 9201, both members), and is open for answers.
"""

import pytest
from django.conf import settings
from django.utils import translation

#: E-mails leave only when the transaction commits: a test that reads them lets it commit.
COMMITS = pytest.mark.django_db(transaction=True)

EVERY_KIND = {
    "title": "Testenkät 2025",
    "introduction": "A survey with one question of every kind.",
    "sections": [
        {
            "key": "targets",
            "title": "Targets",
            "questions": [
                {
                    "key": "has_target",
                    "kind": "yes_no",
                    "text": "Do you have a target?",
                    "required": True,
                },
                {
                    "key": "target_year",
                    "kind": "year",
                    "text": "Target year?",
                    "required": True,
                    "condition": {"question": "has_target", "equals": True},
                },
                {
                    "key": "target_kind",
                    "kind": "single_choice",
                    "text": "Kind of target?",
                    "choices": [
                        {"key": "territory", "label": "Territorial"},
                        {"key": "organisation", "label": "Organisational"},
                    ],
                },
                {
                    "key": "sectors",
                    "kind": "multiple_choice",
                    "text": "Sectors covered?",
                    "choices": [
                        {"key": "transport", "label": "Transport"},
                        {"key": "energy", "label": "Energy"},
                        {"key": "food", "label": "Food"},
                    ],
                },
            ],
        },
        {
            "key": "work",
            "title": "Work",
            "questions": [
                {
                    "key": "budget",
                    "kind": "number",
                    "text": "Climate budget?",
                    "unit": "kr",
                    "minimum": 0,
                    "maximum": 1_000_000_000,
                },
                {"key": "comment", "kind": "text", "text": "Anything else?"},
                {"key": "plan_link", "kind": "link", "text": "Link to the plan"},
                {
                    "key": "plan_file",
                    "kind": "file",
                    "text": "The plan as a file",
                    "max_file_bytes": 1000,
                    "file_types": ["pdf", "txt"],
                },
                {
                    "key": "measures",
                    "kind": "table",
                    "text": "Measures",
                    "max_rows": 5,
                    "columns": [
                        {"key": "name", "label": "Measure", "kind": "text", "required": True},
                        {
                            "key": "tonnes",
                            "label": "Reduction",
                            "kind": "number",
                            "unit": "t",
                            "minimum": 0,
                        },
                        {"key": "done", "label": "Done", "kind": "yes_no"},
                    ],
                },
            ],
        },
    ],
}


@pytest.fixture
def english(client):
    """Messages asserted in English (the site's default language is Swedish)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def association(users):
    from klimatlaget.demo.association import load_memberships

    return load_memberships(example=True).association


@pytest.fixture
def survey(association):
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState

    survey = create_survey(association, 2025, "klimatlaget", EVERY_KIND)
    survey.state = SurveyState.OPEN
    survey.save()
    return survey
