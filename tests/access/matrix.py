"""The permission matrix: every route of the site and every operation of the API, each with the
status every role gets (see :mod:`access.world` for the users and data). The platform-wide
secretariat ("admin") may do everything a secretariat may, for every association and member.

Each row is (method, URL, expected statuses, body). The statuses are in the order of
:data:`access.world.ROLES`: alice, bob, kansli, grannar, admin, lasare, nobody, anonymous.
Capitals in a URL are replaced by the ids of :func:`access.world.build` (:data:`PLACEHOLDERS`).

Who may do what is written once, as the profiles below; a row that departs from its profile
says so in its own tuple. :mod:`access.test_coverage` fails when a route or operation has no row.
"""

from __future__ import annotations

from typing import Any, NamedTuple

ASSOC = "/associations/klimatkommunerna"
API_ASSOC = "/api/associations/klimatkommunerna"
OWN, OTHER = "9102", "9201"
SURVEY = f"{ASSOC}/surveys/SURVEY"
API_SURVEY = "/api/surveys/SURVEY"
EDITED = f"{ASSOC}/surveys/DRAFT"
API_EDITED = "/api/surveys/DRAFT"
ANSWER = f"/o/{OWN}/surveys/SURVEY"
API_RESPONSE = f"{API_SURVEY}/responses/{OWN}"


PLACEHOLDERS = (
    "SURVEY",
    "DRAFT",
    "TEST",
    "TARGET_9102",
    "TARGET_9201",
    "SEAT",
    "DEADLINE",
    "CONTACT",
    "PUBLISHED",
    "MREPORT_9102",
    "IREPORT_9102",
    "MREPORT_9201",
    "CIMPORT",
    *(
        f"{kind}_{code}"
        for kind in (
            "PLAN",
            "MEASURE",
            "INDICATOR",
            "VALUE",
            "QUOTA",
            "INVESTMENT",
            "INVLINE",
            "CONTRACT",
            "COMMIT",
            "ACOMMIT",
            "CSECTION",
            "CJOINT",
            "CLINK",
        )
        for code in (OWN, OTHER)
    ),
)


class Row(NamedTuple):
    method: str
    url: str
    expected: tuple[int, ...]
    body: Any = None


def concrete(url: str, ids: dict[str, int]) -> str:
    """``url`` with its capitalised placeholders replaced by the ids."""
    for name in sorted(ids, key=len, reverse=True):
        url = url.replace(name, str(ids[name]))
    return url


def _api(statuses: tuple[int, ...]) -> tuple[int, ...]:
    """The same profile in the API: anonymous callers get 401 instead of the login page."""
    return (*statuses[:-1], 401)


def _done(statuses: tuple[int, ...], status: int) -> tuple[int, ...]:
    """The same profile for a write: those allowed get ``status`` (a redirect, 201, 204…)."""
    return tuple(status if each == 200 else each for each in statuses)


#                 alice bob kansli grannar admin lasare nobody anonymous
PUBLIC = (200, 200, 200, 200, 200, 200, 200, 200)
#: Changing Strandhamn (9102): its editor alice (and the platform); the secretariat of an
#: association does not edit its members.
OWN_EDITOR = (200, 403, 403, 403, 200, 403, 403, 302)
#: Strandhamn's history: its editor, the secretariat of an association it belongs to, viewers.
HISTORY = (200, 403, 200, 403, 200, 200, 403, 302)
#: Strandhamn's contacts: its editor and the secretariat of an association it belongs to.
CONTACTS = (200, 403, 200, 403, 200, 403, 403, 302)
#: Klimatkommunerna's secretariat pages: kansli only, refused before anything is looked up.
SECRETARIAT = (403, 403, 200, 403, 200, 403, 403, 302)
#: A survey named only by its id in the API: anybody who is no secretariat at all is refused
#: before the lookup (403); grannar's lookup among its own surveys finds nothing (404).
SURVEY_SECRETARIAT = (403, 403, 200, 404, 200, 403, 403, 401)
#: Strandhamn's response: alice and the secretariat see it; everybody else gets the 404 a
#: response that does not exist gets.
RESPONSE = (200, 404, 200, 404, 200, 404, 404, 302)
#: Changing Strandhamn's answers: alice only; the secretariats read but do not answer.
ANSWERING = (200, 404, 403, 404, 403, 404, 404, 302)
#: Unpublished: the 2025 report while the survey is open, a preview for the secretariat only.
UNPUBLISHED = (404, 404, 200, 404, 200, 404, 404, 404)
#: Platform-wide imports: the platform's secretariat only (which is told the file sent is no
#: emissions file); an association's secretariat is refused.
PLATFORM = (403, 403, 403, 403, 422, 403, 403, 401)
#: A platform-wide upload page: the platform's secretariat only.
PLATFORM_PAGE = (403, 403, 403, 403, 200, 403, 403, 302)
#: Strandhamn's open follow-up period: those who read its history (and its measures' owners,
#: tested in tests/followup); anybody else, anonymous visitors too, is told it does not exist.
OPEN_PERIOD = (200, 404, 200, 404, 200, 200, 404, 404)
#: Filling in Strandhamn's open period: its editor; those who read it but report on no measure
#: are refused (403); those who may not read it do not find it (404).
OPEN_PERIOD_WRITE = (302, 404, 403, 404, 302, 403, 404, 302)
#: Pages that send a logged-in visitor elsewhere (login page, language, admin login).
REDIRECT = (302, 302, 302, 302, 302, 302, 302, 302)
#: Uploading Strandhamn's open period as a workbook: its editor; readers who fill in no row are
#: refused (403), those who may not read it do not find it (404).
FILLING_IN = (200, 404, 403, 404, 200, 403, 404, 302)
#: Uploading Tallnäs's approved (public) period: its editor is told it is locked (422).
FILLING_IN_APPROVED = (403, 422, 403, 403, 422, 403, 403, 302)
#: Strandhamn's draft contract: its editor and the programme office (kansli) read and change it;
#: to everybody else it is as missing.
DRAFT_CONTRACT = (200, 404, 200, 404, 200, 404, 404, 404)
#: Changing Strandhamn's contract: its editor and the programme office, refused (403) before
#: the lookup for everybody else.
CONTRACT_EDITOR = (200, 403, 200, 403, 200, 403, 403, 302)
#: The parts the parties write together: the programme office only.
PROGRAMME_OFFICE = (403, 403, 200, 403, 200, 403, 403, 302)
#: Tallnäs's signed (public) contract changed in the API: its editor and the programme office.
SIGNED_CONTRACT_EDITOR = (403, 200, 200, 403, 200, 403, 403, 401)
#: Platform-wide data (the reporting deadlines): the platform's secretariat only.
PLATFORM_PAGE = (403, 403, 403, 403, 200, 403, 403, 302)
READINESS_ANSWER = {"governance.lead-text": "Matrix"}
DEADLINE_FORM = {"platform": "cdp", "title": "Matrix", "due": "2031-07-31", "recurs_yearly": "on"}
#: Storing the contract alice read for review (Strandhamn's): alice, or another who imports
#: Strandhamn's contracts; as missing to everybody else.
CONFIRM_IMPORT = (201, 404, 201, 404, 201, 404, 404, 401)
#: The root of the API, which django-ninja registers only to know its address.
NOT_FOUND = (404, 404, 404, 404, 404, 404, 404, 404)

