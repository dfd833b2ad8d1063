"""The budget of an organisation and year against its outcome (SMHI's figure or the nowcast)."""

import math

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.budgets.imports import import_national_emissions
from klimatlaget.budgets.national import SUM_OF_MUNICIPALITIES
from klimatlaget.budgets.outcome import NOT_ON_PATHWAY
from klimatlaget.budgets.report import budget_report
from klimatlaget.budgets.services import update_settings
from klimatlaget.calc import nowcast as method
from klimatlaget.calc.emission_budget import half_up
from klimatlaget.calc.quarters import HEATING_SEASON
from klimatlaget.concurrency import StaleVersion
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.emissions.metrics import all_metrics
from klimatlaget.measures.services import create_measure
from klimatlaget.organisations.models import Organisation

from .conftest import PARAMS

TRANSPORT = "Transporter"
HEATING = "Egen uppvärmning av bostäder och lokaler"


@pytest.fixture
def strandhamn(example_data):
    return Organisation.objects.get(code="9102")


def line(lines, sector, quarter=None):
    return next(x for x in lines if x.sector == sector and x.quarter == quarter)


def test_budget_on_the_carbon_law_pathway_adds_up_by_sector_and_quarter(strandhamn):
    report = budget_report(strandhamn, 2026, PARAMS)
    allowed = half_up(all_metrics(PARAMS)["9102"].carbon_law[2026])
    total = line(report.years, "total")
    assert total.budget_t == allowed
    sectors = [x for x in report.years if x.sector != "total"]
    assert sum(x.budget_t for x in sectors) == allowed
    assert (
        sum(x.budget_t for x in report.quarters if x.sector == TRANSPORT)
        == line(report.years, TRANSPORT).budget_t
    )
    assert [line(report.quarters, "total", q).budget_t for q in (1, 2, 3, 4)] == list(
        report.outcome.budget.quarters_t
    )


def test_without_national_figures_the_sum_over_municipalities_is_used_and_said(strandhamn):
    report = budget_report(strandhamn, 2026, PARAMS)
    assert report.outcome.national_source == SUM_OF_MUNICIPALITIES
    transport = line(report.years, TRANSPORT)
    last = load_dataset()["9102"].sectors[TRANSPORT][2023]
    # The sum over municipalities ends in 2023 too: carried forward unchanged.
    assert transport.outcome_kind == "nowcast"
    assert transport.outcome_t == pytest.approx(last)
    sector = next(s for s in report.outcome.sectors if s.sector == TRANSPORT)
    assert sector.nowcast.method == (method.NO_NATIONAL,)
    assert transport.nowcast_low_t < transport.outcome_t < transport.nowcast_high_t


def test_imported_national_figures_carry_the_sectors_forward(strandhamn, national_file):
    import_national_emissions(national_file, actor=command_line())
    report = budget_report(strandhamn, 2026, PARAMS)
    assert report.outcome.national_source == "imported"
    sector = next(s for s in report.outcome.sectors if s.sector == TRANSPORT)
    assert sector.nowcast.national_factor == pytest.approx(0.9)  # 9.0 Mt in 2025 / 10 Mt
    last = load_dataset()["9102"].sectors[TRANSPORT][2023]
    assert sector.nowcast.nowcast_t == pytest.approx(last * 0.9 + sector.nowcast.own_trend_t)
    heating = next(s for s in report.outcome.sectors if s.sector == HEATING)
    assert heating.nowcast.national_factor == pytest.approx(0.9)  # 0.72 / 0.8


def test_a_year_with_all_four_national_quarters_is_split_like_them(strandhamn, national_file):
    import_national_emissions(national_file, actor=command_line())
    report = budget_report(strandhamn, 2025, PARAMS)
    assert report.outcome.problem == NOT_ON_PATHWAY
    transport = [line(report.quarters, TRANSPORT, q).outcome_t for q in (1, 2, 3, 4)]
    year = line(report.years, TRANSPORT).outcome_t
    assert transport == pytest.approx([year * 2 / 9, year * 2.5 / 9, year * 2.5 / 9, year * 2 / 9])


def test_where_smhi_has_the_year_the_actual_figure_is_the_outcome_beside_the_nowcast(
    strandhamn,
):
    report = budget_report(strandhamn, 2023, PARAMS)
    transport = line(report.years, TRANSPORT)
    actual = load_dataset()["9102"].sectors[TRANSPORT][2023]
    assert (transport.outcome_kind, transport.outcome_t) == ("actual", actual)
    assert transport.nowcast_t is not None  # made from 2022 and earlier
    expected = (transport.nowcast_t - actual) / actual * 100
    assert transport.nowcast_error_pct == pytest.approx(expected)
    row = next(r for r in report.export_rows() if r["sector"] == TRANSPORT)
    assert (row["outcome_kind"], row["nowcast_low_t"]) == ("actual", None)


