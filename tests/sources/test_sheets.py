from openpyxl.utils import get_column_letter

from klimatlaget.sources.sheets import column_letter, column_name


def test_column_letters_are_spreadsheet_letters() -> None:
    # Excel's last column is XFD (16,384); openpyxl names them the way Excel does.
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702, 16383)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
        "XFD",
    ]
    assert all(column_letter(i) == get_column_letter(i + 1) for i in range(16384))


def test_column_name_adds_the_header() -> None:
    assert column_name(5, 2015.0) == "F (2015)"
    assert column_name(1, " Kommun ") == "B (Kommun)"
    assert column_name(2) == column_name(2, "") == "C"