TARGET = {
    "form": "percent_reduction",
    "value": 70,
    "base_year": 1990,
    "target_year": 2030,
    "scopes": ["1", "2"],
}
CONTACT = {
    "association": "klimatkommunerna",
    "kind": "contact_person",
    "name": "Matrix",
    "email": "matrix@example.org",
}
BOARD_SEAT = {"name": "Matrix", "role": "member", "from_year": 2026}
FEE_RULE = {"from_year": 2030, "fixed_sek": 1, "per_inhabitant_sek": 1}
OVERRIDE = {"amount_sek": 1, "reason": "Matrix"}
SECTION = {"key": "matrix", "title": "Matrix"}
PUBLISHED_FIGURE = {"year": 2020, "kind": "respondents", "value": 40, "source": "Matrix"}
QUESTION = {"key": "matrix", "section": "work", "kind": "text", "text": "Matrix?"}
FORM = {"website": "", "description": "Changed by the matrix"}
PLAN = {"title": "Matrix", "status": "draft"}
MEASURE = {"code": "M2", "title": "Matrix", "sector": "Transporter", "type": "technical"}
INDICATOR = {"name": "Matrix", "unit": "st"}
INVESTMENT_PLAN = {"year": 2030, "horizon_from": 2024, "horizon_to": 2030}
INVESTMENT_LINE = {
    "title": "Matrix",
    "actor": "region",
    "sector": "Transporter",
    "funding_source": "eu_funds",
    "funding_status": "applied_for",
}
VALUE = {"year": 2025, "quarter": 2, "value": 1}
PERIOD = {"year": 2026, "quarter": 1}
QUOTA = {"unit": "Matrix", "year": 2027, "quota_t": 10}
OUTCOME = {"quarter": 2, "outcome_t": 5}
BUDGET_SETTINGS = {"pathway": "carbon_law", "quarter_profile": "heating"}
#: A form with a required field left empty: those allowed get the form back with the error.
INVALID = {"name": ""}

