"""The annual report "Klimatläget YEAR": its content, its public and internal versions as a page,
PDF, Excel workbook and JSON, and who may see which."""

import io
from collections import defaultdict

import openpyxl
import pytest
from pypdf import PdfReader

from klimatlaget.accounts.actors import command_line
from klimatlaget.emissions.models import Emission
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.models import SurveyState
from klimatlaget.surveys.report import display
from klimatlaget.surveys.report.content import build_report
from klimatlaget.targets.comparison.association import summarise
from klimatlaget.targets.evaluation import target_parameters

pytestmark = pytest.mark.usefixtures("english")

URL = "/associations/klimatkommunerna/reports/2025/"
API = "/api/associations/klimatkommunerna/reports/2025"
SECRET_TEXT = "Our climate officer Anna Hemlig (anna@ekby.example) will fix this"
NO_ANSWERS = "No member has answered the survey yet, so there are no answers to report."
CONTACT_NAME = "Exempla Klimatsson"
CONTACT_EMAIL = "exempla.klimatsson@strandhamn.example"
#: Respondents: three submitted; 9104 started but did not submit.
ANSWERS = {
    "9102": (
        "alice",
        {
            "has_target": True,
            "target_year": 2030,
            "target_kind": "territory",
            "sectors": ["transport", "energy"],
            "budget": 100,
            "comment": SECRET_TEXT,
            "measures": [{"name": "Secret bus plan", "tonnes": 120, "done": True}],
        },
    ),
    "9201": ("bob", {"has_target": False, "target_kind": "organisation", "budget": 50}),
    "9101": ("kansli", {"has_target": True, "target_year": 2040, "sectors": ["food"]}),
}


def _answer(user, survey, code, answers, submit=True):
    member = Organisation.objects.get(code=code)
    response = services.start_response(user, survey, member)
    services.save_answers(user, response, answers)
    if submit:
        services.confirm_prefilled(user, response)
        services.submit(user, response)
    return response


@pytest.fixture
def answered(users, survey, association):
    from klimatlaget.demo.association import EXAMPLE_TARGETS, load_example_contacts_and_board
    from klimatlaget.targets.imports import import_targets

    import_targets(EXAMPLE_TARGETS, actor=command_line())
    load_example_contacts_and_board(association)
    for code, (username, answers) in ANSWERS.items():
        _answer(users[username], survey, code, answers)
    _answer(users["kansli"], survey, "9104", {"has_target": True, "budget": 7}, submit=False)
    return survey


@pytest.fixture
def closed(answered):
    answered.state = SurveyState.CLOSED
    answered.save()
    return answered


def _expected_change(codes, year):
    """Mean change in total emissions since 1990, straight from the Emission rows."""
    totals = defaultdict(lambda: defaultdict(float))
    for code, row_year, value in Emission.objects.filter(
        organisation__code__in=codes, year__lte=year
    ).values_list("organisation__code", "year", "tco2e"):
        totals[code][row_year] += value
    latest = max(max(series) for series in totals.values())
    changes = [
        (totals[c][latest] - totals[c][1990]) / totals[c][1990] * 100
        for c in codes
        if 1990 in totals[c] and latest in totals[c]
    ]
    return latest, sum(changes) / len(changes)


def test_headline_figures(answered):
    report = build_report(answered, public=True)
    assert report.title == "Klimatläget 2025"
    assert report.respondents == 3
    assert sorted(report.respondent_names) == sorted(
        Organisation.objects.get(code=c).name for c in ANSWERS
    )
    assert report.invited == 11  # the example members in 2025 (Björkås left in 2019)
    latest, mean = _expected_change(list(ANSWERS), 2025)
    assert report.emissions.latest_year == latest
    assert report.emissions.mean_change_pct == pytest.approx(mean)
    assert report.emissions.with_data == 3 and report.emissions.lacking == []
    verdicts = {v.key: v.count for v in report.verdicts}
    assert sum(verdicts.values()) == 3
    by_member = {
        row["code"]: row["verdict"]
        for row in summarise(answered.association, 2025, target_parameters()).members
    }
    for key, count in verdicts.items():
        assert count == sum(1 for code in ANSWERS if by_member[code] == key)
    # Ekby (70 % by 2030) and Strandhamn (12 % a year) partly; Tallnäs's only adopted target
    # (renewable energy in its own operations) does not cut territorial emissions enough.
    assert verdicts == {
        "in_line": 0,
        "partly": 2,
        "not_in_line": 1,
        "not_assessed": 0,
        "no_target": 0,
    }


def test_a_member_without_emissions_data_is_named(answered):
    Emission.objects.filter(organisation__code="9201", year=1990).delete()
    from klimatlaget.audit.services import record
    from klimatlaget.audit.subjects import DATA

    record(
        actor=command_line(),
        subject=DATA,
        action="test.emissions.deleted",
        organisation=None,
        changes={},
    )
    report = build_report(answered, public=True)
    assert report.emissions.lacking == ["Tallnäs"]
    _latest, mean = _expected_change(["9102", "9101"], 2025)
    assert report.emissions.mean_change_pct == pytest.approx(mean)