def test_settings_choose_the_own_target_explicit_budgets_and_the_heating_profile(strandhamn):
    from klimatlaget.demo.association import EXAMPLE_TARGETS
    from klimatlaget.targets.evaluation import evaluate_organisation, target_parameters
    from klimatlaget.targets.imports import import_targets

    import_targets(EXAMPLE_TARGETS, actor=command_line())
    evaluated = evaluate_organisation("9102", target_parameters(PARAMS))
    target = next(e for e in evaluated.targets if e.normalised.pathway is not None)
    values = {
        "pathway": "own_target",
        "target": target.target.pk,
        "quarter_profile": "heating",
        "sector_budgets": {"transport": 1000},
    }
    update_settings(command_line(), strandhamn, 2026, values)
    report = budget_report(strandhamn, 2026, PARAMS)
    assert line(report.years, "total").budget_t == half_up(target.normalised.pathway.pathway[2026])
    assert line(report.years, TRANSPORT).budget_t == 1000
    heating = report.outcome.budget.sector(HEATING)
    assert heating.profile == HEATING_SEASON.name
    assert report.outcome.budget.sector(TRANSPORT).profile == "equal"


def test_only_the_organisations_editors_change_settings_versioned_and_logged(strandhamn, users):
    with pytest.raises(PermissionDenied):
        update_settings(users["bob"], strandhamn, 2026, {"pathway": "own_target"})
    saved = update_settings(users["alice"], strandhamn, 2026, {"pathway": "own_target"})
    assert saved.version == 1
    entry = AuditEntry.objects.get(action="klimatlaget.budget_settings.changed")
    assert (entry.subject, entry.actor_label) == ("budget_settings", "alice")
    assert entry.changes == {"pathway": ["carbon_law", "own_target"]}
    assert (entry.message, entry.params) == ("budget_settings_changed", {"year": 2026})
    with translation.override("sv"):
        assert entry.text == "Budgetinställningarna för 2026 ändrades"
    with pytest.raises(StaleVersion):
        update_settings(users["alice"], strandhamn, 2026, {"pathway": "carbon_law", "version": 0})
    with pytest.raises(ValidationError):
        update_settings(users["alice"], strandhamn, 2026, {"sector_budgets": {"Flyg": 1}})
    with pytest.raises(ValidationError):
        update_settings(users["alice"], strandhamn, 2026, {"sector_budgets": {"transport": -1}})


def test_expected_reductions_come_through_the_hook_into_the_gap(strandhamn):
    def reductions(organisation, year):
        assert (organisation, year) == (strandhamn, 2026)
        return {TRANSPORT: (400.0, 100.0)}

    report = budget_report(strandhamn, 2026, PARAMS, reductions)
    transport = line(report.years, TRANSPORT)
    assert transport.gap_t == pytest.approx(transport.outcome_t - 400 - transport.budget_t)
    quarters = [line(report.quarters, TRANSPORT, q).decided_t for q in (1, 2, 3, 4)]
    assert math.fsum(quarters) == pytest.approx(400)
    assert line(report.years, "total").proposed_t == 100


def test_the_budget_counts_the_organisations_measures(strandhamn):
    assert line(budget_report(strandhamn, 2026, PARAMS).years, TRANSPORT).decided_t == 0
    fleet = {"code": "T1", "title": "Fossilfri fordonsflotta", "sector": TRANSPORT}
    effect = {"expected_reduction_t": 120.0, "effect_year": 2026, "type": "procurement"}
    create_measure(command_line(), strandhamn, fleet | effect | {"status": "decided"})
    create_measure(
        command_line(), strandhamn, fleet | effect | {"code": "T2", "status": "proposed"}
    )
    report = budget_report(strandhamn, 2026, PARAMS)
    transport = line(report.years, TRANSPORT)
    assert (transport.decided_t, transport.proposed_t) == (120, 120)
    assert transport.gap_t == pytest.approx(transport.outcome_t - 120 - transport.budget_t)


def test_an_organisation_without_sectors_has_no_budget(example_data):
    association = Organisation.objects.create(code="assoc", name="Förening", kind="association")
    report = budget_report(association, 2026, PARAMS)
    assert report.outcome is None and report.export_rows() == []


def test_a_sector_with_only_an_explicit_budget_has_a_line_of_its_own(strandhamn):
    update_settings(
        command_line(), strandhamn, 2026, {"sector_budgets": {"Utrikes transporter": 7}}
    )
    report = budget_report(strandhamn, 2026, PARAMS)
    abroad = line(report.years, "Utrikes transporter")
    assert (abroad.budget_t, abroad.outcome_t) == (7, None)
    sectors = [x.budget_t for x in report.years if x.sector != "total"]
    total = line(report.years, "total")
    assert sum(sectors) == total.budget_t
    outcomes = [x.outcome_t for x in report.years if x.sector not in {"total", abroad.sector}]
    assert total.outcome_t == pytest.approx(sum(outcomes))
