"""The question editor: the secretariat changes a survey's sections and questions through the
services, the pages and the API; structure only while the survey is being prepared."""

import pytest
from django.core.exceptions import ValidationError
from django.forms import ValidationError as FormError

from klimatlaget.audit.models import AuditEntry
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.building import create_survey, definition_of
from klimatlaget.surveys.models import Question, Section, Survey, SurveyState
from klimatlaget.surveys.secretariat import editing
from klimatlaget.surveys.secretariat.question_forms import parse_choices, parse_columns

from .conftest import EVERY_KIND

pytestmark = pytest.mark.usefixtures("english")

LIST = "/associations/klimatkommunerna/surveys/"


@pytest.fixture
def draft(survey):
    survey.state = SurveyState.DRAFT
    survey.save()
    return survey


@pytest.fixture
def kansli(users):
    return users["kansli"]


def _keys(survey):
    return list(survey.questions.order_by("section__order", "order").values_list("key", flat=True))


def _messages(error):
    return " ".join(error.value.messages)


# The services: a draft ---------------------------------------------------------------------


def test_a_draft_takes_new_questions_with_conditions(draft, kansli):
    editing.add_question(
        kansli,
        draft,
        "targets",
        {"key": "cycling_target", "kind": "yes_no", "text": "Har ni ett cykelmål?"},
    )
    editing.add_question(
        kansli,
        draft,
        "targets",
        {
            "key": "cycling_year",
            "kind": "year",
            "text": "Vilket år?",
            "condition": {"question": "cycling_target", "equals": True},
        },
    )
    assert _keys(draft)[4:6] == ["cycling_target", "cycling_year"]
    year = Question.objects.get(key="cycling_year")
    assert (year.condition_question, year.condition_value) == ("cycling_target", True)
    assert year.spec().condition.equals is True
    entry = (
        AuditEntry.objects.filter(action="klimatlaget.survey.question_added").order_by("id").last()
    )
    assert entry.organisation == draft.association
    assert entry.actor == kansli
    assert entry.changes["question"] == [None, "cycling_year"]


def test_a_draft_changes_structure_moves_and_removes(draft, kansli):
    editing.change_question(
        kansli, draft, "comment", {"key": "other_comment", "kind": "text", "required": True}
    )
    editing.move_question(kansli, draft, "other_comment", "up")
    assert _keys(draft)[4:6] == ["other_comment", "budget"]
    editing.remove_question(kansli, draft, "plan_link")
    assert "plan_link" not in _keys(draft)
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-3:] == [
        "klimatlaget.survey.question_changed",
        "klimatlaget.survey.question_moved",
        "klimatlaget.survey.question_removed",
    ]
    changed = AuditEntry.objects.get(action="klimatlaget.survey.question_changed").changes
    assert changed["key"] == ["comment", "other_comment"]
    assert changed["required"] == [False, True]


def test_a_key_must_be_a_unique_slug(draft, kansli):
    with pytest.raises(ValidationError) as taken:
        editing.add_question(kansli, draft, "work", {"key": "budget", "kind": "text", "text": "?"})
    assert taken.value.message_dict["key"] == ["The key budget is already used in this survey."]
    with pytest.raises(ValidationError) as bad:
        editing.change_question(kansli, draft, "comment", {"key": "Övrigt 1"})
    assert "only letters a–z" in bad.value.message_dict["key"][0]
    assert _keys(draft).count("budget") == 1 and "comment" in _keys(draft)


def test_a_condition_must_refer_to_an_earlier_question_with_a_possible_value(draft, kansli):
    item = {
        "key": "early",
        "kind": "text",
        "text": "?",
        "condition": {"question": "has_target", "equals": True},
    }
    with pytest.raises(ValidationError) as before:
        editing.add_question(kansli, draft, "targets", item, position=0)
    assert "must refer to an earlier question, not 'has_target'" in _messages(before)
    with pytest.raises(ValidationError) as moved:
        editing.move_question(kansli, draft, "target_year", "up")
    assert "Question target_year: Its condition must refer to an earlier question" in (
        _messages(moved)
    )
    with pytest.raises(ValidationError) as value:
        editing.add_question(
            kansli,
            draft,
            "work",
            {**item, "condition": {"question": "target_kind", "equals": "regional"}},
        )
    assert "one of the options of target_kind: territory, organisation" in _messages(value)
    with pytest.raises(ValidationError) as not_a_choice:
        editing.add_question(
            kansli, draft, "work", {**item, "condition": {"question": "budget", "equals": 1}}
        )
    assert "only to a yes/no or choice question; budget is not" in _messages(not_a_choice)
    assert "early" not in _keys(draft)