def test_chapters_follow_the_sections_with_statistics(answered):
    report = build_report(answered, public=True)
    assert [c.key for c in report.chapters] == ["targets", "work"]
    questions = {q.key: q for c in report.chapters for q in c.questions}
    has_target = questions["has_target"]
    assert [(o.key, o.count) for o in has_target.options] == [("yes", 2), ("no", 1)]
    assert has_target.has_chart
    assert sorted(has_target.members_yes) == ["Ekby", "Strandhamn"]
    assert questions["budget"].numbers.mean == 75
    assert not questions["budget"].has_chart
    assert questions["measures"].rows == 1
    assert [c.key for c in questions["measures"].columns] == ["name", "tonnes", "done"]
    assert questions["comment"].answered == 1
    assert questions["comment"].free_answers == []  # the public version has no free text


def test_internal_version_adds_responses_and_free_text(answered):
    report = build_report(answered, public=False)
    statuses = {r.code: r.status for r in report.respondent_list}
    assert len(statuses) == 11
    assert statuses["9102"] == "submitted" and statuses["9104"] == "in_progress"
    assert statuses["9105"] == "not_started"
    submitted_by = {r.code: r.submitted_by for r in report.respondent_list}
    assert submitted_by["9102"] == "alice"
    questions = {q.key: q for c in report.chapters for q in c.questions}
    assert [(a.member, a.text) for a in questions["comment"].free_answers] == [
        ("Strandhamn", SECRET_TEXT)
    ]
    assert "Secret bus plan" in questions["measures"].free_answers[0].text


def test_earlier_years_are_compared(users, closed):
    from klimatlaget.surveys.building import copy_survey

    next_year = copy_survey(closed, 2026)
    next_year.state = SurveyState.OPEN
    next_year.save()
    _answer(users["alice"], next_year, "9102", {"has_target": True, "target_year": 2030})
    report = build_report(next_year, public=True)
    questions = {q.key: q for c in report.chapters for q in c.questions}
    history = [(f.year, f.value) for f in questions["has_target"].history]
    assert history == [(2025, pytest.approx(2 / 3)), (2026, 1.0)]


# Visibility --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "report.pdf", "report.xlsx"])
def test_an_open_survey_is_a_preview_for_the_secretariat_only(client, users, answered, suffix):
    assert client.get(URL + suffix).status_code == 404
    for name in ("nobody", "lasare", "alice"):
        client.force_login(users[name])
        assert client.get(URL + suffix).status_code == 404, name
    client.force_login(users["kansli"])
    response = client.get(URL + suffix)
    assert response.status_code == 200
    if not suffix:
        assert b'id="preview-notice"' in response.content


def test_a_closed_survey_is_public(client, closed):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Klimatläget 2025" in html
    assert 'id="preview-notice"' not in html
    assert "<svg" in html and 'id="figure-respondents"' in html
    assert client.get(URL + "report.pdf").status_code == 200
    assert client.get(URL + "report.xlsx").status_code == 200


@pytest.mark.parametrize("suffix", ["internal/", "internal/report.pdf", "internal/report.xlsx"])
def test_the_internal_version_is_for_the_secretariat(client, users, closed, suffix):
    response = client.get(URL + suffix)
    assert response.status_code == 302 and "/login/" in response["Location"]
    for name in ("nobody", "lasare", "alice"):
        client.force_login(users[name])
        assert client.get(URL + suffix).status_code == 403, name
    client.force_login(users["kansli"])
    assert client.get(URL + suffix).status_code == 200


def test_no_report_without_a_survey(client, closed):
    assert client.get("/associations/klimatkommunerna/reports/2019/").status_code == 404
    assert client.get("/associations/nosuch/reports/2025/").status_code == 404


# No personal data in the public version ----------------------------------------------------

PRIVATE = (
    SECRET_TEXT,
    "anna@ekby.example",
    CONTACT_NAME,
    CONTACT_EMAIL,
    "Secret bus plan",
    "alice",
)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


def test_public_html_pdf_and_excel_have_no_personal_data_or_free_text(client, users, closed):
    texts = {
        "html": client.get(URL).content.decode(),
        "pdf": _pdf_text(client.get(URL + "report.pdf").content),
        "xlsx": _xlsx_text(client.get(URL + "report.xlsx").content),
        "json": client.get(API).content.decode(),
    }
    for kind, text in texts.items():
        assert "Strandhamn" in text, kind  # member organisations may be named
        for private in PRIVATE:
            assert private not in text, (kind, private)
    client.force_login(users["kansli"])
    internal = {
        "html": client.get(URL + "internal/").content.decode(),
        "pdf": _pdf_text(client.get(URL + "internal/report.pdf").content),
        "xlsx": _xlsx_text(client.get(URL + "internal/report.xlsx").content),
    }
    for kind, text in internal.items():
        assert "Anna Hemlig" in text.replace("\n", " "), kind
        assert "alice" in text, kind


# Files -------------------------------------------------------------------------------------


