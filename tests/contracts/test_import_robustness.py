"""Contracts numbered otherwise than Kalmar's, with the damage a PDF leaves, imported through
the whole flow (upload, review, confirm): every section is stored under the right subject,
with the right parent and writer, and nothing else becomes a section."""

from django.core.files.uploadedfile import SimpleUploadedFile

from klimatlaget.contracts.models import Contract

from .conftest import confirm_review

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
HEADER = "Klimatkontrakt 2030 – Strandhamns kommun {page}\n"

#: Strandhamn's contract: the investment plan as 3.8 (3.7 missing), the agencies before
#: Viable Cities, the strategy's parts in another order, footnotes at the pages' feet,
#: running headers with the page's number, page numbers alone, headings broken with a
#: hyphen and sentences that begin with a number.
RENUMBERED = (
    HEADER.format(page=1) + "Klimatkontrakt 2030\nInledande text om kontraktet.\n"
    "1. Syftet med Klimatkontrakt 2030\nSyftet är att öka tempot.1\n\n"
    "1 Viable Cities är ett strategiskt innovationsprogram.\n2\n\f"
    + HEADER.format(page=2)
    + "2. Parter\nStrandhamns kommun, Viable Cities och myndigheterna.\n"
    "3. Kommunens åtaganden\nKommunen åtar sig följande.\n"
    "3.1. Kommunens klimatmål\nKlimatneutral till år\n"
    "2030. Det innebär en minskning med 85 procent.\n"
    "3.2. Strategi\nStrategin har tre delar.\n"
    "3.2.1 Hållbart byggande\nTrä.\n"
    "3.2.2 Hållbar mobilitet\nCykel.\n"
    "3.2.3 Förnybar energi\nSol.\n"
    "3.3. Klimatanpassning\nSkyfall.\n"
    "3.4. Organisation och ledning\nStyrgrupp.2\n\n"
    "2 Kommunstyrelsen leder arbetet.\n3\n\f"
    + HEADER.format(page=3)
    + "3.5. Samverkan med näringsliv, akademi och medborgare\nKlimatråd.\n"
    "3.6. Digitalt stöd för genomförandet\nPlattform.\n"
    "3.8. Klimatinvesteringsplan\nPlan för investeringar.\n"
    "3.9. Rapportering och uppföljning\nÅrligen.\n"
    "4. Myndigheternas åtaganden\nMyndigheterna åtar sig.\n"
    "4.1. Smart policyutveckling\nPolicy.\n"
    "4.2. Stöd till forskning, innovation och utveckling\nForskning.\n"
    "5. Viable Cities åtaganden\nViable Cities åtar sig.\n"
    "5.1. Smart policyutveckling\nPolicy från programmet.\n"
    "5.2. Samordning Klimatkontrakt 2030\nSamordning.\n"
    "6. Gemensamt arbete kring uppföljning, ut-\nvärdering och uppdatering\n"
    "Parterna följer upp.\n"
    "6.1. Viktigaste uppdateringar för kommunen\nUppdateringar.\n"
    "6.2. Viktigaste uppdateringar för myndig-\nheterna\nMyndigheternas uppdateringar.\n"
    "7. Kontraktet\nKontraktet gäller.\n"
)

#: (number, title, subject, parent's number, writer) of each section stored.
RENUMBERED_SECTIONS = [
    ("1", "Syftet med Klimatkontrakt 2030", "purpose", None, "joint"),
    ("2", "Parter", "parties", None, "joint"),
    ("3", "Kommunens åtaganden", "municipality", None, "municipality"),
    ("3.1", "Kommunens klimatmål", "municipality.targets", "3", "municipality"),
    ("3.2", "Strategi", "municipality.strategy", "3", "municipality"),
    ("3.2.1", "Hållbart byggande", "municipality.strategy.building", "3.2", "municipality"),
    ("3.2.2", "Hållbar mobilitet", "municipality.strategy.mobility", "3.2", "municipality"),
    ("3.2.3", "Förnybar energi", "municipality.strategy.renewables", "3.2", "municipality"),
    ("3.3", "Klimatanpassning", "municipality.adaptation", "3", "municipality"),
    ("3.4", "Organisation och ledning", "municipality.governance", "3", "municipality"),
    (
        "3.5",
        "Samverkan med näringsliv, akademi och medborgare",
        "municipality.collaboration",
        "3",
        "municipality",
    ),
    ("3.6", "Digitalt stöd för genomförandet", "municipality.digital_support", "3", "municipality"),
    ("3.8", "Klimatinvesteringsplan", "municipality.investment_plan", "3", "municipality"),
    ("3.9", "Rapportering och uppföljning", "municipality.reporting", "3", "municipality"),
    ("4", "Myndigheternas åtaganden", "agencies", None, "agencies"),
    ("4.1", "Smart policyutveckling", "agencies.policy", "4", "agencies"),
    (
        "4.2",
        "Stöd till forskning, innovation och utveckling",
        "agencies.research_innovation",
        "4",
        "agencies",
    ),
    ("5", "Viable Cities åtaganden", "viable_cities", None, "viable_cities"),
    ("5.1", "Smart policyutveckling", "viable_cities.policy", "5", "viable_cities"),
    ("5.2", "Samordning Klimatkontrakt 2030", "viable_cities.coordination", "5", "viable_cities"),
    (
        "6",
        "Gemensamt arbete kring uppföljning, utvärdering och uppdatering",
        "joint_followup",
        None,
        "joint",
    ),
    (
        "6.1",
        "Viktigaste uppdateringar för kommunen",
        "joint_followup.municipality_updates",
        "6",
        "municipality",
    ),
    (
        "6.2",
        "Viktigaste uppdateringar för myndigheterna",
        "joint_followup.agencies_updates",
        "6",
        "agencies",
    ),
    ("7", "Kontraktet", "contract", None, "joint"),
]

