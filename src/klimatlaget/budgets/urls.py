from django.urls import URLPattern, path

from klimatlaget.budgets import overview_views, views

urlpatterns: list[URLPattern] = [
    path("o/<str:code>/budget/<int:year>/", views.budget_page, name="organisation-budget"),
    path("o/<str:code>/budget/<int:year>.csv", views.budget_csv, name="organisation-budget-csv"),
    path(
        "o/<str:code>/budget/<int:year>/gap.csv", views.gap_csv, name="organisation-budget-gap-csv"
    ),
    path(
        "o/<str:code>/budget/<int:year>/wedges.csv",
        views.wedges_csv,
        name="organisation-budget-wedges-csv",
    ),
    path(
        "o/<str:code>/budget/<int:year>/settings/",
        views.budget_settings,
        name="organisation-budget-settings",
    ),
    path(
        "o/<str:code>/budget/<int:year>/members/",
        overview_views.region_budgets,
        name="region-budgets",
    ),
    path(
        "o/<str:code>/budget/<int:year>/members.csv",
        overview_views.region_budgets_csv,
        name="region-budgets-csv",
    ),
    path(
        "associations/<str:code>/budget/<int:year>/",
        overview_views.association_budgets,
        name="association-budgets",
    ),
    path(
        "associations/<str:code>/budget/<int:year>.csv",
        overview_views.association_budgets_csv,
        name="association-budgets-csv",
    ),
    path("method/nowcast/", views.backtest_page, name="nowcast-backtest"),
    path("method/nowcast.csv", views.backtest_csv, name="nowcast-backtest-csv"),
]
