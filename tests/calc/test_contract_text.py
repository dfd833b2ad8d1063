"""Reading a climate contract's text into numbered sections placed under subjects.

Kalmar's 2024 contract (the seed, as text taken from its PDF) must come out with every section
and sub-section, and synthetic texts show each kind of damage a PDF leaves on its own.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from klimatlaget.calc.contract_subjects import keyword_score, match_subject, words
from klimatlaget.calc.contract_text import ParsedContract, parse_contract
from klimatlaget.contracts.template import load_template

SEEDS = Path(
    os.environ.get(
        "KLIMATLAGET_SHARED_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds"
    )
)
KALMAR = SEEDS / "klimatkontrakt-2030-kalmar-2024.txt"
TEMPLATE = load_template()

#: Every section of Kalmar's 2024 contract: number, title as printed, subject.
KALMAR_SECTIONS = [
    ("1", "Syftet med Klimatkontrakt 2030", "purpose"),
    ("2", "Parter", "parties"),
    ("3", "Kommunens åtaganden", "municipality"),
    ("3.1", "Kommunens klimatmål", "municipality.targets"),
    ("3.2", "Strategi", "municipality.strategy"),
    ("3.2.1", "Hållbar mobilitet", "municipality.strategy.mobility"),
    ("3.2.2", "Hållbar samhällsplanering", "municipality.strategy.planning"),
    ("3.2.3", "Hållbart byggande", "municipality.strategy.building"),
    ("3.2.4", "Effektivare energianvändning", "municipality.strategy.energy"),
    ("3.2.5", "Förnybar energi", "municipality.strategy.renewables"),
    ("3.2.6", "Ökad cirkularitet", "municipality.strategy.circularity"),
    ("3.2.7", "Hållbara inköp", "municipality.strategy.procurement"),
    ("3.2.8", "Hållbar produktion och konsumtion", "municipality.strategy.production_consumption"),
    ("3.3", "Organisation och ledning", "municipality.governance"),
    ("3.4", "Samverkan med näringsliv, akademi och medborgare", "municipality.collaboration"),
    ("3.5", "Klimatinvesteringsplan", "municipality.investment_plan"),
    ("3.6", "Digitalt stöd för genomförandet", "municipality.digital_support"),
    ("3.7", "Innovationsnav för klimatneutrala kommuner", "municipality.innovation_hub"),
    ("3.8", "Klimatanpassning", "municipality.adaptation"),
    ("3.9", "Klimatsmart mobilitet", "municipality.mobility"),
    ("3.10", "Rapportering och uppföljning", "municipality.reporting"),
    ("4", "Viable Cities åtaganden", "viable_cities"),
    ("4.1", "Samordning Klimatkontrakt 2030", "viable_cities.coordination"),
    ("4.2", "Smart policyutveckling", "viable_cities.policy"),
    ("4.3", "Innovation", "viable_cities.innovation"),
    ("4.4", "Samordnad finansiering", "viable_cities.financing"),
    ("4.5", "Samspel med EUs mission klimatneutrala städer", "viable_cities.eu_mission"),
    ("5", "Myndigheternas åtaganden", "agencies"),
    ("5.1", "Smart policyutveckling", "agencies.policy"),
    ("5.2", "Stöd till forskning, innovation och utveckling", "agencies.research_innovation"),
    ("5.3", "Samordnande insatser kring finansiering", "agencies.financing"),
    ("5.4", "Deltagande i europeiska initiativ för hållbara städer", "agencies.european"),
    ("6", "Strategiska utvecklingsprojekt 2024", "joint_projects"),
    ("6.1", "Governance", "joint_projects.governance"),
    ("6.2", "Klimatinvesteringsplaner", "joint_projects.investment_plans"),
    ("6.3", "Konkurrenskraft genom omställning", "joint_projects.competitiveness"),
    ("6.4", "Medborgarengagemang", "joint_projects.citizen_engagement"),
    ("6.5", "Systemdemonstratorer", "joint_projects.system_demonstrators"),
    ("6.6", "Mission klimatneutrala städer 2030 internationellt", "joint_projects.international"),
    (
        "7",
        "Gemensamt arbete kring uppföljning, utvärdering och uppdatering",
        "joint_followup",
    ),
    ("7.1", "Viktigaste uppdateringar för kommunen", "joint_followup.municipality_updates"),
    ("7.2", "Mest angelägna erfarenheter att dela för kommunen", "joint_followup.experiences"),
    (
        "7.3",
        "Viktigaste uppdateringar för Viable Cities",
        "joint_followup.viable_cities_updates",
    ),
    (
        "7.3.1",
        "Processen kring klimatkontrakt",
        "joint_followup.viable_cities_updates.contract_process",
    ),
    (
        "7.3.2",
        "Strategiskt arbete inför ny fas av programmet",
        "joint_followup.viable_cities_updates.programme_phase",
    ),
    (
        "7.3.3",
        "Strategiska insatser för uppskalning och acceleration",
        "joint_followup.viable_cities_updates.scaling",
    ),
    (
        "7.3.4",
        "Internationella allianser kring missionen",
        "joint_followup.viable_cities_updates.international",
    ),
    ("7.4", "Viktigaste uppdateringar för myndigheterna", "joint_followup.agencies_updates"),
    ("7.4.1", "Smart policyutveckling", "joint_followup.agencies_updates.policy"),
    ("7.4.2", "Systemdemonstratorer", "joint_followup.agencies_updates.system_demonstrators"),
    ("7.4.3", "Lokala portföljanalyser", "joint_followup.agencies_updates.portfolio_analysis"),
    (
        "7.4.4",
        "Stärkt myndighetssamverkan",
        "joint_followup.agencies_updates.agency_collaboration",
    ),
    ("7.4.5", "Klimatkontrakt som governancemodell", "joint_followup.agencies_updates.governance"),
    ("9", "Kontraktet", "contract"),
    ("Bilaga 1", "Länkar till dokument", "appendices"),
]


@pytest.fixture(scope="module")
def kalmar() -> ParsedContract:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed folder {SEEDS} is absent (a bare clone)")
    return parse_contract(KALMAR.read_text(encoding="utf-8"), TEMPLATE)


def outline(contract: ParsedContract) -> list[tuple[str, str, str | None]]:
    return [(s.number, s.title, s.subject) for s in contract.sections]


def section(contract: ParsedContract, number: str) -> str:
    return next(s.text for s in contract.sections if s.number == number)


# Kalmar 2024 ------------------------------------------------------------------------------


def test_kalmar_every_section_found_titled_and_placed(kalmar: ParsedContract) -> None:
    assert outline(kalmar) == KALMAR_SECTIONS


def test_kalmar_reports_only_the_missing_section_8(kalmar: ParsedContract) -> None:
    assert [(p.line, p.message) for p in kalmar.problems] == [
        (1253, "Section 8 was not found: the numbering goes from 7.4.5 to 9.")
    ]


def test_kalmar_footnotes_are_notes_of_their_section_not_sections(
    kalmar: ParsedContract,
) -> None:
    # "1 Viable Cities är …" at the foot of the page of §3.1, "7 Energimyndigheten och Viable
    # Cities deltar" (which would continue the numbering after 6.1) at the foot of §6.1's.
    assert section(kalmar, "3.1").endswith(
        "\n\n1 Viable Cities är ett strategiskt innovationsprogram som finansieras av "
        "Energimyndigheten, Vinnova och Formas. Programmet har en löptid från 2017 till 2030 "
        "och har cirka 130 medlemmar, Värdorganisation är KTH."
    )
    assert section(kalmar, "6.1").endswith("\n\n7 Energimyndigheten och Viable Cities deltar")
    assert section(kalmar, "7.3.3").endswith(
        "\n\n9 Rättvis och hållbar omställning för klimatet - Förslag från SKR:s "
        "programberedning för hållbar omställning, SKR, september 2023"
    )
    # The page after a footnote goes on with the section's own text.
    assert "\n\nKalmar kommun har under de senaste 10 åren" in section(kalmar, "3.1")
    assert "Under 2023 har Kalmar fortsatt att samla in" in section(kalmar, "3.5")


def test_kalmar_sentences_that_begin_with_a_number_stay_text(kalmar: ParsedContract) -> None:
    targets = section(kalmar, "3.1")
    assert (
        "Visionen är att Kalmar inte skall ha några nettoutsläpp av växthusgaser 2030. Det "
        "innebär en utsläppsminskning med 85%" in targets
    )
    assert "Tillsammans med ytterligare 22 kommuner är kommunen utvald" in targets
    assert "Klimatneutral kommun 2024–2030 – I och med initiativet" in targets
    assert (
        "portföljanalyser som genomfördes 2023 avser myndigheterna att under 2024 leverera "
        "sammanställda utdata från vissa av myndigheternas finansiering till samtliga 23 "
        "kommuner." in section(kalmar, "5.3")
    )


def test_kalmar_page_footer_removed_and_sentence_joined(kalmar: ParsedContract) -> None:
    strategy = section(kalmar, "3.2")
    assert "viablecities.se" not in strategy
    assert "gör Kalmar bättre för alla, dvs att ingen lämnas utanför." in strategy


def test_kalmar_text_under_each_section(kalmar: ParsedContract) -> None:
    assert section(kalmar, "3") == ""
    assert section(kalmar, "9") == (
        "Parterna är överens om att dessa gemensamma åtaganden, såsom de formuleras ovan, ska "
        "gälla för 2024. Den första versionen av Klimatkontrakt 2030 signerades 2020, den andra "
        "2021 och den tredje 2022. Klimatkontraktet ska uppdateras och förnyas inför varje nytt år."
    )
    assert section(kalmar, "3.2.1").startswith("Kalmar är en snabbt växande kommun.")
    assert kalmar.preamble.startswith("Klimatkontrakt 2030")
    assert kalmar.preamble.endswith(
        "Tillsammans bygger vi förmåga steg för steg att ställa om snabbare!"
    )


def test_kalmar_parses_in_well_under_a_second(kalmar: ParsedContract) -> None:
    text = KALMAR.read_text(encoding="utf-8")
    started = time.perf_counter()
    parse_contract(text, TEMPLATE)
    assert time.perf_counter() - started < 0.25


# Synthetic damage -------------------------------------------------------------------------


def parse(text: str) -> ParsedContract:
    return parse_contract(text, TEMPLATE)


def test_headings_with_and_without_dots_and_leading_spaces() -> None:
    contract = parse(
        "Inledning.\n"
        "  1 Syftet\nText ett.\n"
        "2. Parter\nText två.\n"
        "3 Kommunens åtaganden\n"
        "   3.1 Kommunens klimatmål\nMål.\n"
        "3.2. Strategi\n"
        "3.2.1. Hållbar mobilitet \nCykel.\n"
    )
    assert outline(contract) == [
        ("1", "Syftet", "purpose"),
        ("2", "Parter", "parties"),
        ("3", "Kommunens åtaganden", "municipality"),
        ("3.1", "Kommunens klimatmål", "municipality.targets"),
        ("3.2", "Strategi", "municipality.strategy"),
        ("3.2.1", "Hållbar mobilitet", "municipality.strategy.mobility"),
    ]
    assert contract.preamble == "Inledning."
    assert contract.problems == []


def test_title_broken_over_two_lines_with_a_hyphen() -> None:
    contract = parse(
        "1. Syftet\nText.\n"
        "2. Gemensamt arbete kring uppföljning, ut-\nvärdering och uppdatering\n"
        "Viable Cities och kommunen är överens.\n"
    )
    assert outline(contract)[1] == (
        "2",
        "Gemensamt arbete kring uppföljning, utvärdering och uppdatering",
        "joint_followup",
    )
    assert section(contract, "2") == "Viable Cities och kommunen är överens."


def test_footnote_at_a_page_foot_is_not_a_heading_even_when_it_fits_the_numbering() -> None:
    contract = parse(
        "1. Syftet\nSyftet är klart.1\n\n1 En fotnot om syftet.\n\fMer text om syftet.\n"
        "2. Parter\nParterna.\n"
    )
    assert outline(contract) == [("1", "Syftet", "purpose"), ("2", "Parter", "parties")]
    assert section(contract, "1") == (
        "Syftet är klart.1\n\nMer text om syftet.\n\n1 En fotnot om syftet."
    )


def test_footnote_numbers_in_superscript() -> None:
    contract = parse("1. Syftet\nSyftet är klart.¹\n¹Viable Cities är ett program.\n\fMer.\n")
    assert section(contract, "1") == (
        "Syftet är klart.¹\n\nMer.\n\n1 Viable Cities är ett program."
    )


def test_footnote_2_continues_numbering_but_the_real_heading_follows() -> None:
    # "2 Kommunens …" fits after 1 but is the second footnote, on a page's foot; "2. Parter"
    # is the section.
    contract = parse(
        "1. Syftet\nA.1\n\n1 Första fotnoten.\n\fB.2\n\n2 Kommunens egen fotnot\n\fC.\n"
        "2. Parter\nD.\n"
    )
    assert [s.number for s in contract.sections] == ["1", "2"]
    assert section(contract, "2") == "D."
    assert section(contract, "1").endswith("1 Första fotnoten.\n\n2 Kommunens egen fotnot")


def test_a_numbered_line_out_of_sequence_is_text() -> None:
    contract = parse(
        "1. Syftet\nAmbitionen gäller till år\n"
        "2030. Det innebär en minskning.\n"
        "5 Kommuner deltar.\n"
        "2. Parter\nParterna.\n"
    )
    assert [s.number for s in contract.sections] == ["1", "2"]
    assert section(contract, "1") == (
        "Ambitionen gäller till år 2030. Det innebär en minskning. 5 Kommuner deltar."
    )


def test_page_numbers_and_running_headers_removed() -> None:
    page = "Klimatkontrakt 2030 – Kalmar kommun {n}\n"
    contract = parse(
        page.format(n=1)
        + "1. Syftet\nSyftet är att öka\n\n12\n\f"
        + page.format(n=2)
        + "tempot i omställningen.\nSida 3 av 9\n\f"
        + page.format(n=3)
        + "2. Parter\nParterna.\n"
    )
    assert outline(contract) == [("1", "Syftet", "purpose"), ("2", "Parter", "parties")]
    assert section(contract, "1") == "Syftet är att öka tempot i omställningen."
    assert section(contract, "2") == "Parterna."


def test_one_missing_number_is_allowed_and_reported() -> None:
    contract = parse(
        "1. Syftet\nA.\n3. Kommunens åtaganden\n3.2 Strategi\nB.\n3.2.1 Hållbar mobilitet\nC.\n"
    )
    assert [s.number for s in contract.sections] == ["1", "3", "3.2", "3.2.1"]
    assert [(p.line, p.message) for p in contract.problems] == [
        (3, "Section 2 was not found: the numbering goes from 1 to 3."),
        (4, "Section 3.1 was not found: the numbering goes from 3 to 3.2."),
    ]


def test_numbering_that_starts_at_2() -> None:
    contract = parse("Inledning.\n2. Parter\nA.\n")
    assert [s.number for s in contract.sections] == ["2"]
    assert [(p.line, p.message) for p in contract.problems] == [
        (2, "Section 1 was not found: the numbering starts at 2.")
    ]


def test_two_missing_numbers_break_the_sequence() -> None:
    contract = parse("1. Syftet\nA.\n4. Kommunens åtaganden\nB.\n")
    assert [s.number for s in contract.sections] == ["1"]
    assert section(contract, "1") == "A.\n\n4. Kommunens åtaganden B."


def test_number_alone_on_its_line_and_title_below() -> None:
    contract = parse("1.\nSyftet\nText.\n2.\nParter\nMer text.\n")
    assert outline(contract) == [("1", "Syftet", "purpose"), ("2", "Parter", "parties")]
    assert section(contract, "2") == "Mer text."


def test_appendices_are_sections() -> None:
    contract = parse("1. Syftet\nA.\nBilaga 1 - Länkar\n• En länk\nBilaga 2: Karta\nB.\n")
    assert outline(contract) == [
        ("1", "Syftet", "purpose"),
        ("Bilaga 1", "Länkar", "appendices"),
        ("Bilaga 2", "Karta", "appendices"),
    ]
    assert contract.problems == []


def test_unplaced_title_and_subject_by_title_not_number() -> None:
    contract = parse(
        "1. Parter\nA.\n2. Syftet med Klimatkontrakt 2030\nB.\n3. Om vädret\nC.\n3.1 Regn\nD.\n"
    )
    assert outline(contract) == [
        ("1", "Parter", "parties"),
        ("2", "Syftet med Klimatkontrakt 2030", "purpose"),
        ("3", "Om vädret", None),
        ("3.1", "Regn", None),
    ]
    assert [(p.line, p.message) for p in contract.problems] == [
        (5, 'Section 3 "Om vädret" matches no subject of the template.'),
        (7, 'Section 3.1 "Regn" matches no subject of the template.'),
    ]


def test_same_title_placed_by_its_parent() -> None:
    contract = parse(
        "1. Viable Cities åtaganden\n1.1 Smart policyutveckling\nA.\n"
        "2. Myndigheternas åtaganden\n2.1 Smart policyutveckling\nB.\n"
    )
    assert [s.subject for s in contract.sections] == [
        "viable_cities",
        "viable_cities.policy",
        "agencies",
        "agencies.policy",
    ]


def test_two_sections_on_one_subject_reported() -> None:
    contract = parse("1. Syftet\nA.\n2. Syftet igen\nB.\n")
    assert [s.subject for s in contract.sections] == ["purpose", "purpose"]
    assert [p.message for p in contract.problems] == [
        "Sections 1 and 2 are both placed under purpose."
    ]


def test_no_sections_reported() -> None:
    contract = parse("Bara text utan rubriker.\n")
    assert contract.sections == []
    assert contract.preamble == "Bara text utan rubriker."
    assert [p.message for p in contract.problems] == [
        "No numbered sections were found in the text."
    ]


def test_messages_through_the_callers_gettext() -> None:
    swedish = {
        "Section %(missing)s was not found: the numbering goes from %(before)s to %(after)s.": (
            "Avsnitt %(missing)s saknas: numreringen går från %(before)s till %(after)s."
        )
    }
    contract = parse_contract("1. Syftet\n3. Parter\n", TEMPLATE, gettext=swedish.__getitem__)
    assert [p.message for p in contract.problems] == [
        "Avsnitt 2 saknas: numreringen går från 1 till 3."
    ]


def test_paragraphs_bullets_and_hyphenated_words() -> None:
    contract = parse(
        "1. Syftet\nEn mening som fortsätter\npå nästa rad och utveck-\nlas vidare.\n\n"
        "• Forsknings-\noch innovationsinsatser\n• EU-\nkommissionens stöd\n"
    )
    assert section(contract, "1") == (
        "En mening som fortsätter på nästa rad och utvecklas vidare.\n\n"
        "• Forsknings- och innovationsinsatser\n\n• EU-kommissionens stöd"
    )


# Matching titles to subjects --------------------------------------------------------------


def test_keyword_words_begin_title_words() -> None:
    title = words("Viktigaste uppdateringar för kommunen")
    assert title == ["viktigaste", "uppdateringar", "för", "kommunen"]
    assert keyword_score(title, "uppdatering kommun") == len("uppdatering") + len("kommun")
    assert keyword_score(title, "uppdatering myndighet") == 0
    # "kontrakt" begins "kontraktet" but not "klimatkontrakt".
    assert keyword_score(words("Kontraktet"), "kontrakt") == 8
    assert keyword_score(words("Syftet med Klimatkontrakt 2030"), "kontrakt") == 0


def test_english_titles() -> None:
    contract = parse(
        "1. Purpose of the contract\n2. Parties\n3. The municipality's commitments\n"
        "3.1 Climate targets\n3.2 Strategy\n3.2.1 Sustainable mobility\n4. The contract\n"
    )
    assert [s.subject for s in contract.sections] == [
        "purpose",
        "parties",
        "municipality",
        "municipality.targets",
        "municipality.strategy",
        "municipality.strategy.mobility",
        "contract",
    ]


def test_a_keyword_beginning_the_title_wins() -> None:
    top = TEMPLATE.children(None)
    # "kontrakt" (8 letters, contract) is longer than "syfte" (5, purpose), but the title
    # begins with the purpose.
    subject = match_subject("Syftet med kontraktet", top)
    assert subject is not None and subject.id == "purpose"


def test_longest_keyword_wins() -> None:
    strategy = TEMPLATE.children("municipality.strategy")
    subject = match_subject("Hållbar produktion och konsumtion", strategy)
    assert subject is not None
    assert subject.id == "municipality.strategy.production_consumption"
    assert match_subject("Vädret", strategy) is None


def test_table_of_contents_is_not_taken_for_the_sections() -> None:
    contract = parse(
        "Innehåll\n1. Syftet .......... 2\n2. Parter .......... 2\n1. Syftet\nA.\n2. Parter\nB.\n"
    )
    assert [(s.number, s.title, s.text) for s in contract.sections] == [
        ("1", "Syftet", "A."),
        ("2", "Parter", "B."),
    ]
    # Without dot leaders the two runs are as long: the later one is the contract's.
    contract = parse("Innehåll\n1. Syftet\n2. Parter\nText\n1. Syftet\nA.\n2. Parter\nB.\n")
    assert [(s.number, s.text) for s in contract.sections] == [("1", "A."), ("2", "B.")]
    assert contract.preamble.startswith("Innehåll 1. Syftet 2. Parter Text")


def test_a_long_contract_in_linear_time() -> None:
    # 30 chapters of 30 sections of 5 sub-sections: 4 530 headings and their text.
    lines = []
    for chapter in range(1, 31):
        lines.append(f"{chapter}. Kapitel {chapter}")
        for part in range(1, 31):
            lines.append(f"{chapter}.{part}. Avsnitt {part}")
            for sub in range(1, 6):
                lines += [f"{chapter}.{part}.{sub} Del {sub}", "Text om delen.", ""]
    started = time.perf_counter()
    contract = parse("\n".join(lines))
    assert time.perf_counter() - started < 2
    assert len(contract.sections) == 30 * (1 + 30 * 6)
    assert contract.sections[-1].number == "30.30.5"


def test_chapter_words_and_paragraph_signs_before_numbers() -> None:
    contract = parse(
        "Kapitel 1 Syftet\nA.\nKapitel 2: Parter\nB.\nKapitel 3\nKommunens åtaganden\nC.\n"
        "3.1 Kommunens klimatmål\nD.\n§ 4 Viable Cities åtaganden\nE.\n"
    )
    assert outline(contract) == [
        ("1", "Syftet", "purpose"),
        ("2", "Parter", "parties"),
        ("3", "Kommunens åtaganden", "municipality"),
        ("3.1", "Kommunens klimatmål", "municipality.targets"),
        ("4", "Viable Cities åtaganden", "viable_cities"),
    ]
    assert section(contract, "3") == "C."


def test_a_numbered_list_under_the_first_section_is_text() -> None:
    # "1. Minska utsläppen" could start the numbering as well as "1. Syftet"; the title that
    # names a subject of the template is the heading.
    contract = parse(
        "1. Syftet med kontraktet\nTre saker:\n1. Minska utsläppen\n2. Öka takten\n"
        "3. Lära av varandra\n2. Parter\nB.\n3. Kommunens åtaganden\nC.\n3.1. Kommunens klimatmål\n"
    )
    assert [s.number for s in contract.sections] == ["1", "2", "3", "3.1"]
    assert section(contract, "1").endswith("1. Minska utsläppen 2. Öka takten 3. Lära av varandra")


def test_a_paragraph_that_begins_with_the_next_number_is_text() -> None:
    # "2 Urbact är …" carries on on the next line (in lower case): the heading "2 Parter"
    # follows, written without its dot like the paragraph.
    contract = parse(
        "1 Syftet\nA.\n1.1 Bakgrund\nB.\n"
        "2 Urbact är ett europeiskt samarbetsprogram för utbyte och lärande inom hållbar\n"
        "stadsutveckling, Tillväxtverket.\n"
        "2 Parter\nC.\n2.1 Kommunen\nD.\n"
    )
    assert [(s.number, s.title) for s in contract.sections] == [
        ("1", "Syftet"),
        ("1.1", "Bakgrund"),
        ("2", "Parter"),
        ("2.1", "Kommunen"),
    ]
    assert section(contract, "1.1").endswith("hållbar stadsutveckling, Tillväxtverket.")
