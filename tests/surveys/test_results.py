"""The statistics page, its CSV and the API: figures per question, filters, earlier years and
who may see them."""

import csv
import io

import pytest

from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.building import copy_survey
from klimatlaget.surveys.models import Response, SurveyState
from klimatlaget.surveys.results.table import COLUMNS

pytestmark = pytest.mark.usefixtures("english")

SECRET = "Only the secretariat reads this note"


def _answer(user, survey, code, answers, submit=True):
    member = Organisation.objects.get(code=code)
    response = services.start_response(user, survey, member)
    result = services.save_answers(user, response, answers)
    assert not result.problems, result.messages()
    if submit:
        services.confirm_prefilled(user, response)
        services.submit(user, response)
    return response


@pytest.fixture
def answered(users, survey):
    """Counted: Strandhamn 9102 (county 91, approved), Tallnäs 9201 (county 92) and the region
    91 (submitted). Not counted: 9101, which has not submitted."""
    alice, bob, kansli = users["alice"], users["bob"], users["kansli"]
    strandhamn = _answer(
        alice,
        survey,
        "9102",
        {
            "has_target": "ja",
            "target_year": "2030",
            "target_kind": "territory",
            "sectors": ["transport", "energy"],
            "budget": "10",
            "comment": SECRET,
            "measures": [{"name": "Buses", "tonnes": "100", "done": "ja"}],
        },
    )
    services.approve(kansli, strandhamn)
    _answer(
        bob,
        survey,
        "9201",
        {
            "has_target": "nej",
            "sectors": "Transport",
            "budget": "30",
            "measures": [{"name": "Bikes", "tonnes": "20", "done": "nej"}, {"name": "Solar"}],
        },
    )
    _answer(kansli, survey, "91", {"has_target": True, "target_year": 2040})
    _answer(kansli, survey, "9101", {"has_target": True, "budget": 1000}, submit=False)
    return survey


@pytest.fixture
def earlier(users, answered):
    """The same survey in 2024 (without the comment question): 9102 and 9201 answered no."""
    survey = copy_survey(answered, 2024)
    survey.state = SurveyState.OPEN
    survey.save()
    survey.questions.filter(key="comment").delete()
    _answer(users["alice"], survey, "9102", {"has_target": False, "budget": 20})
    _answer(users["bob"], survey, "9201", {"has_target": False, "budget": 40})
    return survey


def _url(survey, suffix="/"):
    return f"/associations/{survey.association.code}/surveys/{survey.pk}/statistics{suffix}"


def _csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def kansli(client, users):
    client.force_login(users["kansli"])
    return client


def _blocks(response):
    return {b.statistic.key: b for s in response.context["sections"] for b in s.questions}


def test_the_page_sums_up_every_kind_of_question(kansli, answered):
    response = kansli.get(_url(answered))
    assert response.status_code == 200
    html = response.content.decode()
    blocks = _blocks(response)
    assert [s.title for s in response.context["sections"]] == ["Targets", "Work"]
    assert response.context["result"].respondents == 3
    has_target = blocks["has_target"]
    assert [(o.label, o.count, round(o.percent)) for o in has_target.options] == [
        ("Yes", 2, 67),
        ("No", 1, 33),
    ]
    assert '<p class="answered" id="q-has_target-answered">3 of 3 answered</p>' in html
    assert 'id="chart-has_target-title">Do you have a target?</title>' in html
    assert "Share of the 3 members who answered" in html
    # target_year is asked only after a yes: 2 of 3 answered, a distribution of years.
    assert [(o.key, o.count) for o in blocks["target_year"].options] == [("2030", 1), ("2040", 1)]
    assert "2 of 3 answered" in html
    sectors = {o.key: (o.count, o.percent) for o in blocks["sectors"].options}
    assert sectors == {"transport": (2, 100), "energy": (1, 50), "food": (0, 0)}
    numbers = blocks["budget"].statistic.numbers
    assert (numbers.count, numbers.total, numbers.mean, numbers.median) == (2, 40, 20, 20)
    assert '<td class="num" data-measure="maximum">30 kr</td>' in html
    assert blocks["comment"].counted_only and blocks["comment"].chart is None
    assert SECRET not in html  # free texts are read in the responses, not listed here
    measures = blocks["measures"]
    assert measures.statistic.rows == 3
    name, tonnes, done = measures.columns
    assert (name.statistic.answered, tonnes.statistic.numbers.total) == (3, 120)
    assert [(o.key, o.count) for o in done.options] == [("yes", 1), ("no", 1)]
    assert "Filled in on 2 of 3 rows" in html
    assert all(not block.years for block in blocks.values())  # no earlier year yet


