"""Comparing two versions of a climate contract: matching by subject, then by title, never by
number; the word diff of a changed text and its HTML; Kalmar's 2024 contract against itself and
against changed copies."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest

from klimatlaget.calc.contract_diff import (
    TITLE_THRESHOLD,
    ContractDiff,
    MatchedBy,
    Status,
    as_html,
    diff_contracts,
    word_diff,
)
from klimatlaget.calc.contract_text import ParsedSection, parse_contract
from klimatlaget.contracts.template import load_template

SEEDS = Path(
    os.environ.get(
        "KLIMATLAGET_SHARED_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds"
    )
)
KALMAR = SEEDS / "klimatkontrakt-2030-kalmar-2024.txt"

S = ParsedSection


def summary(diff: ContractDiff[Any]) -> list[tuple[str, str, str | None, str | None]]:
    """(status, number, old number, new number) of each change, in the diff's order."""
    return [
        (
            change.status.value,
            change.number,
            change.old.number if change.old else None,
            change.new.number if change.new else None,
        )
        for change in diff.changes
    ]


OLD = [
    S("3", "Kommunens åtaganden", "", "municipality"),
    S("3.5", "Klimatinvesteringsplan", "Planen antas 2025.", "municipality.investment_plan"),
    S("3.6", "Digitalt stöd", "Vi använder ClimateView.", "municipality.digital_support"),
    S("3.7", "Klimatanpassning", "Plan för skyfall.", "municipality.adaptation"),
]


def test_a_section_renumbered_under_the_same_subject_is_matched_and_unchanged() -> None:
    new = [
        OLD[0],
        replace(OLD[2], number="3.5"),
        replace(OLD[3], number="3.6"),
        replace(OLD[1], number="3.8"),
    ]
    diff = diff_contracts(OLD, new)
    assert summary(diff) == [
        ("unchanged", "3", "3", "3"),
        ("unchanged", "3.5", "3.6", "3.5"),
        ("unchanged", "3.6", "3.7", "3.6"),
        ("unchanged", "3.8", "3.5", "3.8"),
    ]
    moved = diff.changes[3]
    assert moved.renumbered and moved.matched_by is MatchedBy.SUBJECT
    assert not moved.title_changed and not moved.text_changed and moved.text_runs == ()
    assert not diff.changes[0].renumbered
    assert diff.identical


def test_a_changed_title_is_a_change_with_its_word_diff() -> None:
    new = [*OLD[:3], replace(OLD[3], title="Klimatanpassning och beredskap")]
    change = diff_contracts(OLD, new).changes[3]
    assert change.status is Status.CHANGED
    assert change.title_changed and not change.text_changed and not change.renumbered
    assert change.title_runs == (("equal", "Klimatanpassning"), ("insert", " och beredskap"))


def test_a_changed_text_gives_exact_word_runs() -> None:
    old = [S("3.1", "Kommunens klimatmål", "Utsläppen ska minska med 50 % till 2030.", "t")]
    new = [S("3.1", "Kommunens klimatmål", "Utsläppen ska minska med 70 % till 2030, netto.", "t")]
    change = diff_contracts(old, new).changes[0]
    assert change.status is Status.CHANGED and change.text_changed and not change.title_changed
    assert change.text_runs == (
        ("equal", "Utsläppen ska minska med"),
        ("delete", " 50"),
        ("insert", " 70"),
        ("equal", " % till 2030"),
        ("insert", ", netto"),
        ("equal", "."),
    )


def test_an_added_section_is_added_in_the_new_order() -> None:
    added = S("3.6", "Innovationsnav", "Kalmar deltar.", "municipality.innovation_hub")
    new = [OLD[0], OLD[1], added, replace(OLD[2], number="3.7"), replace(OLD[3], number="3.8")]
    diff = diff_contracts(OLD, new)
    assert summary(diff) == [
        ("unchanged", "3", "3", "3"),
        ("unchanged", "3.5", "3.5", "3.5"),
        ("added", "3.6", None, "3.6"),
        ("unchanged", "3.7", "3.6", "3.7"),
        ("unchanged", "3.8", "3.7", "3.8"),
    ]
    assert diff.count(Status.ADDED) == 1 and not diff.identical
    assert diff.changes[2].old is None and diff.changes[2].matched_by is None


