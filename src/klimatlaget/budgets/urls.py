from django.urls import URLPattern, path

from klimatlaget.budgets import views

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
    path("method/nowcast/", views.backtest_page, name="nowcast-backtest"),
    path("method/nowcast.csv", views.backtest_csv, name="nowcast-backtest-csv"),
]