def test_dependants_keep_a_question(draft, kansli):
    with pytest.raises(ValidationError) as removing:
        editing.remove_question(kansli, draft, "has_target")
    assert "question target_year depend on the question has_target" in _messages(removing)
    with pytest.raises(ValidationError) as renaming:
        editing.change_question(kansli, draft, "has_target", {"key": "target"})
    assert "Its key cannot change: question target_year depend" in _messages(renaming)
    with pytest.raises(ValidationError) as kind:
        editing.change_question(kansli, draft, "has_target", {"kind": "text"})
    assert "Question target_year: A condition can refer only to a yes/no" in _messages(kind)
    assert _keys(draft)[:2] == ["has_target", "target_year"]


def test_requirements_keep_the_questions_they_check(association, kansli):
    definition = {
        **EVERY_KIND,
        "requirements": [
            {
                "key": "plan",
                "text": "A plan",
                "checks": [{"question": "plan_link", "kind": "answered"}],
            }
        ],
    }
    test = create_survey(association, 2025, "membership_test", definition)
    with pytest.raises(ValidationError) as refused:
        editing.remove_question(kansli, test, "plan_link")
    assert "requirement plan depend on the question plan_link" in _messages(refused)
    with pytest.raises(ValidationError) as section:
        editing.remove_section(kansli, test, "work")
    assert "requirement plan depend on its question plan_link" in _messages(section)
    assert test.questions.filter(key="plan_link").exists()


def test_a_draft_section_goes_with_its_questions(draft, kansli):
    added = editing.add_section(kansli, draft, {"key": "cycling", "title": "Cykling"})
    assert added["key"] == "cycling"
    editing.move_section(kansli, draft, "cycling", "up")
    assert list(draft.sections.values_list("key", flat=True)) == ["targets", "cycling", "work"]
    editing.change_section(kansli, draft, "cycling", {"title": "Cykel", "key": "bike"})
    assert draft.sections.get(order=1).title == "Cykel"
    removed = editing.remove_section(kansli, draft, "work")
    assert removed == ["budget", "comment", "plan_link", "plan_file", "measures"]
    assert _keys(draft) == ["has_target", "target_year", "target_kind", "sectors"]
    with pytest.raises(ValidationError) as twice:
        editing.add_section(kansli, draft, {"key": "targets", "title": "Again"})
    assert twice.value.message_dict["key"] == ["The key targets is already used in this survey."]
    entry = AuditEntry.objects.get(action="klimatlaget.survey.section_removed")
    assert entry.changes["questions"][0] == removed


# The services: an open survey --------------------------------------------------------------


def test_an_open_survey_takes_new_wording(survey, kansli):
    labels = [
        {"key": "territory", "label": "Geografiskt"},
        {"key": "organisation", "label": "Organisationen"},
    ]
    editing.change_question(
        kansli,
        survey,
        "target_kind",
        {"text": "Vilket slags mål?", "help_text": "Välj ett.", "choices": labels},
    )
    columns = definition_of(survey)["sections"][1]["questions"][4]["columns"]
    columns[1] = {**columns[1], "label": "Minskning", "unit": "ton"}
    editing.change_question(kansli, survey, "measures", {"columns": columns})
    editing.change_section(kansli, survey, "work", {"title": "Arbetet", "description": "Så"})
    question = Question.objects.get(key="target_kind")
    assert (question.text, question.choices) == ("Vilket slags mål?", labels)
    assert Question.objects.get(key="measures").spec().columns[1].unit == "ton"
    assert Section.objects.get(key="work").title == "Arbetet"


@pytest.mark.parametrize(
    "key, changes",
    [
        ("comment", {"key": "other"}),
        ("comment", {"kind": "link"}),
        ("comment", {"required": True}),
        ("budget", {"maximum": 10}),
        ("target_kind", {"choices": [{"key": "territory", "label": "Territorial"}]}),
        ("target_year", {"condition": None}),
        ("comment", {"section": "targets"}),
    ],
)
def test_an_open_survey_refuses_structure(survey, kansli, key, changes):
    before = definition_of(survey)
    with pytest.raises(ValidationError) as refused:
        editing.change_question(kansli, survey, key, changes)
    assert "only the wording of its sections and questions can change" in _messages(refused)
    assert "The survey is open for answers" in _messages(refused)
    assert definition_of(survey) == before
    assert not AuditEntry.objects.filter(action__startswith="klimatlaget.survey.").exists()