def test_a_removed_section_follows_its_old_predecessor() -> None:
    new = [OLD[0], OLD[1], replace(OLD[3], number="3.6")]
    diff = diff_contracts(OLD, new)
    assert summary(diff) == [
        ("unchanged", "3", "3", "3"),
        ("unchanged", "3.5", "3.5", "3.5"),
        ("removed", "3.6", "3.6", None),
        ("unchanged", "3.6", "3.7", "3.6"),
    ]
    assert diff.count(Status.REMOVED) == 1


def test_removed_sections_before_any_matched_one_come_first_in_old_order() -> None:
    diff = diff_contracts(OLD, [OLD[3]])
    assert summary(diff) == [
        ("removed", "3", "3", None),
        ("removed", "3.5", "3.5", None),
        ("removed", "3.6", "3.6", None),
        ("unchanged", "3.7", "3.7", "3.7"),
    ]


def test_sections_sharing_a_subject_are_paired_by_similarity_not_position() -> None:
    old = [
        S("4", "Mobilitet", "Fler cyklar i centrum och nya cykelbanor.", "municipality.mobility"),
        S("5", "Mobilitet", "Elbussar i hela kommunen från 2026.", "municipality.mobility"),
    ]
    new = [
        S("4", "Mobilitet", "Elbussar i hela kommunen från 2027.", "municipality.mobility"),
        S("5", "Mobilitet", "Fler cyklar i centrum och nya cykelbanor.", "municipality.mobility"),
    ]
    diff = diff_contracts(old, new)
    assert summary(diff) == [("changed", "4", "5", "4"), ("unchanged", "5", "4", "5")]
    assert diff.changes[0].text_runs == (
        ("equal", "Elbussar i hela kommunen från"),
        ("delete", " 2026"),
        ("insert", " 2027"),
        ("equal", "."),
    )


def test_a_subject_with_more_sections_in_one_version_leaves_the_least_similar_one() -> None:
    old = [
        S("4", "Mobilitet", "Fler cyklar i centrum.", "municipality.mobility"),
        S("5", "Mobilitet", "Elbussar från 2026.", "municipality.mobility"),
    ]
    new = [S("4", "Mobilitet", "Elbussar från 2026.", "municipality.mobility")]
    diff = diff_contracts(old, new)
    # The cycles section is left: "Mobilitet" is then matched by title to nothing left in new.
    assert summary(diff) == [("removed", "4", "4", None), ("unchanged", "4", "5", "4")]


@dataclass
class Stored:
    """A section as a stored model has it: mutable, its subject "" when it has none."""

    number: str
    title: str
    text: str
    subject: str | None = ""


def test_sections_without_a_common_subject_are_matched_by_normalised_title() -> None:
    old = [
        Stored("2", "Parter", "Kalmar kommun."),
        Stored("8", "Övrigt:  uppföljning", "Årligen."),
        Stored("9", "Kontraktets giltighetstid", "Till 2030."),
    ]
    new = [
        Stored("2", "Parter", "Kalmar kommun."),
        Stored("9", "övrigt – Uppföljningen", "Årligen."),
        Stored("10", "Bilagor", "Bilaga 1."),
    ]
    diff = diff_contracts(old, new)
    assert summary(diff) == [
        ("unchanged", "2", "2", "2"),
        ("changed", "9", "8", "9"),
        ("removed", "9", "9", None),
        ("added", "10", None, "10"),
    ]
    assert diff.changes[1].matched_by is MatchedBy.TITLE
    assert diff.changes[1].title_changed and not diff.changes[1].text_changed
    assert diff.changes[1].renumbered


def test_titles_less_similar_than_the_threshold_are_not_matched() -> None:
    """Of "hållbara inköp" and "hållbar mobilitet" 9 of 31 letters match: 2 × 9 / 31 = 0.58 <
    0.8; of "klimatinvesteringsplan" and "…planer" 22 of 46: 2 × 22 / 46 = 0.96."""
    assert SequenceMatcher(None, "hållbara inköp", "hållbar mobilitet").ratio() < TITLE_THRESHOLD
    old = [S("3.7", "Hållbara inköp", "Text."), S("3.8", "Klimatinvesteringsplan", "Text.")]
    new = [S("3.7", "Hållbar mobilitet", "Text."), S("3.8", "Klimatinvesteringsplaner", "Text.")]
    diff = diff_contracts(old, new)
    assert summary(diff) == [
        ("removed", "3.7", "3.7", None),
        ("added", "3.7", None, "3.7"),
        ("changed", "3.8", "3.8", "3.8"),
    ]