def test_pdf_has_a_title_page_chapters_and_page_numbers(client, closed):
    response = client.get(URL + "report.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="klimatkommunerna-klimatlaget-2025.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 3  # title page and one page per chapter
    first = reader.pages[0].extract_text()
    assert "Klimatläget 2025" in first and "Klimatkommunerna" in first
    text = _pdf_text(response.content)
    assert "Tallnäs" in text  # å, ä and ö render in the built-in font
    assert "Do you have a target?" in text and "Climate budget?" in text
    assert "Page 1" in first and "Page 3" in reader.pages[2].extract_text()


def test_excel_has_a_summary_a_sheet_per_chapter_and_native_charts(client, closed):
    response = client.get(URL + "report.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Targets", "Work"]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Members who answered"] == 3
    assert summary["Members in the year"] == 11
    assert book["Targets"]._charts, "a bar chart for the yes/no and choice questions"
    values = [row for row in book["Targets"].iter_rows(values_only=True)]
    assert ("Yes", 2, pytest.approx(2 / 3)) in [tuple(r[:3]) for r in values]


def test_internal_excel_adds_responses(client, users, closed):
    client.force_login(users["kansli"])
    book = openpyxl.load_workbook(io.BytesIO(client.get(URL + "internal/report.xlsx").content))
    assert book.sheetnames == ["Summary", "Responses", "Targets", "Work"]
    rows = list(book["Responses"].iter_rows(values_only=True))
    assert len(rows) == 12
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["9104"][2:] == ("In progress", None, None)
    assert by_code["9102"][2] == "Submitted" and by_code["9102"][4] == "alice"


# API ---------------------------------------------------------------------------------------


def test_api_follows_the_same_rules(client, users, answered):
    assert client.get(API).status_code == 404
    client.force_login(users["kansli"])
    preview = client.get(API).json()
    assert preview["preview"] is True and preview["respondents"] == 3
    client.logout()
    answered.state = SurveyState.CLOSED
    answered.save()
    body = client.get(API).json()
    assert body["title"] == "Klimatläget 2025" and body["preview"] is False
    assert body["respondent_list"] == []
    questions = {q["key"]: q for c in body["chapters"] for q in c["questions"]}
    assert questions["budget"]["numbers"]["mean"] == 75
    assert client.get(API + "?internal=true").status_code == 403
    client.force_login(users["alice"])
    assert client.get(API + "?internal=true").status_code == 403
    client.force_login(users["kansli"])
    internal = client.get(API + "?internal=true").json()
    assert len(internal["respondent_list"]) == 11


# Nobody has answered ------------------------------------------------------------------------


@pytest.fixture
def unanswered(users, survey):
    """The survey closed without a single counted response (one member started, never sent)."""
    from klimatlaget.demo.association import EXAMPLE_TARGETS
    from klimatlaget.targets.imports import import_targets

    import_targets(EXAMPLE_TARGETS, actor=command_line())
    _answer(users["kansli"], survey, "9104", {"has_target": True}, submit=False)
    survey.state = SurveyState.CLOSED
    survey.save()
    return survey


def test_without_answers_the_headline_figures_are_over_all_members(unanswered):
    from klimatlaget.associations.models import members_in_year
    from klimatlaget.surveys.report.content import Basis

    report = build_report(unanswered, public=True)
    assert report.respondents == 0 and not report.has_answers and report.chapters == []
    assert report.basis == Basis.MEMBERS
    codes = list(members_in_year(unanswered.association, 2025).values_list("code", flat=True))
    assert report.emissions.with_data == len(codes) == 11
    changes = {m.code: m.change_pct for m in report.emissions.members}
    municipalities = [code for code in codes if len(code) == 4]  # regions: the dataset's totals
    latest, mean = _expected_change(municipalities, 2025)
    assert report.emissions.latest_year == latest
    assert pytest.approx(mean) == sum(changes[c] for c in municipalities) / len(municipalities)
    assert report.emissions.mean_change_pct == pytest.approx(sum(changes.values()) / 11)
    assert sum(v.count for v in report.verdicts) == len(codes) == report.invited
    assert any("all 11 members of the year" in s for s in display.summary_sentences(report))


def test_without_answers_page_pdf_and_excel_say_so_in_one_sentence(client, unanswered):
    page = client.get(URL).content.decode()
    assert page.count(NO_ANSWERS) == 1
    assert 'data-basis="members"' in page and 'class="chapter"' not in page
    pdf = client.get(URL + "report.pdf").content
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = " ".join(_pdf_text(pdf).split())
    assert NO_ANSWERS in text and "Do you have a target?" not in text
    assert "all 11 members of the year" in text
    book = openpyxl.load_workbook(io.BytesIO(client.get(URL + "report.xlsx").content))
    assert book.sheetnames == ["Summary"]
    cells = [c for row in book["Summary"].iter_rows(values_only=True) for c in row if c]
    assert NO_ANSWERS in cells
    data = client.get(API).json()
    assert (data["basis"], data["has_answers"], data["chapters"]) == ("members", False, [])


def test_with_answers_the_figures_say_they_are_over_the_respondents(client, closed):
    page = client.get(URL).content.decode()
    assert 'data-basis="respondents"' in page and NO_ANSWERS not in page
    assert "computed over the 3 members who answered" in page
