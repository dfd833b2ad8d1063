"""An editor's desk on the start page: the organisation's open surveys and what in its record is
missing or stale — targets, contacts, data years and survey answers not started."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from klimatlaget.accounts import resolvers
from klimatlaget.accounts.permissions import User
from klimatlaget.associations.models import Contact
from klimatlaget.emissions.dataset import Dataset, load_dataset
from klimatlaget.followup.models import FollowUpPeriod
from klimatlaget.followup.queries import open_periods
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import Response, Survey, SurveyState
from klimatlaget.targets.models import Target

#: A target unchanged for longer than a municipal term of office (four years) is due a review.
REVIEW_AFTER_YEARS = 4


@dataclass
class OpenSurvey:
    survey: Survey
    response: Response | None
    overdue: bool


@dataclass(frozen=True)
class DataYears:
    """The organisation's latest year of some data beside the latest year published for any."""

    own: int | None
    published: int | None

    @property
    def stale(self) -> bool:
        return self.published is not None and (self.own is None or self.own < self.published)


@dataclass
class OrganisationDesk:
    organisation: Organisation
    open_surveys: list[OpenSurvey] = field(default_factory=list)
    has_target: bool = False
    has_contacts: bool = False
    #: Targets whose target year has passed: to be followed up or replaced.
    passed_targets: list[Target] = field(default_factory=list)
    #: Other targets not changed for more than :data:`REVIEW_AFTER_YEARS`.
    unreviewed_targets: list[Target] = field(default_factory=list)
    emissions: DataYears = DataYears(None, None)
    population: DataYears = DataYears(None, None)
    #: Follow-up periods being filled in, with their progress.
    follow_up: list[FollowUpPeriod] = field(default_factory=list)

    @property
    def not_started(self) -> list[OpenSurvey]:
        return [item for item in self.open_surveys if item.response is None]

    @property
    def review_after_years(self) -> int:
        return REVIEW_AFTER_YEARS

    @property
    def needs_attention(self) -> bool:
        return bool(
            not self.has_target
            or not self.has_contacts
            or self.passed_targets
            or self.unreviewed_targets
            or self.emissions.stale
            or self.population.stale
            or self.not_started
        )


def organisation_desk(
    user: User, organisation: Organisation, now: datetime.datetime
) -> OrganisationDesk:
    responses = {r.survey_id: r for r in Response.objects.filter(member=organisation)}
    targets = list(Target.objects.filter(organisation=organisation).order_by("target_year", "pk"))
    passed = [t for t in targets if t.target_year is not None and t.target_year < now.year]
    reviewed_since = now - datetime.timedelta(days=round(365.25 * REVIEW_AFTER_YEARS))
    return OrganisationDesk(
        organisation=organisation,
        open_surveys=[
            OpenSurvey(survey, responses.get(survey.pk), survey.is_overdue)
            for survey in resolvers.member_surveys(user, organisation)
            if survey.state == SurveyState.OPEN
        ],
        has_target=bool(targets),
        has_contacts=Contact.objects.filter(member=organisation).exists(),
        follow_up=open_periods(organisation),
        passed_targets=passed,
        unreviewed_targets=[
            t for t in targets if t not in passed and t.updated_at < reviewed_since
        ],
        **_data_years(organisation.code, load_dataset()),
    )


def _data_years(code: str, dataset: Dataset) -> dict[str, DataYears]:
    """The latest emissions and population years of ``code`` and of any organisation; nothing
    for organisations without such data (associations, agencies)."""
    org = dataset.get(code)
    if org is None:
        return {}
    emissions = [max(o.total) for o in dataset.values() if o.total]
    population = [max(o.population) for o in dataset.values() if o.population]
    return {
        "emissions": DataYears(max(org.total, default=None), max(emissions, default=None)),
        "population": DataYears(max(org.population, default=None), max(population, default=None)),
    }
