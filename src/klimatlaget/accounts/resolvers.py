"""Finding the organisation, association, survey, response or member a page, API operation or
command names, with the permission check first.

Each resolver asks the permission checker about the identifiers in the address before it looks
anything up, and looks objects up only among those the user may see. So an outsider gets the same
answer whether or not the object exists: the same 403 where the refusal depends only on a public
code (an organisation's or association's), the same 404 where it concerns a private object (a
survey, a member's response, a board seat). Anonymous visitors are refused before that
(the pages send them to the login page, the API answers 401).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from klimatlaget.accounts.permissions import (
    Permission,
    User,
    edits_agency,
    ensure_permission,
    grants,
    has_permission,
    in_managed_association,
    may_edit_contract,
    may_edit_section,
    may_set_commitment_status,
)
from klimatlaget.associations.models import Membership, members_in_year
from klimatlaget.contracts.choices import PUBLIC_STATUSES
from klimatlaget.contracts.models import (
    Commitment,
    Contract,
    ContractParty,
    PendingImport,
    Section,
    SectionLink,
)
from klimatlaget.followup.models import (
    FollowUpPeriod,
    IndicatorReport,
    MeasureReport,
    PeriodState,
)
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
from klimatlaget.measures.models import (
    ActionPlan,
    EmissionQuota,
    Indicator,
    IndicatorValue,
    Measure,
)
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.surveys.models import PublishedFigure, Response, Survey, SurveyState
from klimatlaget.targets.models import Target

# Organisations and associations ------------------------------------------------------------


def organisation_or_404(code: str) -> Organisation:
    """The organisation with this code, else a 404 (codes are public, so no existence leak)."""
    organisation = Organisation.objects.select_related("county").filter(code=code).first()
    if organisation is None:
        raise Http404(code)
    return organisation


def association_or_404(code: str) -> Organisation:
    organisation = organisation_or_404(code)
    if organisation.kind != OrganisationKind.ASSOCIATION:
        raise Http404(code)
    return organisation


def region_or_404(code: str) -> Organisation:
    """A county or the nation (whose parts the members' budget overview lists), else a 404."""
    organisation = organisation_or_404(code)
    if organisation.kind not in (OrganisationKind.COUNTY, OrganisationKind.NATION):
        raise Http404(code)
    return organisation


def organisation_for(user: User, permission: Permission, code: str) -> Organisation:
    """The organisation ``code`` if ``user`` has ``permission`` on it (403 before the lookup)."""
    ensure_permission(user, permission, code)
    return organisation_or_404(code)


def managed_association(user: User, code: str) -> Organisation:
    """The association ``code`` if ``user`` is its secretariat (403 before the lookup)."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, code)
    return association_or_404(code)


def managed_associations(user: User) -> QuerySet[Organisation]:
    """The associations ``user`` is the secretariat of (every one for the platform)."""
    associations = Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION)
    granted = grants(user)
    return associations if granted.platform else associations.filter(code__in=granted.manages)


def edited_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations ``user`` holds an editor role for."""
    return Organisation.objects.filter(code__in=grants(user).edits)


def is_member(association: Organisation, member: Organisation, year: int) -> bool:
    return members_in_year(association, year).filter(pk=member.pk).exists()


def member_in_year(association: Organisation, member_code: str, year: int) -> Organisation:
    """The member ``member_code`` if it belonged to ``association`` in ``year`` (else 404)."""
    member = organisation_or_404(member_code)
    if not is_member(association, member, year):
        raise Http404(member_code)
    return member


def contacts_member(user: User, code: str) -> Organisation:
    """The organisation ``code`` whose contacts ``user`` keeps: its own editors, and the
    secretariat of an association it belongs or belonged to (403 before the lookup)."""
    if not (
        has_permission(user, Permission.CHANGE_ORGANISATION, code)
        or in_managed_association(grants(user), code)
    ):
        raise PermissionDenied("contacts")
    return organisation_or_404(code)


def kept_associations(user: User, member: Organisation) -> QuerySet[Organisation]:
    """The associations of ``member`` whose contacts for it ``user`` keeps."""
    associations = Organisation.objects.filter(
        memberships__member=member, kind=OrganisationKind.ASSOCIATION
    ).distinct()
    if has_permission(user, Permission.CHANGE_ORGANISATION, member):
        return associations
    return associations.filter(code__in=grants(user).manages)


def editable_target(user: User, target_id: int) -> Target:
    """A target to change: targets are public, so it is looked up first (404), then the
    user must edit its organisation (403)."""
    target = Target.objects.select_related("organisation").filter(pk=target_id).first()
    if target is None:
        raise Http404(str(target_id))
    ensure_permission(user, Permission.CHANGE_ORGANISATION, target.organisation)
    return target


# Action plans, measures, indicators and quotas --------------------------------------------


def _editable_in_organisation[T: Model](user: User, objects: QuerySet[T], object_id: int) -> T:
    """An object of an organisation to change: plans, measures, indicators and quotas are
    public, so it is looked up first (404), then the user must edit its organisation (403)."""
    found = objects.select_related("organisation").filter(pk=object_id).first()
    if found is None:
        raise Http404(str(object_id))
    ensure_permission(user, Permission.CHANGE_ORGANISATION, found.organisation)  # type: ignore[attr-defined]
    return found


def editable_plan(user: User, plan_id: int) -> ActionPlan:
    return _editable_in_organisation(user, ActionPlan.objects.all(), plan_id)


def editable_investment_plan(user: User, plan_id: int) -> InvestmentPlan:
    """An investment plan to change: public, so looked up first (404), then the user must
    edit its organisation (403)."""
    return _editable_in_organisation(user, InvestmentPlan.objects.all(), plan_id)


def editable_investment_line(user: User, line_id: int) -> InvestmentLine:
    """A line of an investment plan to change, the same way, by its plan's organisation."""
    line = InvestmentLine.objects.select_related("plan__organisation").filter(pk=line_id).first()
    if line is None:
        raise Http404(str(line_id))
    ensure_permission(user, Permission.CHANGE_ORGANISATION, line.plan.organisation)
    return line


def editable_measure(user: User, measure_id: int) -> Measure:
    return _editable_in_organisation(user, Measure.objects.all(), measure_id)


def editable_indicator(user: User, indicator_id: int) -> Indicator:
    return _editable_in_organisation(user, Indicator.objects.all(), indicator_id)


def editable_quota(user: User, quota_id: int) -> EmissionQuota:
    return _editable_in_organisation(user, EmissionQuota.objects.all(), quota_id)


def editable_indicator_value(user: User, indicator_id: int, value_id: int) -> IndicatorValue:
    """A value of an indicator whose organisation ``user`` edits (else 404 or 403)."""
    indicator = editable_indicator(user, indicator_id)
    value = indicator.values.filter(pk=value_id).first()
    if value is None:
        raise Http404(str(value_id))
    return value


def in_organisation[T: Model](objects: QuerySet[T], organisation: Organisation, pk: int) -> T:
    """The object ``pk`` among ``organisation``'s (404 when it is another's or none)."""
    found = objects.filter(organisation=organisation, pk=pk).first()
    if found is None:
        raise Http404(str(pk))
    return found


# Follow-up periods -------------------------------------------------------------------------


def owned_measures(user: User) -> QuerySet[Measure]:
    """The measures ``user`` is named an owner of (reports on in the follow-up)."""
    pk = getattr(user, "pk", None)
    if not user.is_authenticated or not isinstance(pk, int):
        return Measure.objects.none()
    return Measure.objects.filter(owners__pk=pk)


def sees_open_periods(user: User, organisation: Organisation) -> bool:
    """Open (unapproved) follow-up periods are read by those who read the organisation's
    history and by the owners of any of its measures; approved ones are public."""
    return (
        has_permission(user, Permission.VIEW_HISTORY, organisation)
        or owned_measures(user).filter(organisation=organisation).exists()
    )


def visible_periods(user: User, organisation: Organisation) -> QuerySet[FollowUpPeriod]:
    """The organisation's follow-up periods ``user`` may read, the latest first."""
    periods = FollowUpPeriod.objects.filter(organisation=organisation)
    if not sees_open_periods(user, organisation):
        periods = periods.filter(state=PeriodState.APPROVED)
    return periods.select_related("organisation")


def visible_period(user: User, code: str, year: int, quarter: int) -> FollowUpPeriod:
    """The organisation's period (``quarter`` 0: the whole year) if ``user`` may read it; an
    open period is not found, exactly like one that does not exist, for anybody else."""
    organisation = organisation_or_404(code)
    period = visible_periods(user, organisation).filter(year=year, quarter=quarter).first()
    if period is None:
        raise Http404(f"{code} {year} {quarter}")
    return period


def editable_period(user: User, code: str, year: int, quarter: int) -> FollowUpPeriod:
    """A period to approve or delete: its organisation's editors only (403 before the lookup)."""
    ensure_permission(user, Permission.CHANGE_ORGANISATION, code)
    return visible_period(user, code, year, quarter)


def reported_measure(user: User, report_id: int) -> MeasureReport:
    """A measure's report to fill in: not found unless ``user`` may read its period; the
    service then lets the organisation's editors and the measure's owners write it."""
    report = (
        MeasureReport.objects.select_related("period__organisation").filter(pk=report_id).first()
    )
    if report is None or not (
        report.period.approved or sees_open_periods(user, report.period.organisation)
    ):
        raise Http404(str(report_id))
    return report


def visible_indicator_report(user: User, report_id: int) -> IndicatorReport:
    """An indicator's report if ``user`` may read its period (else 404)."""
    report = (
        IndicatorReport.objects.select_related("period__organisation", "indicator")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not (
        report.period.approved or sees_open_periods(user, report.period.organisation)
    ):
        raise Http404(str(report_id))
    return report


def reported_indicator(user: User, report_id: int) -> IndicatorReport:
    """An indicator's report to fill in, for the organisation's editors (else 404 or 403)."""
    report = visible_indicator_report(user, report_id)
    ensure_permission(user, Permission.CHANGE_ORGANISATION, report.period.organisation)
    return report


# Surveys -----------------------------------------------------------------------------------


def _surveys() -> QuerySet[Survey]:
    return Survey.objects.select_related("association")


def managed_surveys(user: User) -> QuerySet[Survey]:
    """The surveys of the associations ``user`` is the secretariat of."""
    granted = grants(user)
    if granted.platform:
        return _surveys()
    return _surveys().filter(association__code__in=granted.manages)


def managed_survey(
    user: User, survey_id: int, code: str | None = None, kind: str | None = None
) -> Survey:
    """The survey ``survey_id`` (of association ``code`` when the address names one; of
    ``kind`` when given) for its secretariat. Others are refused before the lookup (403); a
    survey of another association is not found, exactly like one that does not exist."""
    if code is None:
        ensure_permission(user, Permission.MANAGE_ASSOCIATION)
        surveys = managed_surveys(user)
    else:
        surveys = _surveys().filter(association=managed_association(user, code))
    if kind is not None:
        surveys = surveys.filter(kind=kind)
    survey = surveys.filter(pk=survey_id).first()
    if survey is None:
        raise Http404(str(survey_id))
    return survey


def published_figure_or_404(code: str, figure_id: int) -> PublishedFigure:
    """A figure of association ``code``'s published reports: public, like the reports."""
    return _published_figure(association_or_404(code), figure_id)


def managed_published_figure(user: User, code: str, figure_id: int) -> PublishedFigure:
    """A published figure of association ``code`` for its secretariat (403 before the lookup);
    a figure of another association is not found."""
    return _published_figure(managed_association(user, code), figure_id)


def _published_figure(association: Organisation, figure_id: int) -> PublishedFigure:
    figure = (
        PublishedFigure.objects.select_related("association")
        .filter(pk=figure_id, association=association)
        .first()
    )
    if figure is None:
        raise Http404(str(figure_id))
    return figure


def visible_survey(user: User, survey_id: int) -> Survey:
    """A survey's questions: public once it is out of draft; drafts for their secretariat."""
    survey = (
        _surveys()
        .filter(pk=survey_id)
        .filter(~Q(state=SurveyState.DRAFT) | Q(pk__in=managed_surveys(user).values("pk")))
        .first()
    )
    if survey is None:
        raise Http404(str(survey_id))
    return survey


# Members and their responses ---------------------------------------------------------------


def can_answer(user: User, survey: Survey, member: Organisation) -> bool:
    """The member's own editors (and the platform) answer for a member of the survey's
    association in the survey's year."""
    granted = grants(user)
    return (granted.platform or member.code in granted.edits) and is_member(
        survey.association, member, survey.year
    )


def can_see_response(user: User, response: Response) -> bool:
    """The secretariat of the survey's association and the member's own editors."""
    return has_permission(
        user, Permission.MANAGE_ASSOCIATION, response.survey.association
    ) or can_answer(user, response.survey, response.member)


def _login_required(user: User) -> None:
    if not user.is_authenticated and not grants(user).platform:
        raise PermissionDenied("login required")


def member_for(user: User, code: str) -> Organisation:
    """The member ``code`` whose surveys ``user`` may see: its own editors, and the secretariat
    of an association it belongs or belonged to. Others get a 404 before the lookup."""
    _login_required(user)
    granted = grants(user)
    if not (granted.platform or code in granted.edits or in_managed_association(granted, code)):
        raise Http404(code)
    return organisation_or_404(code)


def _seen_as_member(user: User, member: Organisation) -> QuerySet[Survey]:
    """Surveys ``user`` may see as they concern ``member``: out of draft for the member's editors,
    in any state for the survey's secretariat (membership is checked by the callers)."""
    granted = grants(user)
    if granted.platform:
        return _surveys()
    answering = ~Q(state=SurveyState.DRAFT) if member.code in granted.edits else Q(pk=None)
    return _surveys().filter(answering | Q(association__code__in=granted.manages))


def member_survey(
    user: User, survey_id: int, member: Organisation, kind: str | None = None
) -> Survey:
    """The survey ``survey_id`` as it concerns ``member`` (from :func:`member_for`), if the member
    belonged to the survey's association in the survey's year; anything else is a 404."""
    surveys = _seen_as_member(user, member).filter(pk=survey_id)
    if kind is not None:
        surveys = surveys.filter(kind=kind)
    survey = surveys.first()
    if survey is None or not is_member(survey.association, member, survey.year):
        raise Http404(str(survey_id))
    return survey


def member_surveys(user: User, member: Organisation) -> list[Survey]:
    """Every survey :func:`member_survey` would give for ``member``, the newest first."""
    associations = Membership.objects.filter(member=member).values("association")
    surveys = _seen_as_member(user, member).filter(association__in=associations)
    return [
        survey
        for survey in surveys.order_by("-year", "kind")
        if is_member(survey.association, member, survey.year)
    ]


def answers_as_member(user: User, survey: Survey, member: Organisation) -> bool:
    """The member's own editor, who answers; the secretariat only reads a member's response."""
    return not has_permission(
        user, Permission.MANAGE_ASSOCIATION, survey.association
    ) and can_answer(user, survey, member)


def managed_response(
    user: User, survey_id: int, member_code: str, code: str | None = None
) -> Response:
    """The member's response to a survey, for the survey's secretariat (reviewing)."""
    survey = managed_survey(user, survey_id, code)
    response = (
        Response.objects.select_related("survey", "survey__association", "member")
        .filter(survey=survey, member__code=member_code)
        .first()
    )
    if response is None:
        raise Http404(member_code)
    return response

    return response


# Follow-up workbooks -----------------------------------------------------------------------


def may_fill_in_period(user: User, period: FollowUpPeriod) -> bool:
    """Does ``user`` fill in any report of ``period``: the organisation's editors (every row)
    and the owners of its measures (their own rows; the service refuses the others)?"""
    organisation = period.organisation
    return has_permission(user, Permission.CHANGE_ORGANISATION, organisation) or (
        owned_measures(user).filter(organisation=organisation).exists()
    )


def period_to_fill_in(user: User, code: str, year: int, quarter: int) -> FollowUpPeriod:
    """A period to upload a filled-in workbook for: not found for those who may not read it
    (like :func:`visible_period`), refused (403) for readers who fill in none of its rows."""
    period = visible_period(user, code, year, quarter)
    if not may_fill_in_period(user, period):
        raise PermissionDenied(Permission.CHANGE_ORGANISATION.value)
    return period


# Climate contracts ------------------------------------------------------------------------


def _readable(user: User, organisation: Organisation) -> Q:
    """The organisation's contracts ``user`` may read: all for those who edit them, else the
    signed and superseded ones and the drafts of which ``user`` edits a party."""
    if may_edit_contract(user, organisation):
        return Q()
    readable = Q(status__in=PUBLIC_STATUSES)
    edits = grants(user).edits
    if edits:
        parties = ContractParty.objects.filter(party__code__in=edits).values("contract_id")
        readable |= Q(pk__in=parties)
    return readable


def visible_contracts(user: User, organisation: Organisation) -> QuerySet[Contract]:
    """The organisation's contracts ``user`` may read (see :func:`_readable`)."""
    contracts = Contract.objects.filter(organisation=organisation).select_related("organisation")
    return contracts.filter(_readable(user, organisation))


def readable_contracts(user: User) -> QuerySet[Contract]:
    """Every organisation's contracts ``user`` may read: the signed and superseded ones, and the
    drafts of the organisations whose contracts ``user`` edits."""
    contracts = Contract.objects.select_related("organisation")
    draft_codes = set(
        contracts.exclude(status__in=PUBLIC_STATUSES).values_list("organisation__code", flat=True)
    )
    editable = [code for code in draft_codes if may_edit_contract(user, code)]
    return contracts.filter(Q(status__in=PUBLIC_STATUSES) | Q(organisation__code__in=editable))


def visible_contract(user: User, code: str, year: int) -> Contract:
    """The contract of ``code`` and ``year`` if ``user`` may read it; a hidden draft is as
    missing (404)."""
    organisation = organisation_or_404(code)
    found = visible_contracts(user, organisation).filter(year=year).first()
    if found is None:
        raise Http404(f"{code} {year}")
    return found


def editable_contract(user: User, code: str, year: int) -> Contract:
    """The contract of ``code`` and ``year`` to change: refused (403) before the lookup unless
    ``user`` edits the organisation's contracts, then a 404 when it is missing."""
    contract_organisation(user, code)
    return visible_contract(user, code, year)


def contract_organisation(user: User, code: str) -> Organisation:
    """The organisation ``code`` whose contracts ``user`` edits (403 before the lookup)."""
    if not may_edit_contract(user, code):
        raise PermissionDenied("contract")
    return organisation_or_404(code)


def pending_contract_import(user: User, review_id: int, code: str | None = None) -> PendingImport:
    """A contract's file read for review, to store: its uploader's, or any other one's who may
    import the organisation's contracts (:func:`may_edit_contract`); as missing (404) to
    everybody else, and when it is not of the organisation ``code`` (when given). Whether it
    was used or has expired is the caller's to say."""
    found = PendingImport.objects.select_related("organisation").filter(pk=review_id).first()
    if (
        found is None
        or (code is not None and found.organisation.code != code)
        or not may_edit_contract(user, found.organisation)
    ):
        raise Http404(str(review_id))
    return found


def visible_contract_by_id(user: User, contract_id: int) -> Contract:
    found = Contract.objects.select_related("organisation").filter(pk=contract_id).first()
    if found is None or not (
        found.is_public
        or Contract.objects.filter(_readable(user, found.organisation), pk=found.pk).exists()
    ):
        raise Http404(str(contract_id))
    return found


def commitments_contract(user: User, code: str, year: int) -> Contract:
    """The contract whose commitments ``user`` reports on: its editors', and an agency's
    editors' when the agency is a party (refused, 403, before the lookup for anybody else)."""
    if not (may_edit_contract(user, code) or edits_agency(user)):
        raise PermissionDenied("contract")
    contract = visible_contract(user, code, year)
    if not (
        may_edit_contract(user, contract.organisation)
        or contract.parties.filter(
            party__code__in=grants(user).edits, party__kind=OrganisationKind.AGENCY
        ).exists()
    ):
        raise PermissionDenied("contract")
    return contract


def _settable(user: User, commitment: Commitment) -> Commitment:
    if not may_set_commitment_status(
        user, commitment.contract.organisation, commitment.party.party
    ):
        raise PermissionDenied("contract")
    return commitment


def contract_commitment(user: User, code: str, year: int, commitment_id: int) -> Commitment:
    """A commitment of the contract of ``code`` and ``year`` whose status ``user`` sets (see
    :func:`commitments_contract`; a 403 for another party's commitment)."""
    contract = commitments_contract(user, code, year)
    found = (
        contract.commitments.select_related("contract__organisation", "party__party")
        .filter(pk=commitment_id)
        .first()
    )
    if found is None:
        raise Http404(str(commitment_id))
    return _settable(user, found)


def editable_commitment(user: User, commitment_id: int) -> Commitment:
    """A commitment to report on: a 404 when its contract is hidden or it is missing, a 403
    when its (public) contract is not the user's to edit and the commitment not its agency's."""
    found = (
        Commitment.objects.select_related("contract__organisation", "party__party", "section")
        .filter(pk=commitment_id)
        .first()
    )
    if found is None:
        raise Http404(str(commitment_id))
    visible_contract_by_id(user, found.contract_id)
    return _settable(user, found)


def changeable_contract(user: User, contract_id: int) -> Contract:
    """A contract to change by its id: a 404 when it is missing or a draft hidden from
    ``user``, a 403 when ``user`` reads it but does not edit the organisation's contracts."""
    contract = visible_contract_by_id(user, contract_id)
    if not may_edit_contract(user, contract.organisation):
        raise PermissionDenied("contract")
    return contract


def changeable_section(user: User, section_id: int) -> Section:
    """A section to change by its id (see :func:`changeable_contract`); a 403 also when the
    section is written by a party whose parts ``user`` does not edit."""
    found = Section.objects.select_related("contract").filter(pk=section_id).first()
    if found is None:
        raise Http404(str(section_id))
    contract = changeable_contract(user, found.contract_id)
    if not may_edit_section(user, contract.organisation, found.writer):
        raise PermissionDenied("section")
    found.contract = contract
    return found


def linkable_section(user: User, section_id: int) -> Section:
    """A section whose links ``user`` changes: its contract's editors, whoever writes the
    section, as on the pages (see :func:`changeable_contract`)."""
    section = Section.objects.filter(pk=section_id).first()
    if section is None:
        raise Http404(str(section_id))
    section.contract = changeable_contract(user, section.contract_id)
    return section


def changeable_link(user: User, section_id: int, link_id: int) -> SectionLink:
    """A link of a section whose links ``user`` changes (see :func:`linkable_section`)."""
    section = linkable_section(user, section_id)
    found = SectionLink.objects.filter(pk=link_id, section=section).first()
    if found is None:
        raise Http404(str(link_id))
    found.section = section
    return found


def removable_commitment(user: User, commitment_id: int) -> Commitment:
    """A commitment to remove: its contract's editors (see :func:`changeable_contract`)."""
    found = Commitment.objects.filter(pk=commitment_id).first()
    if found is None:
        raise Http404(str(commitment_id))
    found.contract = changeable_contract(user, found.contract_id)
    return found