def test_an_open_survey_refuses_adding_moving_and_removing(survey, kansli):
    calls = [
        lambda: editing.add_question(
            kansli, survey, "work", {"key": "x", "kind": "text", "text": "?"}
        ),
        lambda: editing.remove_question(kansli, survey, "comment"),
        lambda: editing.move_question(kansli, survey, "comment", "up"),
        lambda: editing.add_section(kansli, survey, {"key": "more", "title": "More"}),
        lambda: editing.move_section(kansli, survey, "work", "up"),
        lambda: editing.remove_section(kansli, survey, "work"),
    ]
    for call in calls:
        with pytest.raises(ValidationError, match="only the wording"):
            call()
    assert len(_keys(survey)) == 9 and survey.sections.count() == 2


def test_an_empty_section_can_go_from_an_open_survey(draft, kansli):
    editing.add_section(kansli, draft, {"key": "empty", "title": "Tom"})
    draft.state = SurveyState.OPEN
    draft.save()
    assert editing.remove_section(kansli, draft, "empty") == []
    assert list(draft.sections.values_list("key", flat=True)) == ["targets", "work"]


def test_only_the_secretariat_edits(survey, users):
    for name in ("alice", "lasare", "nobody"):
        with pytest.raises(Exception) as refused:
            editing.change_question(users[name], survey, "comment", {"text": "Hacked"})
        assert refused.type.__name__ == "PermissionDenied"
    assert Question.objects.get(key="comment").text == "Anything else?"


def test_answers_given_stay_valid_after_new_wording(survey, users, kansli):
    response = services.start_response(
        users["alice"], survey, Organisation.objects.get(code="9102")
    )
    services.save_answers(users["alice"], response, {"target_kind": "Territorial"})
    editing.change_question(
        kansli,
        survey,
        "target_kind",
        {
            "choices": [
                {"key": "territory", "label": "Geo"},
                {"key": "organisation", "label": "Org"},
            ]
        },
    )
    assert services.answers_of(response)["target_kind"] == "territory"


# Reading the forms' text -------------------------------------------------------------------


def test_choices_are_read_one_per_line():
    assert parse_choices("walk | Gång\nCykel och gång\n\n  Bil  ") == [
        {"key": "walk", "label": "Gång"},
        {"key": "cykel_och_gang", "label": "Cykel och gång"},
        {"key": "bil", "label": "Bil"},
    ]
    with pytest.raises(FormError, match="Line 2: write"):
        parse_choices("a | A\nb | B | C")


def test_columns_are_read_one_per_line():
    columns = parse_columns("name | Åtgärd | text | ja\n | Ton | number | nej | t", None)
    assert columns[0] == {
        "key": "name",
        "label": "Åtgärd",
        "kind": "text",
        "required": True,
        "unit": "",
    }
    assert columns[1] == {
        "key": "ton",
        "label": "Ton",
        "kind": "number",
        "required": False,
        "unit": "t",
    }
    with pytest.raises(FormError, match="Line 1: a column's kind is one of"):
        parse_columns("x | X | file", None)
    with pytest.raises(FormError, match="Line 1: required must be yes or no, not “kanske”"):
        parse_columns("x | X | text | kanske", None)


# The pages ---------------------------------------------------------------------------------


def _page_urls(survey):
    base = f"{LIST}{survey.pk}/"
    return [
        f"{base}questions/add/",
        f"{base}questions/comment/",
        f"{base}questions/comment/delete/",
        f"{base}sections/add/",
        f"{base}sections/work/",
        f"{base}sections/work/delete/",
    ]


def test_pages_send_anonymous_users_to_log_in(client, survey):
    for url in _page_urls(survey):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["alice", "lasare", "nobody"])
def test_pages_refuse_everybody_but_the_secretariat(client, users, draft, who):
    client.force_login(users[who])
    for url in _page_urls(draft):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"key": "x", "title": "x", "text": "x"}).status_code == 403, url
    move = f"{LIST}{draft.pk}/questions/comment/move/"
    assert client.post(move, {"direction": "up"}).status_code == 403
    assert len(_keys(draft)) == 9
    assert not AuditEntry.objects.filter(action__startswith="klimatlaget.survey.").exists()


