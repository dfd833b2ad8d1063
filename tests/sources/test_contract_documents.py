"""A contract's file as text: .txt, .docx (written here with python-docx) and .pdf (written
here with reportlab) read back to the same sections as the text they were made from."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from klimatlaget.calc.contract_text import ParsedContract, parse_contract
from klimatlaget.contracts.template import load_template
from klimatlaget.sources import SourceError, contract_documents
from klimatlaget.sources.contract_documents import contract_text, read_contract_file

from .helpers import problems_of

SEEDS = Path(
    os.environ.get(
        "KLIMATLAGET_SHARED_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds"
    )
)
TEMPLATE = load_template()

TEXT = (
    "Klimatkontrakt 2030\n"
    "1. Syftet med Klimatkontrakt 2030\n"
    "Syftet är att öka tempot.\n\n"
    "2. Parter\n"
    "• Kalmar kommun.\n\n"
    "3. Kommunens åtaganden\n"
    "3.1 Kommunens klimatmål\n"
    "Klimatneutral 2030.\n\n"
    "3.2 Strategi\n"
    "3.2.1 Hållbar mobilitet\n"
    "Gång, cykel och kollektivtrafik.\n"
)
OUTLINE = [
    ("1", "Syftet med Klimatkontrakt 2030", "purpose"),
    ("2", "Parter", "parties"),
    ("3", "Kommunens åtaganden", "municipality"),
    ("3.1", "Kommunens klimatmål", "municipality.targets"),
    ("3.2", "Strategi", "municipality.strategy"),
    ("3.2.1", "Hållbar mobilitet", "municipality.strategy.mobility"),
]


def outline(contract: ParsedContract) -> list[tuple[str, str, str | None]]:
    return [(s.number, s.title, s.subject) for s in contract.sections]


def parsed(text: str) -> ParsedContract:
    return parse_contract(text, TEMPLATE)


def docx_bytes(paragraphs: list[tuple[str, str | None]]) -> bytes:
    document = Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(pages: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for lines in pages:
        pdf.setFont("Helvetica", 9)
        y = A4[1] - 40
        for line in lines:
            # The standard fonts know Windows-1252 only ("▪" cannot be drawn).
            pdf.drawString(40, y, line.encode("cp1252", "replace").decode("cp1252"))
            y -= 11
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# .txt ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_txt_in_utf8_or_windows_1252(encoding: str) -> None:
    text = contract_text(TEXT.encode(encoding), "kontrakt.txt")
    assert outline(parsed(text)) == OUTLINE


def test_read_contract_file_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "Kalmar.TXT"
    path.write_bytes(TEXT.encode("cp1252"))
    assert outline(parsed(read_contract_file(path))) == OUTLINE


# .docx --------------------------------------------------------------------------------------


def test_docx_numbered_headings_in_their_text() -> None:
    data = docx_bytes(
        [
            ("Klimatkontrakt 2030", "Title"),
            ("1. Syftet med Klimatkontrakt 2030", "Heading 1"),
            ("Syftet är att öka tempot.", None),
            ("2. Parter", "Heading 1"),
            ("Kalmar kommun.", "List Bullet"),
            ("3. Kommunens åtaganden", "Heading 1"),
            ("3.1 Kommunens klimatmål", "Heading 2"),
            ("Klimatneutral 2030.", None),
            ("3.2 Strategi", "Heading 2"),
            ("3.2.1 Hållbar mobilitet", "Heading 3"),
            ("Gång, cykel och kollektivtrafik.", None),
        ]
    )
    contract = parsed(contract_text(data, "kontrakt.docx"))
    assert outline(contract) == OUTLINE
    assert contract.sections[1].text == "• Kalmar kommun."
    assert contract.sections[5].text == "Gång, cykel och kollektivtrafik."
    assert contract.preamble == "Klimatkontrakt 2030"


def test_docx_headings_known_by_their_style_are_numbered_by_level() -> None:
    data = docx_bytes(
        [
            ("Syftet med Klimatkontrakt 2030", "Heading 1"),
            ("Syftet är att öka tempot.", None),
            ("Parter", "Heading 1"),
            ("Kalmar kommun.", None),
            ("Kommunens åtaganden", "Heading 1"),
            ("Kommunens klimatmål", "Heading 2"),
            ("Klimatneutral 2030.", None),
            ("Strategi", "Heading 2"),
            ("Hållbar mobilitet", "Heading 3"),
            ("Gång, cykel och kollektivtrafik.", None),
            ("Bilaga 1 - Länkar", "Heading 1"),
            ("https://kalmar.se", None),
        ]
    )
    contract = parsed(contract_text(data, "kontrakt.docx"))
    assert outline(contract) == [*OUTLINE, ("Bilaga 1", "Länkar", "appendices")]
    assert contract.problems == []


def test_docx_tables_read_row_by_row() -> None:
    document = Document()
    document.add_paragraph("1. Syftet", style="Heading 1")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Mål"
    table.cell(0, 1).text = "År"
    table.cell(1, 0).text = "Klimatneutral"
    table.cell(1, 1).text = "2030"
    buffer = io.BytesIO()
    document.save(buffer)
    contract = parsed(contract_text(buffer.getvalue(), "kontrakt.docx"))
    assert contract.sections[0].text == "Mål | År Klimatneutral | 2030"


def test_damaged_docx() -> None:
    with pytest.raises(SourceError) as error:
        contract_text(b"PK\x03\x04 not really a zip", "kontrakt.docx")
    assert problems_of(error) == [(None, None, "unreadable_file")]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(SourceError) as error:
        contract_text(archive.getvalue(), "kontrakt.docx")
    assert problems_of(error) == [(None, None, "unreadable_file")]
    assert "not a Word document" in str(error.value)


def test_docx_that_unpacks_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    data = docx_bytes([("1. Syftet", "Heading 1"), ("x" * 5000, None)])
    monkeypatch.setattr(contract_documents, "MAX_UNPACKED_BYTES", 4000)
    with pytest.raises(SourceError) as error:
        contract_text(data, "kontrakt.docx")
    assert problems_of(error) == [(None, None, "too_large")]


# .pdf ---------------------------------------------------------------------------------------


def test_pdf_with_footers_footnotes_and_a_broken_title() -> None:
    data = pdf_bytes(
        [
            [
                "1. Syftet med Klimatkontrakt 2030",
                "Syftet är att öka tempot i omställningen1 och att",
                "",
                "1 Viable Cities är ett strategiskt innovationsprogram.",
                "viablecities.se 1",
            ],
            [
                "bidra till återhämtningen.",
                "2. Gemensamt arbete kring uppföljning, ut-",
                "värdering och uppdatering",
                "Parterna följer upp varje år.",
                "viablecities.se 2",
            ],
        ]
    )
    contract = parsed(contract_text(data, "kontrakt.pdf"))
    assert outline(contract) == [
        ("1", "Syftet med Klimatkontrakt 2030", "purpose"),
        ("2", "Gemensamt arbete kring uppföljning, utvärdering och uppdatering", "joint_followup"),
    ]
    assert contract.sections[0].text == (
        "Syftet är att öka tempot i omställningen1 och att bidra till återhämtningen.\n\n"
        "1 Viable Cities är ett strategiskt innovationsprogram."
    )
    assert contract.sections[1].text == "Parterna följer upp varje år."


def test_kalmar_as_pdf_reads_back_to_the_sections_of_its_text() -> None:
    """The seed (text taken from the contract's PDF) printed again page by page, a page
    starting at each line the extraction indented, then read back."""
    seed = SEEDS / "klimatkontrakt-2030-kalmar-2024.txt"
    if not seed.is_file():
        pytest.skip(f"the seed folder {SEEDS} is absent (a bare clone)")
    text = seed.read_text(encoding="utf-8")
    pages: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line[:1] == " " and line.strip() and pages[-1]:
            pages.append([])
        pages[-1].append(line.strip())
    assert len(pages) > 20
    from_pdf = parsed(contract_text(pdf_bytes(pages), "kalmar-2024.pdf"))
    from_text = parsed(text)
    assert outline(from_pdf) == outline(from_text)
    assert len(outline(from_pdf)) == 55
    assert [p.message for p in from_pdf.problems] == [
        "Section 8 was not found: the numbering goes from 7.4.5 to 9."
    ]
    assert from_pdf.sections[3].text.endswith("Värdorganisation är KTH.")


def test_damaged_or_protected_pdf() -> None:
    with pytest.raises(SourceError) as error:
        contract_text(b"%PDF-1.4\nnonsense", "kontrakt.pdf")
    assert problems_of(error) == [(None, None, "unreadable_file")]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="hemligt")
    pdf.drawString(40, 800, "1. Syftet")
    pdf.save()
    with pytest.raises(SourceError) as error:
        contract_text(buffer.getvalue(), "kontrakt.pdf")
    assert problems_of(error) == [(None, None, "unreadable_file")]
    assert "password" in str(error.value)


def test_pdf_without_text() -> None:
    with pytest.raises(SourceError) as error:
        contract_text(pdf_bytes([[]]), "skannad.pdf")
    assert problems_of(error) == [(None, None, "empty_file")]


# Guards -------------------------------------------------------------------------------------


def test_other_kinds_of_file_refused() -> None:
    with pytest.raises(SourceError) as error:
        contract_text(b"a;b\n", "kontrakt.csv")
    assert problems_of(error) == [(None, None, "unreadable_file")]
    assert "kontrakt.csv: A contract must be a .txt, .docx or .pdf file" in str(error.value)


def test_size_limit() -> None:
    with pytest.raises(SourceError) as error:
        contract_text(b"x" * 101, "kontrakt.txt", max_bytes=100)
    assert problems_of(error) == [(None, None, "too_large")]


def test_missing_and_too_large_files(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as error:
        read_contract_file(tmp_path / "saknas.pdf")
    assert problems_of(error) == [(None, None, "not_found")]
    big = tmp_path / "stor.txt"
    big.write_bytes(b"1. Syftet\n" * 20)
    with pytest.raises(SourceError) as error:
        read_contract_file(big, max_bytes=100)
    assert problems_of(error) == [(None, None, "too_large")]


def test_binary_posing_as_text() -> None:
    with pytest.raises(SourceError) as error:
        contract_text(b"\x00\x01\x02", "kontrakt.txt")
    assert problems_of(error) == [(None, None, "bad_encoding")]


def test_empty_text() -> None:
    with pytest.raises(SourceError) as error:
        contract_text(b"  \n\n", "kontrakt.txt")
    assert problems_of(error) == [(None, None, "empty_file")]