def test_sections_are_never_matched_by_number() -> None:
    old = [S("3.2", "Strategi", "Text.", "municipality.strategy")]
    new = [S("3.2", "Klimatanpassning", "Text.", "municipality.adaptation")]
    diff = diff_contracts(old, new)
    assert [change.status for change in diff.changes] == [Status.REMOVED, Status.ADDED]


def test_line_endings_and_trailing_spaces_are_no_change() -> None:
    old = [S("1", "Syftet  med kontraktet", "Rad ett.\n\nRad två.", "purpose")]
    new = [S("1", "Syftet med kontraktet ", "Rad ett.  \r\n\r\nRad två.\r\n", "purpose")]
    assert diff_contracts(old, new).identical


def test_html_escapes_the_text_and_keeps_paragraphs() -> None:
    runs = word_diff(
        "Kommunen ska rapportera.\n\nÅrligen.",
        "Kommunen ska <script>alert(1)</script> rapportera.\n\nÅrligen & ofta.",
    )
    html = as_html(runs)
    assert "<script>" not in html
    assert html == (
        "<p>Kommunen ska<ins> &lt;script&gt;alert(1)&lt;/script&gt;</ins> rapportera.</p>"
        "<p>Årligen<ins> &amp; ofta</ins>.</p>"
    )
    assert as_html(word_diff("a <b>", "a")) == "<p>a<del> &lt;b&gt;</del></p>"


def test_html_shows_a_paragraph_break_only_in_deleted_text_as_a_pilcrow() -> None:
    html = as_html(word_diff("Ett.\n\nTvå.\nTre.", "Ett. Två.\nTre."))
    assert html == "<p>Ett.<del> ¶ Två</del><ins> Två</ins>.<br>Tre.</p>"


@pytest.fixture(scope="module")
def kalmar() -> list[ParsedSection]:
    return parse_contract(KALMAR.read_text(encoding="utf-8"), load_template()).sections


def test_kalmar_against_itself_is_unchanged(kalmar: list[ParsedSection]) -> None:
    diff = diff_contracts(kalmar, kalmar)
    assert len(diff.changes) == len(kalmar) == 55
    assert diff.identical and diff.count(Status.UNCHANGED) == 55
    assert [change.new for change in diff.changes] == kalmar
    assert not any(change.renumbered for change in diff.changes)


def test_kalmar_without_subjects_is_matched_by_title(kalmar: list[ParsedSection]) -> None:
    """Stored sections without subjects: every title pairs with its own, the two "Smart
    policyutveckling" (§4.2 and §5.1, equally similar to both) in document order."""
    stored = [Stored(s.number, s.title, s.text) for s in kalmar]
    diff = diff_contracts(stored, [Stored(s.number, s.title, s.text) for s in kalmar])
    assert diff.identical and len(diff.changes) == 55
    assert all(change.matched_by is MatchedBy.TITLE for change in diff.changes)
    assert not any(change.renumbered for change in diff.changes)


def test_kalmar_with_a_section_removed_and_the_rest_renumbered(
    kalmar: list[ParsedSection],
) -> None:
    """§3.2.3 (Hållbart byggande) taken out, §3.2.4–3.2.8 renumbered 3.2.3–3.2.7, and the
    top-level sections 4–7 renumbered 5–8 (with their sub-sections)."""
    new = []
    for section in kalmar:
        parts = section.number.split(".")
        if section.number == "3.2.3":
            continue
        if parts[:2] == ["3", "2"] and len(parts) == 3 and int(parts[2]) > 3:
            parts[2] = str(int(parts[2]) - 1)
        elif parts[0] in {"4", "5", "6", "7"}:
            parts[0] = str(int(parts[0]) + 1)
        new.append(replace(section, number=".".join(parts)))
    diff = diff_contracts(kalmar, new)
    assert diff.count(Status.UNCHANGED) == 54 and diff.count(Status.REMOVED) == 1
    assert diff.count(Status.CHANGED) == diff.count(Status.ADDED) == 0
    olds = [(change.status, change.old) for change in diff.changes]
    removed = next(n for n, (status, _old) in enumerate(olds) if status is Status.REMOVED)
    assert olds[removed][1] == kalmar[7]  # §3.2.3 Hållbart byggande
    assert olds[removed - 1][1] == kalmar[6]  # after §3.2.2, before the new §3.2.3
    assert diff.changes[removed + 1].old == kalmar[8]
    renumbered = [
        (change.old.number, change.number)
        for change in diff.changes
        if change.renumbered and change.old is not None
    ]
    assert renumbered[:5] == [("3.2.4", "3.2.3"), ("3.2.5", "3.2.4"), ("3.2.6", "3.2.5"),
                              ("3.2.7", "3.2.6"), ("3.2.8", "3.2.7")]  # fmt: skip
    assert ("7.4.5", "8.4.5") in renumbered and ("4", "5") in renumbered
    assert all(change.matched_by is MatchedBy.SUBJECT for change in diff.changes[:removed])