def test_the_overview_links_to_the_editor(client, users, draft):
    client.force_login(users["kansli"])
    page = client.get(f"{LIST}{draft.pk}/").content.decode()
    for anchor in (
        'id="add-section"',
        'id="edit-comment"',
        'id="remove-comment"',
        'id="up-comment"',
    ):
        assert anchor in page
    draft.state = SurveyState.OPEN
    draft.save()
    page = client.get(f"{LIST}{draft.pk}/").content.decode()
    assert 'id="edit-comment"' in page and 'id="remove-comment"' not in page
    assert 'id="add-section"' not in page


def _question_post(**values):
    data = {
        "section": "work",
        "key": "cycling_target",
        "kind": "yes_no",
        "text": "Har ni ett cykelmål?",
        "max_rows": "50",
        "max_file_mb": "10",
        "file_types": "pdf, docx",
    }
    data.update(values)
    return data


def test_adding_a_question_on_the_page(client, users, draft):
    client.force_login(users["kansli"])
    url = f"{LIST}{draft.pk}/questions/add/"
    assert 'value="work" selected' in client.get(f"{url}?section=work").content.decode()
    response = client.post(url, _question_post())
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{draft.pk}/#section-work"
    response = client.post(
        url,
        _question_post(
            key="walking",
            kind="single_choice",
            choices="Ofta\nsometimes | Ibland",
            condition_question="cycling_target",
            condition_value="ja",
        ),
    )
    assert response.status_code == 302
    walking = Question.objects.get(key="walking")
    assert walking.choices == [
        {"key": "ofta", "label": "Ofta"},
        {"key": "sometimes", "label": "Ibland"},
    ]
    assert (walking.condition_question, walking.condition_value) == ("cycling_target", True)
    assert walking.file_types == ["pdf", "docx"]
    assert _keys(draft)[-2:] == ["cycling_target", "walking"]


def test_the_question_form_shows_the_problems(client, users, draft):
    client.force_login(users["kansli"])
    url = f"{LIST}{draft.pk}/questions/add/"
    taken = client.post(url, _question_post(key="budget")).content.decode()
    assert "The key budget is already used in this survey." in taken
    no_choices = client.post(url, _question_post(kind="single_choice")).content.decode()
    assert "A choice question needs choices." in no_choices
    bad_value = client.post(
        url, _question_post(condition_question="has_target", condition_value="kanske")
    ).content.decode()
    assert "Write yes or no." in bad_value
    bad_column = client.post(
        url, _question_post(kind="table", columns="x | X | file")
    ).content.decode()
    assert "Line 1: a column&#x27;s kind is one of" in bad_column
    assert len(_keys(draft)) == 9


def test_editing_a_question_of_an_open_survey_changes_only_wording(client, users, survey):
    client.force_login(users["kansli"])
    url = f"{LIST}{survey.pk}/questions/budget/"
    page = client.get(url).content.decode()
    assert 'id="wording-only"' in page
    assert 'name="key" value="budget"' in page and "disabled" in page
    posted = _question_post(
        key="hacked", kind="text", text="Klimatbudget?", unit="kkr", choices="", required="on"
    )
    assert client.post(url, posted).status_code == 302
    budget = Question.objects.get(pk=survey.questions.get(key="budget").pk)
    assert (budget.key, budget.kind, budget.text, budget.unit) == (
        "budget",
        "number",
        "Klimatbudget?",
        "kkr",
    )
    assert (budget.required, budget.maximum, budget.max_file_bytes) == (False, 1e9, 10485760)
    plan_file = f"{LIST}{survey.pk}/questions/plan_file/"
    assert client.post(plan_file, _question_post(text="Planen som fil")).status_code == 302
    assert Question.objects.get(key="plan_file").max_file_bytes == 1000


def test_removing_on_the_page_asks_first(client, users, draft):
    client.force_login(users["kansli"])
    base = f"{LIST}{draft.pk}/"
    blocked = client.get(f"{base}questions/has_target/delete/").content.decode()
    assert 'id="blockers"' in blocked and "question target_year" in blocked
    assert 'id="confirm-delete"' not in blocked
    section = client.get(f"{base}sections/work/delete/").content.decode()
    assert 'data-key="budget"' in section and 'data-key="measures"' in section
    response = client.post(f"{base}sections/work/delete/", follow=True)
    assert "The section was removed." in response.content.decode()
    assert draft.sections.count() == 1
    refused = client.post(f"{base}questions/has_target/delete/", follow=True).content.decode()
    assert "depend on the question has_target" in refused
    client.post(f"{base}questions/sectors/move/", {"direction": "up"})
    assert _keys(draft) == ["has_target", "target_year", "sectors", "target_kind"]