PAGES = [
    # Public pages
    Row("get", "/", PUBLIC),
    Row("get", "/?q=Strand", PUBLIC),
    Row("get", "/search.json?q=Strand", PUBLIC),
    Row("get", "/method/", PUBLIC),
    Row("get", "/method/documentation/", PUBLIC),
    Row("get", "/healthz", PUBLIC),
    Row("get", "/compare/", PUBLIC),
    Row("get", "/compare.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/", PUBLIC),
    Row("get", f"/o/{OTHER}/emissions.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/pathways.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/targets/", PUBLIC),
    Row("get", f"/o/{OTHER}/targets.csv", PUBLIC),
    Row("get", "/targets/", PUBLIC),
    Row("get", "/targets.csv", PUBLIC),
    Row("get", "/targets/matrix/", PUBLIC),
    Row("get", "/targets/matrix.csv", PUBLIC),
    Row("get", "/targets/pathways/", PUBLIC),
    Row("get", "/targets/association/", PUBLIC),
    Row("get", "/associations/", PUBLIC),
    Row("get", f"/o/{OTHER}/budget/2026/", PUBLIC),
    Row("get", f"/o/{OTHER}/budget/2026.csv", PUBLIC),
    Row("get", "/o/92/budget/2026/members/", PUBLIC),
    Row("get", "/o/92/budget/2026/members.csv", PUBLIC),
    Row("get", f"{ASSOC}/budget/2026/", PUBLIC),
    Row("get", f"{ASSOC}/budget/2026.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/budget/2026/gap.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/budget/2026/wedges.csv", PUBLIC),
    Row("get", "/method/nowcast/", PUBLIC),
    Row("get", "/method/nowcast.csv", PUBLIC),
    # Open data: the package of what every visitor may read, for everybody
    Row("get", "/open-data/", PUBLIC),
    Row("get", "/open-data/datapackage.json", PUBLIC),
    Row("get", "/open-data/contract_sections.csv", PUBLIC),
    Row("get", "/open-data/klimatlaget-open-data.zip", PUBLIC),
    Row("get", f"{ASSOC}/", PUBLIC),
    Row("get", f"{ASSOC}/reports/2024/", PUBLIC),
    Row("get", f"{ASSOC}/reports/2024/report.pdf", PUBLIC),
    Row("get", f"{ASSOC}/reports/2024/report.xlsx", PUBLIC),
    Row("get", f"{ASSOC}/reports/2025/", UNPUBLISHED),
    # The start page after logging in: everybody logged in has one (with what their roles give)
    Row("get", "/start/", (200, 200, 200, 200, 200, 200, 200, 302)),
    # Accounts, language and the admin (Django's own, for staff)
    Row("get", "/accounts/login/", (302, 302, 302, 302, 302, 302, 302, 200)),
    Row("post", "/accounts/logout/", REDIRECT),
    Row("post", "/i18n/setlang/", REDIRECT, {"language": "en", "next": "/"}),
    Row("get", "/admin/", REDIRECT),
    # Changing an organisation and its targets
    Row("get", f"/o/{OWN}/edit/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/edit/", _done(OWN_EDITOR, 302), FORM),
    Row("get", "/o/klimatkommunerna/edit/", SECRETARIAT),  # an association's own profile
    Row("get", f"/o/{OWN}/targets/new/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/targets/new/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/targets/TARGET_9102/edit/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/targets/TARGET_9102/edit/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OTHER}/targets/TARGET_9201/edit/", (403, 200, 403, 403, 200, 403, 403, 302)),
    Row("post", f"/o/{OWN}/targets/TARGET_9102/delete/", _done(OWN_EDITOR, 302)),
    Row("get", f"/o/{OWN}/budget/2026/settings/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/budget/2026/settings/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/history/", HISTORY),
    # Action plans, measures and indicators: public to read, changed by the organisation's editor
    Row("get", f"/o/{OTHER}/plans/", PUBLIC),
    Row("get", f"/o/{OTHER}/measures/", PUBLIC),
    Row("get", f"/o/{OTHER}/measures.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/measures/MEASURE_9201/", PUBLIC),
    Row("get", f"/o/{OTHER}/indicators/", PUBLIC),
    Row("get", f"/o/{OTHER}/indicators/INDICATOR_9201/", PUBLIC),
    Row("get", f"/o/{OWN}/plans/new/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/plans/new/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/plans/PLAN_9102/edit/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/plans/PLAN_9102/edit/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/plans/PLAN_9102/new-version/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/plans/PLAN_9102/new-version/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/measures/new/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/measures/new/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/measures/MEASURE_9102/edit/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/measures/MEASURE_9102/edit/", OWN_EDITOR, INVALID),
    # Climate investment plans: public to read, a new version by the organisation's editor
    Row("get", f"/o/{OTHER}/investments/", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/lines.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/plan.xlsx", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/netzerocities.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/plan.json", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/compare/", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/coverage.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/cumulative.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/lines.xlsx", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/template.xlsx", PUBLIC),
    # Uploading a plan's lines from Excel: the editor, told that the file is no workbook (422)
    Row("get", f"/o/{OWN}/investments/upload/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/investments/upload/", _done(OWN_EDITOR, 422), "file"),
    # The energy inventory: public page, CSV and Covenant workbook; the upload for one
    # organisation (its editor and the platform) and for several (the platform)
    Row("get", f"/o/{OWN}/energy/", PUBLIC),
    Row("get", f"/o/{OWN}/energy.csv", PUBLIC),
    Row("get", f"/o/{OWN}/energy/covenant-of-mayors.xlsx?year=2023", PUBLIC),
    Row("get", f"/o/{OWN}/energy/upload/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/energy/upload/", _done(OWN_EDITOR, 422), "file"),
    Row("get", "/energy/upload/", PLATFORM_PAGE),
    Row("post", "/energy/upload/", _done(PLATFORM_PAGE, 422), "file"),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/funding.csv", PUBLIC),
    Row("get", f"/o/{OTHER}/investments/INVESTMENT_9201/lines/INVLINE_9201/", PUBLIC),
    Row("get", f"/o/{OWN}/investments/INVESTMENT_9102/lines/INVLINE_9102/", PUBLIC),
    # Members' investment plans side by side: public, as each plan and the members are
    Row("get", "/o/92/investments/2026/members/", PUBLIC),
    Row("get", "/o/00/investments/2026/members.csv", PUBLIC),
    Row("get", f"{ASSOC}/investments/2026/", PUBLIC),
    Row("get", f"{ASSOC}/investments/2026.csv", PUBLIC),
    Row("post", f"/o/{OWN}/investments/INVESTMENT_9102/new-version/", _done(OWN_EDITOR, 302)),
    Row("get", f"/o/{OWN}/investments/new/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/investments/new/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/investments/INVESTMENT_9102/edit/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/investments/INVESTMENT_9102/edit/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/investments/INVESTMENT_9102/lines/new/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/investments/INVESTMENT_9102/lines/new/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/investments/INVESTMENT_9102/lines/INVLINE_9102/edit/", OWN_EDITOR),
    Row(
        "post",
        f"/o/{OWN}/investments/INVESTMENT_9102/lines/INVLINE_9102/edit/",
        OWN_EDITOR,
        INVALID,
    ),
    # Climate contracts: signed ones public, drafts for the editors and the programme office
    Row("get", f"/o/{OTHER}/contracts/", PUBLIC),
    Row("get", f"/o/{OTHER}/contracts/2024/", PUBLIC),
    Row("get", f"/o/{OWN}/contracts/", PUBLIC),
    Row("get", f"/o/{OWN}/contracts/2025/", DRAFT_CONTRACT),
    Row("get", f"/o/{OTHER}/contracts/2024/compare/", PUBLIC),
    Row("get", f"/o/{OTHER}/contracts/2024/compare.csv?with=2024", PUBLIC),
    Row("get", f"/o/{OWN}/contracts/2025/compare/?changes=1", DRAFT_CONTRACT),
    Row("get", f"/o/{OWN}/contracts/2025/compare.csv?with=2025", DRAFT_CONTRACT),
    Row("get", f"/o/{OWN}/reporting/", PUBLIC),
    Row("get", f"/o/{OTHER}/reporting/?year=2025", PUBLIC),
    Row(
        "post",
        f"/o/{OWN}/reporting/questions/governance.lead/",
        _done(OWN_EDITOR, 302),
        READINESS_ANSWER,
    ),
    Row("get", f"{ASSOC}/reporting/", PUBLIC),
    Row("get", f"{ASSOC}/reporting.csv", PUBLIC),
    Row("get", "/reporting/deadlines/", PUBLIC),
    Row("get", "/reporting/deadlines/new/", PLATFORM_PAGE),
    Row("post", "/reporting/deadlines/new/", _done(PLATFORM_PAGE, 302), DEADLINE_FORM),
    Row("get", "/reporting/deadlines/DEADLINE/edit/", PLATFORM_PAGE),
    Row("post", "/reporting/deadlines/DEADLINE/edit/", _done(PLATFORM_PAGE, 422), {"title": ""}),
    Row("post", "/reporting/deadlines/DEADLINE/delete/", _done(PLATFORM_PAGE, 302)),
    Row("post", "/reporting/deadlines/defaults/", _done(PLATFORM_PAGE, 302)),
    Row("get", "/contracts/compare/?subject=purpose", PUBLIC),
    Row("get", "/contracts/compare.csv?subject=purpose&year=2025", PUBLIC),
    Row("get", "/contracts/compare.xlsx?subject=purpose", PUBLIC),
    Row("get", "/contracts/coverage/", PUBLIC),
    Row("get", "/contracts/coverage.csv", PUBLIC),
    Row("get", "/contracts/coverage.xlsx", PUBLIC),
    Row("get", f"/o/{OTHER}/contracts/2024/coverage/", PUBLIC),
    Row("get", f"/o/{OWN}/contracts/2025/coverage/", DRAFT_CONTRACT),
    Row("get", f"/o/{OWN}/contracts/2025/coverage.csv", DRAFT_CONTRACT),
    Row("get", "/contracts/search/?q=syftet", PUBLIC),
    Row("get", f"/o/{OTHER}/contracts/2024/contract.json", PUBLIC),
    Row("get", f"/o/{OWN}/contracts/2025/contract.json", DRAFT_CONTRACT),
    Row("get", f"/o/{OTHER}/contracts/2024/contract.docx", PUBLIC),
    Row("get", f"/o/{OWN}/contracts/2025/contract.docx", DRAFT_CONTRACT),
    Row("get", f"/o/{OTHER}/contracts/2024/contract.pdf", PUBLIC),
    Row("get", f"/o/{OWN}/contracts/2025/contract.pdf", DRAFT_CONTRACT),
    # Exports through the registry: public data for everybody, drafts only for their readers
    Row("get", f"/o/{OTHER}/exports/", PUBLIC),
    Row("get", f"/o/{OWN}/exports/", PUBLIC),
    Row("get", f"/o/{OTHER}/exports/measures.xlsx", PUBLIC),
    Row("get", f"/o/{OTHER}/exports/contract.json?year=2024", PUBLIC),
    Row("get", f"/o/{OWN}/exports/contract.docx?year=2025", DRAFT_CONTRACT),
    Row("get", "/exports/", PUBLIC),
    Row("get", "/exports/metrics.csv", PUBLIC),
    Row("get", f"/o/{OWN}/contracts/import/", CONTRACT_EDITOR),
    Row("post", f"/o/{OWN}/contracts/import/", CONTRACT_EDITOR, "file"),
    Row("post", f"/o/{OWN}/contracts/import/confirm/", _done(CONTRACT_EDITOR, 302)),
    Row("get", f"/o/{OWN}/contracts/2025/edit/", CONTRACT_EDITOR),
    Row("post", f"/o/{OWN}/contracts/2025/edit/", CONTRACT_EDITOR, {"status": ""}),
    Row("post", f"/o/{OWN}/contracts/2025/new-version/", _done(CONTRACT_EDITOR, 302)),
    Row("get", f"/o/{OWN}/contracts/2025/sections/CSECTION_9102/edit/", CONTRACT_EDITOR),
    Row(
        "post",
        f"/o/{OWN}/contracts/2025/sections/CSECTION_9102/edit/",
        CONTRACT_EDITOR,
        {"title": ""},
    ),
    Row("get", f"/o/{OWN}/contracts/2025/sections/CJOINT_9102/edit/", PROGRAMME_OFFICE),
    Row("get", f"/o/{OWN}/contracts/2025/sections/CSECTION_9102/links/", CONTRACT_EDITOR),
    Row(
        "post",
        f"/o/{OWN}/contracts/2025/sections/CSECTION_9102/links/",
        CONTRACT_EDITOR,
        {"kind": ""},
    ),
    Row(
        "post",
        f"/o/{OWN}/contracts/2025/sections/CSECTION_9102/links/CLINK_9102/remove/",
        _done(CONTRACT_EDITOR, 302),
    ),
    Row("get", f"/o/{OWN}/contracts/2025/parties/", CONTRACT_EDITOR),
    Row("post", f"/o/{OWN}/contracts/2025/parties/", CONTRACT_EDITOR, {"role": ""}),
    Row("get", f"/o/{OWN}/contracts/2025/commitments/", CONTRACT_EDITOR),
    Row("post", f"/o/{OWN}/contracts/2025/commitments/", CONTRACT_EDITOR, {"text": ""}),
    Row(
        "post",
        f"/o/{OWN}/contracts/2025/commitments/COMMIT_9102/status/",
        _done(CONTRACT_EDITOR, 302),
        {"status": "done"},
    ),
    # The agency's own commitment: the same for these roles (myndighet: access.test_agency)
    Row(
        "post",
        f"/o/{OWN}/contracts/2025/commitments/ACOMMIT_9102/status/",
        _done(CONTRACT_EDITOR, 302),
        {"status": "done"},
    ),
    # The template of subjects: public; extended by the programme office (kansli)
    Row("get", "/contracts/template/", PUBLIC),
    Row("get", "/contracts/template/subjects.json", PUBLIC),
    Row("post", "/contracts/template/", PROGRAMME_OFFICE, {"key": "Ogiltig"}),
    Row("get", "/contracts/template/purpose/edit/", PROGRAMME_OFFICE),
    Row("post", "/contracts/template/purpose/edit/", PROGRAMME_OFFICE, {"name_sv": ""}),
    Row("get", f"/o/{OWN}/indicators/new/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/indicators/new/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/indicators/INDICATOR_9102/edit/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/indicators/INDICATOR_9102/edit/", OWN_EDITOR, INVALID),
    Row("post", f"/o/{OWN}/indicators/INDICATOR_9102/values/", OWN_EDITOR, INVALID),
    # Follow-up: approved periods public, open ones for history readers (and measure owners);
    # prepared, approved and deleted by the organisation's editor
    Row("get", f"/o/{OTHER}/follow-up/", PUBLIC),
    Row("get", f"/o/{OTHER}/follow-up/2024/", PUBLIC),
    Row("get", f"/o/{OTHER}/follow-up/2024.csv", PUBLIC),
    Row("get", f"/o/{OWN}/follow-up/2025-q2/", OPEN_PERIOD),
    Row("get", f"/o/{OWN}/follow-up/2025-q2.csv", OPEN_PERIOD),
    Row("post", f"/o/{OWN}/follow-up/", _done(OWN_EDITOR, 302), PERIOD),
    Row("post", f"/o/{OWN}/follow-up/2025-q2/", OPEN_PERIOD_WRITE),
    #: the approved period refuses everybody's rows; its editor is told it is locked
    Row("post", f"/o/{OTHER}/follow-up/2024/", (403, 302, 403, 403, 302, 403, 403, 302)),
    Row("post", f"/o/{OWN}/follow-up/2025-q2/approve/", _done(OWN_EDITOR, 302)),
    Row("post", f"/o/{OWN}/follow-up/2025-q2/delete/", _done(OWN_EDITOR, 302)),
    Row("get", f"/o/{OTHER}/quotas/", PUBLIC),
    Row("get", f"/o/{OTHER}/quotas/?year=2026", PUBLIC),
    Row("get", f"/o/{OTHER}/quotas.csv", PUBLIC),
    Row("get", f"/o/{OWN}/quotas/new/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/quotas/new/", OWN_EDITOR, INVALID),
    Row("get", f"/o/{OWN}/quotas/QUOTA_9102/edit/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/quotas/QUOTA_9102/edit/", OWN_EDITOR, {"unit": ""}),
    Row("get", f"/o/{OWN}/quotas/QUOTA_9102/outcomes/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/quotas/QUOTA_9102/outcomes/", OWN_EDITOR, {"outcome_1": "-1"}),
    Row("get", f"/o/{OWN}/quotas/QUOTA_9102/delete/", OWN_EDITOR),
    Row("post", f"/o/{OWN}/quotas/QUOTA_9102/delete/", _done(OWN_EDITOR, 302)),
    # Contacts (personal data)
    Row("get", f"/o/{OWN}/contacts/", CONTACTS),
    Row("post", f"/o/{OWN}/contacts/", CONTACTS, INVALID),
    Row("get", f"/o/{OWN}/contacts/CONTACT/edit/", CONTACTS),
    Row("post", f"/o/{OWN}/contacts/CONTACT/edit/", CONTACTS, INVALID),
    Row("post", f"/o/{OWN}/contacts/CONTACT/delete/", _done(CONTACTS, 302)),
    # The secretariat's pages of Klimatkommunerna
    Row("get", f"{ASSOC}/members/", SECRETARIAT),
    Row("post", f"{ASSOC}/members/", SECRETARIAT, {"action": "membership"}),
    Row("get", f"{ASSOC}/board/SEAT/edit/", SECRETARIAT),
    Row("post", f"{ASSOC}/board/SEAT/edit/", SECRETARIAT, INVALID),
    Row("post", f"{ASSOC}/board/SEAT/delete/", _done(SECRETARIAT, 302)),
    Row("get", f"{ASSOC}/published-figures/", SECRETARIAT),
    Row("post", f"{ASSOC}/published-figures/", SECRETARIAT, INVALID),
    Row("get", f"{ASSOC}/published-figures/PUBLISHED/", SECRETARIAT),
    Row("post", f"{ASSOC}/published-figures/PUBLISHED/", SECRETARIAT, INVALID),
    Row("get", f"{ASSOC}/published-figures/PUBLISHED/delete/", SECRETARIAT),
    Row("post", f"{ASSOC}/published-figures/PUBLISHED/delete/", _done(SECRETARIAT, 302)),
    Row("get", f"{ASSOC}/fees/rules/", SECRETARIAT),
    Row("post", f"{ASSOC}/fees/rules/", SECRETARIAT, INVALID),
    Row("get", f"{ASSOC}/fees/2025/", SECRETARIAT),
    Row("get", f"{ASSOC}/fees/2025.csv", SECRETARIAT),
    Row("get", f"{ASSOC}/fees/2025.xlsx", SECRETARIAT),
    Row("get", f"{ASSOC}/fees/2025/overrides/{OWN}/", SECRETARIAT),
    Row("post", f"{ASSOC}/fees/2025/overrides/{OWN}/", SECRETARIAT, INVALID),
    Row("get", f"{ASSOC}/surveys/", SECRETARIAT),
    Row("post", f"{ASSOC}/surveys/", SECRETARIAT, INVALID),
    Row("get", f"{SURVEY}/", SECRETARIAT),
    Row("post", f"{SURVEY}/", SECRETARIAT, INVALID),
    Row("get", f"{SURVEY}/status/", SECRETARIAT),
    Row("get", f"{SURVEY}/status.csv", SECRETARIAT),
    Row("post", f"{SURVEY}/status/{OWN}/review/", _done(SECRETARIAT, 302)),
    Row("get", f"{SURVEY}/send/reminder/", SECRETARIAT),
    Row("post", f"{SURVEY}/send/reminder/", _done(SECRETARIAT, 302)),
    Row("get", f"{EDITED}/sections/add/", SECRETARIAT),
    Row("post", f"{EDITED}/sections/add/", SECRETARIAT, INVALID),
    Row("get", f"{EDITED}/sections/work/", SECRETARIAT),
    Row("post", f"{EDITED}/sections/work/", SECRETARIAT, INVALID),
    Row("post", f"{EDITED}/sections/work/delete/", _done(SECRETARIAT, 302)),
    Row("post", f"{EDITED}/sections/work/move/", _done(SECRETARIAT, 302)),
    Row("get", f"{EDITED}/questions/add/", SECRETARIAT),
    Row("post", f"{EDITED}/questions/add/", SECRETARIAT, INVALID),
    Row("get", f"{EDITED}/questions/comment/", SECRETARIAT),
    Row("post", f"{EDITED}/questions/comment/", SECRETARIAT, INVALID),
    Row("post", f"{EDITED}/questions/comment/delete/", _done(SECRETARIAT, 302)),
    Row("post", f"{EDITED}/questions/comment/move/", _done(SECRETARIAT, 302)),
    Row("get", f"{SURVEY}/statistics/", SECRETARIAT),
    Row("get", f"{SURVEY}/statistics.csv", SECRETARIAT),
    Row("get", f"{ASSOC}/surveys/TEST/membership-test/", SECRETARIAT),
    Row("get", f"{ASSOC}/surveys/TEST/membership-test.csv", SECRETARIAT),
    Row("get", f"{ASSOC}/reports/2024/internal/", SECRETARIAT),
    Row("get", f"{ASSOC}/reports/2024/internal/report.pdf", SECRETARIAT),
    Row("get", f"{ASSOC}/reports/2024/internal/report.xlsx", SECRETARIAT),
    # A member's surveys and response
    Row("get", f"/o/{OWN}/surveys/", RESPONSE),
    Row("get", f"{ANSWER}/", RESPONSE),
    Row("post", f"{ANSWER}/", _done(ANSWERING, 302), {"answer-comment": "Changed"}),
    Row(
        "post",
        f"{ANSWER}/draft",
        (200, 404, 403, 404, 403, 404, 404, 403),
        {"answers": {"comment": "Changed"}},
    ),
    Row("get", f"{ANSWER}/files/plan_file", RESPONSE),
    Row("get", f"{ANSWER}/questionnaire.xlsx", RESPONSE),
    Row("get", f"{ANSWER}/upload/", RESPONSE),
    Row("post", f"{ANSWER}/upload/", _done(ANSWERING, 422), "file"),
    Row("get", f"/o/{OWN}/surveys/TEST/membership-test/", RESPONSE),
    # The follow-up workbook: downloaded by whoever reads the period; uploaded by those who
    # fill it in (the editor; measure owners in tests/followup), who are told an approved
    # period is locked and a file that is no workbook is refused (422)
    Row("get", f"/o/{OTHER}/follow-up/2024.xlsx", PUBLIC),
    Row("get", f"/o/{OWN}/follow-up/2025-q2.xlsx", OPEN_PERIOD),
    Row("get", f"/o/{OWN}/follow-up/2025-q2/upload/", FILLING_IN),
    Row("post", f"/o/{OWN}/follow-up/2025-q2/upload/", _done(FILLING_IN, 422), "file"),
    Row("post", f"/o/{OTHER}/follow-up/2024/upload/", FILLING_IN_APPROVED, "file"),
]

API = [
    # Public reads and the documentation
    Row("get", "/api/", NOT_FOUND),
    Row("get", "/api/docs", PUBLIC),
    Row("get", "/api/openapi.json", PUBLIC),
    Row("get", "/api/organisations", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/emissions", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/sectors", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/metrics", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/pathways", PUBLIC),
    Row("get", "/api/metrics", PUBLIC),
    Row("get", "/api/targets/comparison", PUBLIC),
    Row("get", "/api/targets/matrix", PUBLIC),
    Row("get", "/api/targets/association", PUBLIC),
    Row("get", f"{API_ASSOC}/members", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/targets", PUBLIC),
    Row("get", "/api/targets/TARGET_9201", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/budget/2026", PUBLIC),
    Row("get", "/api/organisations/92/budget/2026/members", PUBLIC),
    Row("get", f"{API_ASSOC}/budget/2026", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/budget/2026/settings", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/budget/2026/gap", PUBLIC),
    Row("get", f"{API_ASSOC}/reports/2024", PUBLIC),
    Row("get", f"{API_ASSOC}/reports/2025", UNPUBLISHED),
    # Changing an organisation and its targets
    Row("patch", f"/api/organisations/{OWN}", _api(OWN_EDITOR), {"description": "Matrix"}),
    Row("get", f"/api/organisations/{OWN}/history", _api(HISTORY)),
    Row("post", "/api/imports/emissions", PLATFORM, "file"),
    Row("post", "/api/imports/energy", PLATFORM, "file"),
    Row("get", f"/api/organisations/{OWN}/energy", PUBLIC),
    Row("post", f"/api/organisations/{OWN}/energy", _done(_api(OWN_EDITOR), 422), "file"),
    Row("post", f"/api/organisations/{OWN}/targets", _done(_api(OWN_EDITOR), 201), TARGET),
    Row("put", "/api/targets/TARGET_9102", _api(OWN_EDITOR), TARGET),
    Row("delete", "/api/targets/TARGET_9102", _done(_api(OWN_EDITOR), 204)),
    # Action plans, measures and indicators
    Row("get", f"/api/organisations/{OTHER}/plans", PUBLIC),
    Row("get", "/api/plans/PLAN_9201", PUBLIC),
    Row("post", f"/api/organisations/{OWN}/plans", _done(_api(OWN_EDITOR), 201), PLAN),
    Row("get", f"/api/organisations/{OWN}/reporting", PUBLIC),
    Row("get", f"/api/organisations/{OWN}/reporting/answers/governance.lead", PUBLIC),
    Row(
        "put",
        f"/api/organisations/{OWN}/reporting/answers/governance.lead",
        _api(OWN_EDITOR),
        {"text": "Matrix"},
    ),
    Row("get", f"{API_ASSOC}/reporting?year=2025", PUBLIC),
    Row("put", "/api/plans/PLAN_9102", _api(OWN_EDITOR), PLAN),
    Row("delete", "/api/plans/PLAN_9102", _done(_api(OWN_EDITOR), 204)),
    Row("get", f"/api/organisations/{OTHER}/measures", PUBLIC),
    Row("get", "/api/measures/MEASURE_9201", PUBLIC),
    Row("post", f"/api/organisations/{OWN}/measures", _done(_api(OWN_EDITOR), 201), MEASURE),
    Row("put", "/api/measures/MEASURE_9102", _api(OWN_EDITOR), MEASURE),
    Row("delete", "/api/measures/MEASURE_9102", _done(_api(OWN_EDITOR), 204)),
    Row("get", f"/api/organisations/{OTHER}/indicators", PUBLIC),
    Row("get", "/api/indicators/INDICATOR_9201", PUBLIC),
    Row("post", f"/api/organisations/{OWN}/indicators", _done(_api(OWN_EDITOR), 201), INDICATOR),
    Row("put", "/api/indicators/INDICATOR_9102", _api(OWN_EDITOR), INDICATOR),
    Row("delete", "/api/indicators/INDICATOR_9102", _done(_api(OWN_EDITOR), 204)),
    Row("post", "/api/indicators/INDICATOR_9102/values", _api(OWN_EDITOR), VALUE),
    Row("get", "/api/indicators/INDICATOR_9201/values/VALUE_9201", PUBLIC),
    Row(
        "delete",
        "/api/indicators/INDICATOR_9102/values/VALUE_9102",
        _done(_api(OWN_EDITOR), 204),
    ),
    # Follow-up
    Row("get", f"/api/organisations/{OTHER}/follow-up", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/follow-up/2024/0", PUBLIC),
    Row("get", f"/api/organisations/{OWN}/follow-up/2025/2", OPEN_PERIOD),
    Row("post", f"/api/organisations/{OWN}/follow-up", _done(_api(OWN_EDITOR), 201), PERIOD),
    #: its editor is told that a measure is not reported on yet
    Row(
        "post",
        f"/api/organisations/{OWN}/follow-up/2025/2/approve",
        _done(_api(OWN_EDITOR), 422),
    ),
    Row("delete", f"/api/organisations/{OWN}/follow-up/2025/2", _done(_api(OWN_EDITOR), 204)),
    Row("get", "/api/follow-up/measure-reports/MREPORT_9102", OPEN_PERIOD),
    Row("get", "/api/follow-up/measure-reports/MREPORT_9201", PUBLIC),
    Row("get", "/api/follow-up/indicator-reports/IREPORT_9102", OPEN_PERIOD),
    Row(
        "put",
        "/api/follow-up/measure-reports/MREPORT_9102",
        (200, 404, 403, 404, 200, 403, 404, 401),
        {"comment": "Matrix"},
    ),
    #: an approved period's report: its editor is told it is locked
    Row(
        "put",
        "/api/follow-up/measure-reports/MREPORT_9201",
        (403, 422, 403, 403, 422, 403, 403, 401),
        {"comment": "Matrix"},
    ),
    Row(
        "put",
        "/api/follow-up/indicator-reports/IREPORT_9102",
        (200, 404, 403, 404, 200, 403, 404, 401),
        {"value": 1},
    ),
    Row("get", f"/api/organisations/{OTHER}/quotas", PUBLIC),
    Row("get", "/api/quotas/QUOTA_9201", PUBLIC),
    Row("post", f"/api/organisations/{OWN}/quotas", _done(_api(OWN_EDITOR), 201), QUOTA),
    Row("put", "/api/quotas/QUOTA_9102", _api(OWN_EDITOR), QUOTA),
    Row("delete", "/api/quotas/QUOTA_9102", _done(_api(OWN_EDITOR), 204)),
    Row("post", "/api/quotas/QUOTA_9102/outcomes", _api(OWN_EDITOR), OUTCOME),
    Row("put", f"/api/organisations/{OWN}/budget/2026/settings", _api(OWN_EDITOR), BUDGET_SETTINGS),
    # Climate investment plans and their lines
    Row("get", f"/api/organisations/{OTHER}/investment-plans", PUBLIC),
    Row("get", "/api/investment-plans/INVESTMENT_9201", PUBLIC),
    Row("get", f"{API_ASSOC}/investment-plans/2026", PUBLIC),
    Row("get", "/api/organisations/92/investment-plans/2026/members?format=csv", PUBLIC),
    Row(
        "post",
        f"/api/organisations/{OWN}/investment-plans",
        _done(_api(OWN_EDITOR), 201),
        INVESTMENT_PLAN,
    ),
    Row("put", "/api/investment-plans/INVESTMENT_9102", _api(OWN_EDITOR), INVESTMENT_PLAN),
    Row("delete", "/api/investment-plans/INVESTMENT_9102", _done(_api(OWN_EDITOR), 204)),
    Row(
        "post",
        "/api/investment-plans/INVESTMENT_9102/new-version",
        _done(_api(OWN_EDITOR), 201),
    ),
    Row("get", "/api/investment-plans/INVESTMENT_9201/compare", PUBLIC),
    Row("get", "/api/investment-plans/INVESTMENT_9201/coverage", PUBLIC),
    Row("get", "/api/investment-plans/INVESTMENT_9201/lines", PUBLIC),
    Row("get", "/api/investment-plans/INVESTMENT_9201/workbook", PUBLIC),
    Row("get", "/api/investment-plans/INVESTMENT_9201/netzerocities", PUBLIC),
    Row("get", f"/api/organisations/{OWN}/inventory?standard=gpc&year=2022", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/cdp-iclei-track?year=2022&format=json", PUBLIC),
    Row(
        "post",
        "/api/investment-plans/INVESTMENT_9102/lines",
        _done(_api(OWN_EDITOR), 201),
        INVESTMENT_LINE,
    ),
    Row("get", "/api/investment-lines/INVLINE_9201", PUBLIC),
    Row("put", "/api/investment-lines/INVLINE_9102", _api(OWN_EDITOR), INVESTMENT_LINE),
    Row("delete", "/api/investment-lines/INVLINE_9102", _done(_api(OWN_EDITOR), 204)),
    # Climate contracts and the yearly status of their commitments
    Row("get", f"/api/organisations/{OTHER}/contracts", PUBLIC),
    Row("get", "/api/contracts/compare?subject=purpose", PUBLIC),
    Row("get", "/api/contracts/coverage?year=2025", PUBLIC),
    Row("get", "/api/contracts/search?q=kommunen", PUBLIC),
    Row("get", "/api/contracts/template", PUBLIC),
    Row("get", "/api/contracts/template/purpose", PUBLIC),
    Row(
        "post",
        "/api/contracts/template",
        (403, 403, 422, 403, 422, 403, 403, 401),
        {"key": "Ogiltig", "party": "joint", "name": {"sv": "Ny", "en": "New"}},
    ),
    Row("patch", "/api/contracts/template/purpose", _api(PROGRAMME_OFFICE), {}),
    Row("get", "/api/contracts/CONTRACT_9201", PUBLIC),
    Row("get", "/api/contracts/CONTRACT_9102", DRAFT_CONTRACT),
    Row("get", "/api/contracts/CONTRACT_9201/export.json", PUBLIC),
    Row("get", "/api/contracts/CONTRACT_9102/export.json", DRAFT_CONTRACT),
    Row("get", "/api/contracts/CONTRACT_9201/export.docx", PUBLIC),
    Row("get", "/api/contracts/CONTRACT_9102/export.docx", DRAFT_CONTRACT),
    Row("get", "/api/contracts/CONTRACT_9201/export.pdf", PUBLIC),
    # NetZeroCities tables: public (drafts only in the organisation's editors' file)
    Row("get", f"/api/organisations/{OWN}/netzerocities?year=2025", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/netzerocities?year=2025&format=docx", PUBLIC),
    Row("get", "/api/contracts/CONTRACT_9102/export.pdf", DRAFT_CONTRACT),
    Row("get", f"/api/organisations/{OWN}/exports", PUBLIC),
    Row("get", f"/api/organisations/{OTHER}/exports/measures?format=csv", PUBLIC),
    Row("get", f"/api/organisations/{OWN}/exports/contract?format=json&year=2025", DRAFT_CONTRACT),
    Row("get", "/api/exports", PUBLIC),
    Row("get", "/api/exports/metrics?format=json", PUBLIC),
    Row("get", "/api/contracts/CONTRACT_9201/commitments", PUBLIC),
    Row("get", "/api/contracts/CONTRACT_9102/commitments", DRAFT_CONTRACT),
    Row("get", "/api/contracts/CONTRACT_9201/compare?with=CONTRACT_9201", PUBLIC),
    Row("get", "/api/contracts/CONTRACT_9102/compare?with=CONTRACT_9102", DRAFT_CONTRACT),
    Row(
        "get", "/api/contracts/CONTRACT_9102/compare?with=CONTRACT_9102&format=csv", DRAFT_CONTRACT
    ),
    #: Another organisation's draft: as missing, or refused as no version of the same contract.
    Row(
        "get",
        "/api/contracts/CONTRACT_9201/compare?with=CONTRACT_9102",
        _done(DRAFT_CONTRACT, 422),
    ),
    Row(
        "post",
        "/api/commitments/COMMIT_9102/statuses",
        (*DRAFT_CONTRACT[:-1], 401),
        {"year": 2025, "status": "done"},
    ),
    Row(
        "post",
        "/api/commitments/COMMIT_9201/statuses",
        SIGNED_CONTRACT_EDITOR,
        {"year": 2025, "status": "done"},
    ),
    Row(
        "post",
        "/api/commitments/ACOMMIT_9201/statuses",
        SIGNED_CONTRACT_EDITOR,
        {"year": 2025, "status": "done"},
    ),
    # Contracts written in the API: a hidden draft is as missing, a public one refused (403)
    Row(
        "post",
        f"/api/organisations/{OWN}/contracts/import?year=2026",
        _done(_api(CONTRACT_EDITOR), 400),
        "file",
    ),
    Row("post", "/api/contract-imports/CIMPORT/confirm", CONFIRM_IMPORT),
    Row("patch", "/api/contracts/CONTRACT_9102", _api(DRAFT_CONTRACT), {"source": "matrix.pdf"}),
    Row("patch", "/api/contracts/CONTRACT_9201", SIGNED_CONTRACT_EDITOR, {"source": "m.pdf"}),
    Row(
        "post",
        "/api/contracts/CONTRACT_9102/versions",
        _done(_api(DRAFT_CONTRACT), 201),
        {"year": 2026},
    ),
    Row(
        "post",
        "/api/contracts/CONTRACT_9102/parties",
        _done(_api(DRAFT_CONTRACT), 422),
        {"organisation_code": "nej", "role": "agency"},
    ),
    Row("patch", "/api/contract-sections/CSECTION_9102", _api(DRAFT_CONTRACT), {"text": "M"}),
    #: The joint section: the programme office only (alice reads the draft but is refused).
    Row(
        "patch",
        "/api/contract-sections/CJOINT_9102",
        (403, 404, 200, 404, 200, 404, 404, 401),
        {"text": "M"},
    ),
    Row(
        "post",
        "/api/contract-sections/CSECTION_9102/links",
        _done(_api(DRAFT_CONTRACT), 201),
        {"kind": "document", "url": "https://example.org/matrix.pdf"},
    ),
    Row(
        "delete",
        "/api/contract-sections/CSECTION_9102/links/CLINK_9102",
        _done(_api(DRAFT_CONTRACT), 204),
    ),
    Row(
        "post",
        "/api/contracts/CONTRACT_9102/commitments",
        _done(_api(DRAFT_CONTRACT), 201),
        {"text": "Matrix", "party_code": OWN},
    ),
    Row("delete", "/api/commitments/COMMIT_9102", _done(_api(DRAFT_CONTRACT), 204)),
    Row("get", f"/api/organisations/{OTHER}/investment-plans/lines-template", PUBLIC),
    Row(
        "get",
        f"/api/organisations/{OTHER}/investment-plans/INVESTMENT_9201/lines-workbook",
        PUBLIC,
    ),
    Row(
        "post",
        f"/api/organisations/{OWN}/investment-plans/upload?year=2025",
        _done(_api(OWN_EDITOR), 400),
        "file",
    ),
    # Contacts
    Row("get", f"{API_ASSOC}/contacts", _api(SECRETARIAT)),
    Row("post", f"/api/organisations/{OWN}/contacts", _done(_api(CONTACTS), 201), CONTACT),
    # The secretariat's operations on Klimatkommunerna
    Row("get", f"{API_ASSOC}/board", _api(SECRETARIAT)),
    Row("post", f"{API_ASSOC}/board", _done(_api(SECRETARIAT), 201), BOARD_SEAT),
    Row("patch", f"{API_ASSOC}/board/SEAT", _api(SECRETARIAT), {"name": "Matrix"}),
    Row("delete", f"{API_ASSOC}/board/SEAT", _done(_api(SECRETARIAT), 204)),
    # Figures quoted from the association's published reports: public to read
    Row("get", f"{API_ASSOC}/published-figures", PUBLIC),
    Row("post", f"{API_ASSOC}/published-figures", _done(_api(SECRETARIAT), 201), PUBLISHED_FIGURE),
    Row("get", f"{API_ASSOC}/published-figures/PUBLISHED", PUBLIC),
    Row("put", f"{API_ASSOC}/published-figures/PUBLISHED", _api(SECRETARIAT), PUBLISHED_FIGURE),
    Row("delete", f"{API_ASSOC}/published-figures/PUBLISHED", _done(_api(SECRETARIAT), 204)),
    Row("get", f"{API_ASSOC}/fees?year=2025", _api(SECRETARIAT)),
    Row("get", f"{API_ASSOC}/fee-rules", _api(SECRETARIAT)),
    Row("post", f"{API_ASSOC}/fee-rules", _done(_api(SECRETARIAT), 201), FEE_RULE),
    Row("get", f"{API_ASSOC}/fee-overrides/{OWN}", _api(SECRETARIAT)),
    Row("put", f"{API_ASSOC}/fee-overrides/{OWN}?year=2025", _api(SECRETARIAT), OVERRIDE),
    Row("delete", f"{API_ASSOC}/fee-overrides/{OWN}?year=2025", _done(_api(SECRETARIAT), 204)),
    Row("get", f"{API_ASSOC}/surveys", _api(SECRETARIAT)),
    Row(
        "post",
        f"{API_ASSOC}/surveys",
        _done(_api(SECRETARIAT), 201),
        {"year": 2027, "kind": "klimatlaget", "source": "copy"},
    ),
    # The report is public, so the operation takes anonymous callers: refused, not unknown.
    Row("get", f"{API_ASSOC}/reports/2024?internal=true", (403, 403, 200, 403, 200, 403, 403, 403)),
    # The secretariat's operations on a survey named by its id
    Row("patch", API_SURVEY, SURVEY_SECRETARIAT, {"title": "Matrix"}),
    Row("post", f"{API_SURVEY}/invitations", SURVEY_SECRETARIAT),
    Row("post", f"{API_SURVEY}/reminders", SURVEY_SECRETARIAT),
    Row("get", f"{API_SURVEY}/status", SURVEY_SECRETARIAT),
    Row("get", f"{API_SURVEY}/statistics", SURVEY_SECRETARIAT),
    Row("get", f"{API_EDITED}/definition", SURVEY_SECRETARIAT),
    Row("post", f"{API_EDITED}/sections", _done(SURVEY_SECRETARIAT, 201), SECTION),
    Row("patch", f"{API_EDITED}/sections/work", SURVEY_SECRETARIAT, {"title": "Matrix"}),
    Row("delete", f"{API_EDITED}/sections/work", _done(SURVEY_SECRETARIAT, 204)),
    Row("post", f"{API_EDITED}/questions", _done(SURVEY_SECRETARIAT, 201), QUESTION),
    Row("patch", f"{API_EDITED}/questions/comment", SURVEY_SECRETARIAT, {"text": "Matrix?"}),
    Row("delete", f"{API_EDITED}/questions/comment", _done(SURVEY_SECRETARIAT, 204)),
    Row("get", "/api/surveys/TEST/membership-test", SURVEY_SECRETARIAT),
    Row("post", f"{API_RESPONSE}/approve", _done(SURVEY_SECRETARIAT, 422), {"comment": ""}),
    Row("post", f"{API_RESPONSE}/return", _done(SURVEY_SECRETARIAT, 422), {"comment": "x"}),
    # A member's response
    Row("get", API_SURVEY, (200, 200, 200, 200, 200, 200, 200, 401)),
    Row("get", API_RESPONSE, _api(RESPONSE)),
    Row("patch", API_RESPONSE, _api(ANSWERING), {"answers": {"comment": "Changed"}}),
    Row("post", f"{API_RESPONSE}/confirm-prefilled", _api(ANSWERING)),
    Row("post", f"{API_RESPONSE}/submit", _done(_api(ANSWERING), 422)),
    Row("get", f"{API_RESPONSE}/xlsx", _api(RESPONSE)),
    Row("post", f"{API_RESPONSE}/xlsx", _done(_api(ANSWERING), 422), "file"),
    # Open data: the package's descriptor
    Row("get", "/api/open-data", PUBLIC),
    # The follow-up workbook
    Row("get", f"/api/organisations/{OTHER}/follow-up/2024/0/workbook", PUBLIC),
    Row("get", f"/api/organisations/{OWN}/follow-up/2025/2/workbook", OPEN_PERIOD),
    Row(
        "post",
        f"/api/organisations/{OWN}/follow-up/2025/2/workbook",
        _done(_api(FILLING_IN), 422),
        "file",
    ),
    Row(
        "post",
        f"/api/organisations/{OTHER}/follow-up/2024/0/workbook",
        _api(FILLING_IN_APPROVED),
        "file",
    ),
]

ROWS = PAGES + API