def edited(text: str) -> str:
    """Every eighth word replaced and the last sentence's end rewritten."""
    words = text.split(" ")
    for n in range(0, len(words), 8):
        words[n] = "ändrat"
    return " ".join([*words[:-3], "och", "en", "ny", "mening."])


def test_kalmar_with_every_third_text_edited(
    kalmar: list[ParsedSection], capsys: pytest.CaptureFixture[str]
) -> None:
    new = [
        replace(section, text=edited(section.text)) if n % 3 == 0 and section.text else section
        for n, section in enumerate(kalmar)
    ]
    start = time.perf_counter()
    diff = diff_contracts(kalmar, new)
    elapsed = (time.perf_counter() - start) * 1000
    pairs = zip(kalmar, new, strict=True)
    edited_numbers = {section.number for section, copy in pairs if section != copy}
    assert {c.number for c in diff.changes if c.status is Status.CHANGED} == edited_numbers
    for change in diff.changes:
        assert change.old is not None and change.new is not None
        old_text = "".join(text for op, text in change.text_runs if op != "insert")
        new_text = "".join(text for op, text in change.text_runs if op != "delete")
        if change.text_changed:
            assert (old_text, new_text) == (change.old.text, change.new.text)
    with capsys.disabled():
        print(
            f"\nKalmar 2024, {len(edited_numbers)} of {len(kalmar)} texts edited: {elapsed:.0f} ms"
        )


def test_the_worked_example_of_the_method() -> None:
    """docs/METHOD.md, "Comparing contract versions"."""
    old = [
        S("3.4", "Samverkan", "Med näringslivet.", "municipality.collaboration"),
        S("3.5", "Klimatinvesteringsplan", "Planen antas 2025.", "municipality.investment_plan"),
        S("3.6", "Digitalt stöd", "Vi använder ClimateView.", "municipality.digital_support"),
        S("3.7", "Klimatanpassning", "Plan för skyfall.", "municipality.adaptation"),
        S("3.8", "Uppföljning", "Årligen.", None),
    ]
    new = [
        S("3.4", "Samverkan", "Med näringslivet.", "municipality.collaboration"),
        S("3.5", "Digitalt stöd", "Vi använder ClimateView.", "municipality.digital_support"),
        S(
            "3.6",
            "Klimatanpassning och beredskap",
            "Plan för skyfall och värmeböljor.",
            "municipality.adaptation",
        ),
        S("3.7", "Innovationsnav", "Kalmar deltar.", "municipality.innovation_hub"),
        S("3.8", "Uppföljningen", "Årligen.", None),
    ]
    diff = diff_contracts(old, new)
    assert summary(diff) == [
        ("unchanged", "3.4", "3.4", "3.4"),
        ("removed", "3.5", "3.5", None),
        ("unchanged", "3.5", "3.6", "3.5"),
        ("changed", "3.6", "3.7", "3.6"),
        ("added", "3.7", None, "3.7"),
        ("changed", "3.8", "3.8", "3.8"),
    ]
    assert [change.matched_by for change in diff.changes] == [
        MatchedBy.SUBJECT, None, MatchedBy.SUBJECT, MatchedBy.SUBJECT, None, MatchedBy.TITLE
    ]  # fmt: skip
    assert diff.changes[1].subject == "municipality.investment_plan"
    assert diff.changes[2].renumbered and diff.changes[3].renumbered
    assert not diff.changes[0].renumbered and not diff.changes[5].renumbered
    adaptation = diff.changes[3]
    assert adaptation.title_runs == (("equal", "Klimatanpassning"), ("insert", " och beredskap"))
    assert adaptation.text_runs == (
        ("equal", "Plan för skyfall"),
        ("insert", " och värmeböljor"),
        ("equal", "."),
    )
    assert as_html(adaptation.text_runs) == "<p>Plan för skyfall<ins> och värmeböljor</ins>.</p>"
    assert SequenceMatcher(None, "uppföljning", "uppföljningen").ratio() == pytest.approx(22 / 24)
    assert diff.changes[5].title_runs == (("delete", "Uppföljning"), ("insert", "Uppföljningen"))
    assert not diff.changes[5].text_changed and diff.changes[5].subject is None