def test_sections_on_the_page(client, users, draft):
    client.force_login(users["kansli"])
    base = f"{LIST}{draft.pk}/"
    response = client.post(f"{base}sections/add/", {"key": "cycling", "title": "Cykling"})
    assert response["Location"] == f"{base}#section-cycling"
    again = client.post(f"{base}sections/add/", {"key": "cycling", "title": "Igen"})
    assert "The key cycling is already used in this survey." in again.content.decode()
    client.post(f"{base}sections/cycling/", {"key": "cykel", "title": "Cykel", "description": ""})
    client.post(f"{base}sections/cykel/move/", {"direction": "up"})
    assert list(draft.sections.values_list("key", "title")) == [
        ("targets", "Targets"),
        ("cykel", "Cykel"),
        ("work", "Work"),
    ]


def test_another_surveys_question_is_not_found(client, users, survey, association):
    other = create_survey(
        association,
        2024,
        "klimatlaget",
        {
            "title": "Äldre",
            "sections": [
                {
                    "key": "old",
                    "title": "Old",
                    "questions": [{"key": "only_here", "kind": "text", "text": "?"}],
                }
            ],
        },
    )
    client.force_login(users["kansli"])
    base = f"{LIST}{survey.pk}/"
    assert client.get(f"{base}questions/only_here/").status_code == 404
    assert client.post(f"{base}questions/only_here/delete/").status_code == 404
    assert client.get(f"{base}sections/old/").status_code == 404
    Organisation.objects.create(code="K2", name="Andra", kind="association")
    assert (
        client.get(f"/associations/K2/surveys/{other.pk}/questions/only_here/").status_code == 404
    )
    assert other.questions.count() == 1


# The API -----------------------------------------------------------------------------------


def _json(client, method, url, body=None):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, content_type="application/json")


def _api_calls(survey):
    base = f"/api/surveys/{survey.pk}"
    return [
        ("get", f"{base}/definition", None),
        ("post", f"{base}/sections", {"key": "more", "title": "More"}),
        ("patch", f"{base}/sections/work", {"title": "Hacked"}),
        ("delete", f"{base}/sections/work", None),
        ("post", f"{base}/questions", {"section": "work", "key": "x", "kind": "text", "text": "?"}),
        ("patch", f"{base}/questions/comment", {"text": "Hacked"}),
        ("delete", f"{base}/questions/comment", None),
        (
            "post",
            "/api/associations/klimatkommunerna/surveys",
            {"year": 2030, "kind": "klimatlaget", "from": "definition", "definition": EVERY_KIND},
        ),
    ]


@pytest.mark.parametrize("who, expected", [(None, 401), ("alice", 403), ("lasare", 403)])
def test_the_api_refuses_everybody_but_the_secretariat(client, users, draft, who, expected):
    if who:
        client.force_login(users[who])
    for method, url, body in _api_calls(draft):
        assert _json(client, method, url, body).status_code == expected, url
    assert len(_keys(draft)) == 9 and Survey.objects.count() == 1
    assert not AuditEntry.objects.filter(action__startswith="klimatlaget.survey.").exists()


def test_the_api_edits_a_draft(client, users, draft):
    client.force_login(users["kansli"])
    base = f"/api/surveys/{draft.pk}"
    definition = client.get(f"{base}/definition").json()
    assert definition == definition_of(draft)
    section = _json(client, "post", f"{base}/sections", {"key": "cycling", "title": "Cykling"})
    assert section.status_code == 201
    assert section.json() == {
        "key": "cycling",
        "title": "Cykling",
        "description": "",
        "title_en": "",
        "description_en": "",
        "questions": [],
    }
    added = _json(
        client,
        "post",
        f"{base}/questions",
        {
            "section": "cycling",
            "key": "cycling_target",
            "kind": "single_choice",
            "text": "Cykelmål?",
            "choices": [{"key": "yes", "label": "Ja"}, {"key": "no", "label": "Nej"}],
            "condition": {"question": "has_target", "equals": True},
        },
    )
    assert added.status_code == 201, added.json()
    body = added.json()
    assert (body["section"], body["condition"], body["max_rows"]) == (
        "cycling",
        {"question": "has_target", "equals": True},
        50,
    )
    changed = _json(
        client, "patch", f"{base}/questions/cycling_target", {"required": True, "condition": None}
    )
    assert changed.status_code == 200
    assert (changed.json()["required"], changed.json()["condition"]) == (True, None)
    renamed = _json(client, "patch", f"{base}/sections/cycling", {"key": "bike"})
    assert renamed.json()["questions"] == ["cycling_target"]
    assert _json(client, "delete", f"{base}/questions/cycling_target").status_code == 204
    assert _json(client, "delete", f"{base}/sections/bike").status_code == 204
    assert definition_of(draft) == definition
    assert _json(client, "delete", f"{base}/questions/nothing").status_code == 404
    assert _json(client, "patch", f"{base}/sections/nothing", {"title": "x"}).status_code == 404