FILTERS = [
    ("county=91", 2, 2),  # Strandhamn and the region itself
    ("county=92", 1, 0),
    ("kind=county", 1, 1),
    ("kind=municipality", 2, 1),
    ("approved_only=1", 1, 1),
    ("kind=municipality&county=91", 1, 1),
]


def test_filters_narrow_the_members_counted(kansli, answered):
    for query, counted, yes in FILTERS:
        response = kansli.get(_url(answered) + "?" + query)
        has_target = _blocks(response)["has_target"].statistic
        assert (response.context["result"].respondents, has_target.answered) == (counted, counted)
        assert has_target.yes == yes, query
        link = f"{_url(answered, '.csv')}?{query}".replace("&", "&amp;")
        assert f'href="{link}"' in response.content.decode()
    # An unknown kind means every member; the CSV link then has no filter.
    response = kansli.get(_url(answered) + "?kind=club")
    assert response.context["result"].respondents == 3
    assert f'href="{_url(answered, ".csv")}"' in response.content.decode()


def test_the_filter_offers_the_counties_of_the_members(kansli, answered):
    response = kansli.get(_url(answered))
    codes = [code for code, _name in response.context["choices"].counties]
    assert sorted(codes) == ["91", "92"]
    assert 'name="size"' in response.content.decode()


def test_size_classes_count_members_by_their_inhabitants(kansli, answered):
    counts = {}
    for size in ("small", "medium", "large", "city"):
        data = kansli.get(f"/api/surveys/{answered.pk}/statistics?size={size}").json()
        counts[size] = data["respondents"]
    everyone = kansli.get(f"/api/surveys/{answered.pk}/statistics").json()["respondents"]
    assert 0 < sum(counts.values()) <= everyone
    assert any(count < sum(counts.values()) for count in counts.values())


def test_earlier_years_are_compared_where_the_question_was_asked(kansli, earlier, answered):
    response = kansli.get(_url(answered))
    blocks = _blocks(response)
    years = [(row.year, row.answered, row.value) for row in blocks["has_target"].years]
    assert years[0] == (2024, 2, 0)
    assert years[1][:2] == (2025, 3) and round(years[1][2]) == 67
    assert [(row.year, row.value) for row in blocks["budget"].years] == [(2024, 30), (2025, 20)]
    assert blocks["comment"].years == []  # not asked in 2024
    html = response.content.decode()
    assert 'id="q-has_target-years"' in html
    assert 'id="years-has_target-title">Do you have a target?, by year</title>' in html
    # The filter applies to the earlier years as well.
    response = kansli.get(_url(answered) + "?county=92")
    assert [(r.year, r.value) for r in _blocks(response)["budget"].years] == [
        (2024, 40),
        (2025, 30),
    ]


def test_the_csv_has_a_row_per_measure_with_the_filters_applied(kansli, earlier, answered):
    rows = _csv(kansli.get(_url(answered, ".csv") + "?county=91"))
    assert list(rows[0]) == COLUMNS
    by = {(r["question_key"], r["column"], r["measure"], r["option"], r["year"]): r for r in rows}
    yes = by[("has_target", "", "option", "yes", "2025")]
    assert (yes["option_label"], yes["count"], yes["share"]) == ("Yes", "2", "1.0")
    assert (yes["answered"], yes["respondents"]) == ("2", "2")
    assert by[("budget", "", "mean", "", "2025")]["value"] == "10.0"
    assert by[("budget", "", "mean", "", "2025")]["unit"] == "kr"
    assert by[("measures", "", "rows", "", "2025")]["count"] == "1"
    assert by[("measures", "tonnes", "total", "", "2025")]["value"] == "100.0"
    assert by[("comment", "", "answered", "", "2025")]["count"] == "1"
    earlier_yes = by[("has_target", "", "year_share_yes", "", "2024")]
    assert (earlier_yes["value"], earlier_yes["answered"]) == ("0.0", "1")
    assert ("comment", "", "year_answered", "", "2024") not in by
    assert SECRET not in str(rows)


