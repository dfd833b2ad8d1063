"""In the browser: the comparison of targets, pathways side by side, the association's view."""

import datetime

import pytest

from klimatlaget.accounts.actors import command_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def targets(example_data):
    """Strandhamn near zero by 2030, Tallnäs net zero by 2050, Mossala −70 % by 2030 with scope 3;
    Strandhamn and Mossala members of Klimatkommunerna, Tallnäs until 2022."""
    from klimatlaget.associations.models import Membership
    from klimatlaget.audit.services import record
    from klimatlaget.audit.subjects import TARGET
    from klimatlaget.organisations.models import Organisation, OrganisationKind
    from klimatlaget.targets.models import Target

    def add(code, **fields):
        fields.setdefault("scopes", ["1", "2"])
        org = Organisation.objects.get(code=code)
        Target.objects.create(organisation=org, includes_non_energy=True, **fields)
        return org

    strandhamn = add("9102", form="near_zero", target_year=2030)
    tallnas = add("9201", form="net_zero", target_year=2050)
    mossala = add(
        "9105",
        form="percent_reduction",
        value=70,
        base_year=1990,
        target_year=2030,
        scopes=["1", "2", "3-upstream", "3-downstream", "3-transport"],
    )
    network = Organisation.objects.create(
        code="klimatkommunerna", name="Klimatkommunerna", kind=OrganisationKind.ASSOCIATION
    )
    for member, left in ((strandhamn, None), (mossala, None), (tallnas, datetime.date(2022, 6, 1))):
        Membership.objects.create(
            association=network, member=member, joined=datetime.date(2019, 1, 1), left=left
        )
    record(
        actor=command_line(),
        subject=TARGET,
        action="targets.test",
    )


def test_comparison_shows_both_groups_and_the_reference_rows(page, targets):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto("/")
    page.locator("nav a[href='/targets/']").click()  # the new navigation link
    page.wait_for_url("**/targets/")
    tables = page.locator("table.target-comparison")
    assert tables.count() == 2
    first_group = page.locator("table[data-group='1-2'] tbody tr")
    names = first_group.locator("th").all_inner_texts()
    assert names.index(next(n for n in names if "Strandhamn" in n)) < names.index(
        next(n for n in names if "Tallnäs" in n)
    )
    assert page.locator("tr.reference").count() == 2
    assert page.locator("tr[data-key='ref-SE']").is_visible()
    assert page.locator("tr[data-key='ref-EU']").is_visible()
    assert "Mossala" in page.locator("table[data-group='1-2-3']").inner_text()
    page.locator("select[name=scope_group]").select_option("1-2-3")
    page.wait_for_url("**scope_group=1-2-3**")
    assert page.locator("table.target-comparison").count() == 1
    assert failed == []  # every page and resource loaded
    # The browser's own favicon request is the only 404 (the site has none).
    assert [e for e in page.console_errors if "404" not in e] == []


def test_pathways_for_two_chosen_organisations(page, targets):
    page.goto("/targets/pathways/")
    page.locator("select[name=org]").select_option(["9102", "9201"])
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url("**org=9102**")
    chart = page.locator("#pathway-chart svg:visible")
    assert chart.count() == 1
    svg = chart.inner_html()
    assert "Strandhamn" in svg and "Tallnäs" in svg
    rows = page.locator("#pathway-table tbody tr")
    assert rows.count() > 20
    organisations = set(page.locator("#pathway-table tbody th").all_inner_texts())
    assert organisations == {"Strandhamn", "Tallnäs"}
    assert page.console_errors == []


def test_association_page_shows_counts(page, targets):
    page.goto("/targets/association/?association=klimatkommunerna&year=2024")
    assert page.get_by_role("heading", level=1).inner_text().endswith("Klimatkommunerna")
    counts = page.locator("#verdict-counts tbody td").all_inner_texts()
    assert sum(int(c) for c in counts) == 2  # Tallnäs left in 2022
    members = page.locator("#member-table tbody th").all_inner_texts()
    assert members == ["Mossala", "Strandhamn"]
    page.locator("input[name=year]").fill("2021")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url("**year=2021**")
    assert page.locator("#member-table tbody th").all_inner_texts() == [
        "Mossala",
        "Strandhamn",
        "Tallnäs",
    ]
    assert page.locator("figure.chart svg:visible").count() == 1


def test_the_matrix_from_the_comparison_on_a_phone(page, targets):
    """The matrix is linked from the comparison; on a 390 px phone the page does not scroll
    sideways (the table scrolls in its box) and Sweden's and the EU's targets are marked."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/targets/")
    page.locator("a[href^='/targets/matrix/']").click()
    page.wait_for_url("**/targets/matrix/**")
    assert page.locator("table.target-matrix").count() == 2
    neutral = page.locator("table[data-group='1-2'] tr[data-rung='climate_neutral']")
    assert neutral.locator("li.reference").count() == 2  # Sweden 2045, the EU 2050
    assert "Strandhamn" in page.locator("tr[data-rung='near_zero']").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("select[name=scope_group]").select_option("1-2-3")
    page.wait_for_url("**scope_group=1-2-3**")
    assert page.locator("table.target-matrix").count() == 1
    assert "Mossala" in page.locator("table.target-matrix").inner_text()
    assert [e for e in page.console_errors if "404" not in e] == []
