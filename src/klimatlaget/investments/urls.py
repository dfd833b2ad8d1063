from django.urls import URLPattern, path

from klimatlaget.investments import export_views, lines_views, views

urlpatterns: list[URLPattern] = [
    path("o/<str:code>/investments/", views.plan_list, name="investment-plans"),
    path("o/<str:code>/investments/new/", views.new_plan, name="investment-plan-new"),
    path(
        "o/<str:code>/investments/upload/",
        lines_views.upload_page,
        name="investment-plan-upload",
    ),
    path(
        "o/<str:code>/investments/template.xlsx",
        lines_views.template_workbook,
        name="investment-plan-template-xlsx",
    ),
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
        "o/<str:code>/investments/<int:plan_id>/lines.xlsx",
        lines_views.lines_workbook,
        name="investment-plan-lines-xlsx",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/funding.csv",
        views.funding_csv,
        name="investment-plan-funding-csv",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/plan.xlsx",
        export_views.plan_xlsx,
        name="investment-plan-xlsx",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/netzerocities.csv",
        export_views.netzerocities_csv,
        name="investment-plan-netzerocities-csv",
    ),
    path(
        "o/<str:code>/investments/<int:plan_id>/plan.json",
        export_views.plan_json,
        name="investment-plan-json",
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
