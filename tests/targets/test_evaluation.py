"""The evaluation service: targets from the database judged with the stored emissions."""

import pytest
from django.utils import translation

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import TARGET
from klimatlaget.calc import MetricParameters
from klimatlaget.calc.targets import Note, Verdict
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.evaluation import evaluate_all, evaluate_organisation, target_parameters
from klimatlaget.targets.models import Target
from klimatlaget.targets.notes import note_text

PARAMS = target_parameters(MetricParameters(current_year=2026))


def add_target(code: str, **fields) -> Target:
    organisation = Organisation.objects.get(code=code)
    fields.setdefault("scopes", ["1", "2"])
    fields.setdefault("includes_non_energy", True)
    target = Target.objects.create(organisation=organisation, **fields)
    record(
        actor=command_line(),
        subject=TARGET,
        action="klimatlaget.target.created",
        organisation=organisation,
    )
    return target


@pytest.mark.django_db
def test_targets_are_normalised_with_the_stored_emissions(example_data):
    add_target("9102", form="near_zero", target_year=2030)
    evaluated = evaluate_organisation("9102", PARAMS)
    assert evaluated is not None
    (only,) = evaluated.targets
    pathway = only.normalised.pathway
    assert pathway is not None
    series = evaluated.series
    assert series is not None
    # Near zero is −90 % versus 1990: the 2030 level is a tenth of the organisation's 1990 value.
    assert pathway.milestones[2030] == pytest.approx(series.total[1990] * 0.1)
    assert pathway.pathway[max(series.total)] == pytest.approx(series.total[max(series.total)])
    assert only.alignment.verdict in set(Verdict)
    assert evaluated.alignment is not None


@pytest.mark.django_db
def test_a_new_target_is_seen_at_once(example_data):
    add_target("9102", form="net_zero", target_year=2045)
    assert set(evaluate_all(PARAMS)) == {"9102"}
    add_target("9201", form="qualitative", status="adopted")
    evaluated = evaluate_all(PARAMS)
    assert set(evaluated) == {"9102", "9201"}
    tallnas = evaluated["9201"]
    assert tallnas.alignment is not None
    assert tallnas.alignment.verdict == Verdict.NOT_IN_LINE
    assert [note.code for note in tallnas.alignment.reasons] == ["no_limit"]


@pytest.mark.django_db
def test_proposed_targets_do_not_count_for_the_organisation_verdict(example_data):
    add_target("9102", form="near_zero", target_year=2030, status="proposed")
    evaluated = evaluate_organisation("9102", PARAMS)
    assert evaluated is not None and evaluated.alignment is not None
    assert [n.code for n in evaluated.alignment.reasons] == ["no_territorial_target"]
    assert evaluated.targets[0].normalised.pathway is not None


def test_notes_are_translated_with_local_number_formats():
    note = Note.of("over_budget", excess_pct=12.5, end_year=2050)
    with translation.override("en"):
        assert (
            note_text(note) == "Its emissions until 2050 exceed the fair 1.5 °C budget by 12.5 %."
        )
    with translation.override("sv"):
        text = note_text(note)
    assert "2050" in text and "12,5" in text


def test_geographies_read_as_words_inside_notes():
    note = Note.of("no_geography_data", geography="city")
    with translation.override("en"):
        assert note_text(note).startswith("There are no emissions data for the city or urban area;")


def test_a_carbon_law_rate_at_or_below_the_partly_rate_closes_the_partly_band():
    slow = target_parameters(MetricParameters(current_year=2026, carbon_law_rate=0.05))
    assert slow.partly_rate == 0.05
    assert target_parameters(MetricParameters(current_year=2026)).partly_rate == 0.07
