from django.urls import URLPattern, path

from klimatlaget.investments import coverage_page, views

urlpatterns: list[URLPattern] = [
    path("o/<str:code>/investments/", views.plan_list, name="investment-plans"),
    path("o/<str:code>/investments/new/", views.new_plan, name="investment-plan-new"),
    path("o/<str:code>/investments/<int:plan_id>/", views.plan_page, name="investment-plan"),
    path(
        "o/<str:code>/investments/<int:plan_id>/edit/",
        views.edit_plan,
        name="investment-plan-edit",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/lines/new/",
        views.new_line,
        name="investment-line-new",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/lines/<int:line_id>/",
        views.line_page,
        name="investment-line",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/lines/<int:line_id>/edit/",
        views.edit_line,
        name="investment-line-edit",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/lines.csv",
        views.plan_csv,
        name="investment-plan-csv",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/coverage.csv",
        coverage_page.coverage_csv,
        name="investment-plan-coverage-csv",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/cumulative.csv",
        coverage_page.cumulative_csv,
        name="investment-plan-cumulative-csv",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/funding.csv",
        views.funding_csv,
        name="investment-plan-funding-csv",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/compare/",
        views.compare_page,
        name="investment-plan-compare",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/new-version/",
        views.new_version,
        name="investment-plan-new-version",
    ),
]