def test_the_api_answers_422_with_the_reason(client, users, survey):
    client.force_login(users["kansli"])
    base = f"/api/surveys/{survey.pk}"
    structure = _json(client, "patch", f"{base}/questions/comment", {"kind": "link"})
    assert structure.status_code == 422
    assert "The question was not changed." in structure.json()["detail"]
    assert "only the wording" in structure.json()["detail"]
    wording = _json(client, "patch", f"{base}/questions/comment", {"text": "Övrigt?"})
    assert (wording.status_code, wording.json()["text"]) == (200, "Övrigt?")
    survey.state = SurveyState.DRAFT
    survey.save()
    taken = _json(
        client,
        "post",
        f"{base}/questions",
        {"section": "work", "key": "budget", "kind": "text", "text": "?"},
    )
    assert taken.status_code == 422
    assert taken.json()["errors"] == {"key": ["The key budget is already used in this survey."]}
    nowhere = _json(
        client,
        "post",
        f"{base}/questions",
        {"section": "nope", "key": "x", "kind": "text", "text": "?"},
    )
    assert nowhere.json()["errors"] == {"section": ["There is no section nope."]}
    dependants = _json(client, "delete", f"{base}/questions/has_target")
    assert dependants.status_code == 422
    assert "question target_year depend on the question has_target" in dependants.json()["detail"]
    untitled = _json(client, "post", f"{base}/sections", {"key": "x", "title": " "})
    assert untitled.json()["errors"] == {"title": ["Give the section a title."]}


def test_the_api_creates_a_survey_from_a_definition(client, users, survey):
    client.force_login(users["kansli"])
    url = "/api/associations/klimatkommunerna/surveys"
    definition = client.get(f"/api/surveys/{survey.pk}/definition").json()
    definition["title"] = "Klimatläget 2026"
    created = _json(
        client,
        "post",
        url,
        {"year": 2026, "kind": "klimatlaget", "from": "definition", "definition": definition},
    )
    assert created.status_code == 201, created.json()
    new = Survey.objects.get(pk=created.json()["id"])
    assert (new.title, new.state, _keys(new)) == ("Klimatläget 2026", "draft", _keys(survey))
    entry = AuditEntry.objects.get(action="klimatlaget.survey.created")
    assert entry.changes["from"] == [None, "definition"]
    broken = {**definition, "sections": [{**definition["sections"][0]}]}
    broken["sections"][0]["questions"] = list(reversed(broken["sections"][0]["questions"]))
    refused = _json(
        client,
        "post",
        url,
        {"year": 2027, "kind": "klimatlaget", "from": "definition", "definition": broken},
    )
    assert refused.status_code == 422
    assert "The survey was not created." in refused.json()["detail"]
    assert (
        "Question target_year: Its condition must refer to an earlier question"
        in (refused.json()["errors"]["definition"][0])
    )
    missing = _json(
        client, "post", url, {"year": 2027, "kind": "klimatlaget", "from": "definition"}
    )
    assert missing.json()["errors"] == {"definition": ["The definition must be an object."]}
    assert not Survey.objects.filter(year=2027).exists()
    assert not Section.objects.filter(survey__year=2027).exists()


@pytest.mark.parametrize("kind", ["klimatlaget", "membership_test"])
def test_surveys_from_the_templates_can_be_edited(association, kansli, kind):
    from klimatlaget.surveys import blueprints

    survey = create_survey(association, 2025, kind, blueprints.definition(kind, 2025))
    editing.check_layout(survey, editing.layout_of(survey))  # the editor's rules hold already
    first = editing.layout_of(survey)[0]
    editing.change_section(kansli, survey, first["key"], {"title": "Ny rubrik"})
    assert survey.sections.get(key=first["key"]).title == "Ny rubrik"