#: Chapters written "Kapitel 3" and "§ 4", their sections numbered within them, and an
#: ordered list in the first chapter that numbers from 1 again.
CHAPTERS = (
    "Klimatkontrakt 2030\n"
    "Kapitel 1 Syftet med Klimatkontrakt 2030\nSyftet är tre saker:\n"
    "1. Minska utsläppen\n2. Öka takten\n3. Lära av varandra\n"
    "Kapitel 2: Parter\nParterna.\n"
    "Kapitel 3\nKommunens åtaganden\nKommunen.\n"
    "3.1 Kommunens klimatmål\nMål.\n"
    "3.2 Klimatinvesteringsplan\nPlan.\n"
    "§ 4 Viable Cities åtaganden\nProgrammet.\n"
    "4.1 Innovation\nInnovation.\n"
)

CHAPTERS_SECTIONS = [
    ("1", "Syftet med Klimatkontrakt 2030", "purpose", None, "joint"),
    ("2", "Parter", "parties", None, "joint"),
    ("3", "Kommunens åtaganden", "municipality", None, "municipality"),
    ("3.1", "Kommunens klimatmål", "municipality.targets", "3", "municipality"),
    ("3.2", "Klimatinvesteringsplan", "municipality.investment_plan", "3", "municipality"),
    ("4", "Viable Cities åtaganden", "viable_cities", None, "viable_cities"),
    ("4.1", "Innovation", "viable_cities.innovation", "4", "viable_cities"),
]


def _imported(client, user, text: str, year: int = 2025) -> tuple[str, Contract]:
    """The review page of ``text`` uploaded, and the contract stored when it is confirmed."""
    client.force_login(user)
    upload = SimpleUploadedFile("kontrakt.txt", text.encode(), content_type="text/plain")
    review = client.post("/o/9102/contracts/import/", {"file": upload, "year": year}, **EN)
    assert review.status_code == 200
    assert not Contract.objects.exists(), "nothing is stored before the review is confirmed"
    confirmed = confirm_review(client, review)
    assert confirmed["Location"] == f"/o/9102/contracts/{year}/"
    return review.content.decode(), Contract.objects.get(year=year)


def _stored(contract: Contract) -> list[tuple[str, str, str, str | None, str]]:
    return [
        (s.number, s.title, s.subject, s.parent.number if s.parent else None, s.writer)
        for s in contract.sections.select_related("parent")
    ]


def test_a_renumbered_contract_with_pdf_damage_is_stored_section_by_section(client, users):
    review, contract = _imported(client, users["alice"], RENUMBERED)
    assert _stored(contract) == RENUMBERED_SECTIONS
    assert "Section 3.7 was not found" in review
    assert contract.preamble == "Klimatkontrakt 2030 Inledande text om kontraktet."
    sections = {s.number: s for s in contract.sections.all()}
    assert sections["1"].text == (
        "Syftet är att öka tempot.1\n\n1 Viable Cities är ett strategiskt innovationsprogram."
    )
    assert sections["3.1"].text == (
        "Klimatneutral till år 2030. Det innebär en minskning med 85 procent."
    )
    assert "Strandhamns kommun 2" not in sections["2"].text
    assert sections["3.4"].text.endswith("2 Kommunstyrelsen leder arbetet.")
    assert sections["6"].text == "Parterna följer upp."


def test_chapters_and_a_numbered_list_are_stored_section_by_section(client, users):
    _review, contract = _imported(client, users["alice"], CHAPTERS)
    assert _stored(contract) == CHAPTERS_SECTIONS
    sections = {s.number: s for s in contract.sections.all()}
    assert sections["1"].text == (
        "Syftet är tre saker: 1. Minska utsläppen 2. Öka takten 3. Lära av varandra"
    )
    assert sections["3"].text == "Kommunen."


def test_the_same_subjects_whatever_the_numbers(client, users):
    """The investment plan is 3.8 in one contract and 3.2 in another: the same subject."""
    _review, renumbered = _imported(client, users["alice"], RENUMBERED, 2025)
    _review, chapters = _imported_again(client, CHAPTERS, 2026)
    plan = "municipality.investment_plan"
    assert renumbered.sections.get(subject=plan).number == "3.8"
    assert chapters.sections.get(subject=plan).number == "3.2"


def _imported_again(client, text: str, year: int) -> tuple[str, Contract]:
    upload = SimpleUploadedFile("kontrakt.txt", text.encode(), content_type="text/plain")
    review = client.post("/o/9102/contracts/import/", {"file": upload, "year": year}, **EN)
    confirm_review(client, review)
    return review.content.decode(), Contract.objects.get(year=year)
