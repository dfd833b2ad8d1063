"""The association of the survey tests, with an overdue survey, a membership test and a
secretariat scoped to the association (the ``users`` fixture's kansli is platform-wide)."""

import datetime

import pytest
from django.utils import timezone

from klimatlaget.accounts.models import Role, RoleKind
from klimatlaget.surveys.blueprints import definition
from klimatlaget.surveys.building import create_survey
from surveys import conftest as surveys_fixtures

association = surveys_fixtures.association
survey = surveys_fixtures.survey


@pytest.fixture
def overdue(survey):
    """The open survey, its deadline yesterday."""
    survey.deadline = timezone.localdate() - datetime.timedelta(days=1)
    survey.save()
    return survey


@pytest.fixture
def membership_test(association):
    return create_survey(association, 2025, "membership_test", definition("membership_test", 2025))


@pytest.fixture
def secretariat(association, django_user_model):
    user = django_user_model.objects.create_user(username="sekretariat", password="pw-sekretariat")
    Role.objects.create(user=user, kind=RoleKind.SECRETARIAT_ADMIN, organisation=association)
    return user