def test_the_api_gives_every_question_with_options_numbers_and_years(kansli, earlier, answered):
    response = kansli.get(f"/api/surveys/{answered.pk}/statistics")
    assert response.status_code == 200
    data = response.json()
    assert (data["year"], data["association"], data["respondents"]) == (2025, "klimatkommunerna", 3)
    questions = {q["key"]: q for q in data["questions"]}
    assert list(questions)[:2] == ["has_target", "target_year"]
    has_target = questions["has_target"]
    assert (has_target["kind"], has_target["text"]) == ("yes_no", "Do you have a target?")
    assert [(o["key"], o["label"], o["count"]) for o in has_target["options"]] == [
        ("yes", "Yes", 2),
        ("no", "No", 1),
    ]
    first = has_target["by_year"][0]
    assert (first["year"], first["label"], first["value"]) == (2024, "share_yes", 0.0)
    assert questions["budget"]["numbers"] == {
        "count": 2,
        "total": 40.0,
        "mean": 20.0,
        "median": 20.0,
        "minimum": 10.0,
        "maximum": 30.0,
    }
    assert questions["comment"]["answered"] == 1 and questions["comment"]["by_year"] == []
    measures = questions["measures"]
    assert measures["rows"] == 3
    assert [c["key"] for c in measures["columns"]] == ["name", "tonnes", "done"]
    assert measures["columns"][1]["numbers"]["total"] == 120
    approved = kansli.get(f"/api/surveys/{answered.pk}/statistics?approved_only=true").json()
    assert approved["respondents"] == 1
    regions = kansli.get(f"/api/surveys/{answered.pk}/statistics?kind=county").json()
    assert regions["respondents"] == 1


def test_the_api_csv_is_the_page_csv(kansli, earlier, answered):
    api = kansli.get(f"/api/surveys/{answered.pk}/statistics?format=csv&county=92")
    page = kansli.get(_url(answered, ".csv") + "?county=92")
    assert api.status_code == page.status_code == 200
    assert api.content == page.content
    assert "attachment" in api["Content-Disposition"]


def test_unsubmitted_and_returned_responses_do_not_count(kansli, users, answered):
    response = Response.objects.get(survey=answered, member__code="9201")
    services.return_for_correction(users["kansli"], response, "Check the budget.")
    data = kansli.get(f"/api/surveys/{answered.pk}/statistics").json()
    assert data["respondents"] == 2
    budget = next(q for q in data["questions"] if q["key"] == "budget")
    assert budget["numbers"]["total"] == 10  # 9101's 1000 and 9201's 30 are not counted


def test_only_the_secretariat_sees_the_statistics(client, users, answered):
    api = f"/api/surveys/{answered.pk}/statistics"
    for who in ("alice", "bob", "lasare", "nobody"):
        client.force_login(users[who])
        for url in (_url(answered), _url(answered, ".csv"), api, api + "?format=csv"):
            assert client.get(url).status_code == 403, (who, url)
    client.logout()
    for url in (_url(answered), _url(answered, ".csv")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert client.get(api).status_code == 401
    client.force_login(users["kansli"])
    for url in (_url(answered), _url(answered, ".csv"), api, api + "?format=csv"):
        assert client.get(url).status_code == 200


def test_a_survey_is_found_only_under_its_own_association(kansli, answered):
    assert kansli.get(_url(answered)).status_code == 200
    wrong = f"/associations/9102/surveys/{answered.pk}/statistics/"
    assert kansli.get(wrong).status_code == 404
    missing = f"/associations/klimatkommunerna/surveys/{answered.pk + 99}/statistics/"
    assert kansli.get(missing).status_code == 404
    assert kansli.get(f"/api/surveys/{answered.pk + 99}/statistics").status_code == 404


def test_no_answers_say_so_instead_of_empty_statistics(kansli, answered):
    empty = kansli.get(_url(copy_survey(answered, 2024))).content.decode()
    assert empty.count('id="no-answers"') == 1
    assert "No member has answered the survey yet" in empty
    assert 'class="question-statistics"' not in empty
    filtered = kansli.get(_url(answered) + "?kind=county&county=92").content.decode()
    assert "No counted response matches these filters" in filtered
    assert 'class="question-statistics"' not in filtered
    assert 'id="no-answers"' not in kansli.get(_url(answered)).content.decode()
