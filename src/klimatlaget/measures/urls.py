from django.urls import URLPattern, path

from klimatlaget.measures.views import indicators, measures, plans, quotas

urlpatterns: list[URLPattern] = [
    path("o/<str:code>/plans/", plans.plan_list, name="plan-list"),
    path("o/<str:code>/plans/new/", plans.new_plan, name="plan-new"),
    path("o/<str:code>/plans/<int:plan_id>/edit/", plans.edit_plan, name="plan-edit"),
    path(
        "o/<str:code>/plans/<int:plan_id>/new-version/",
        plans.new_plan_version,
        name="plan-new-version",
    ),
    path("o/<str:code>/measures/", measures.measure_register, name="measure-register"),
    path("o/<str:code>/measures.csv", measures.measure_register_csv, name="measure-register-csv"),
    path("o/<str:code>/measures/new/", measures.new_measure, name="measure-new"),
    path("o/<str:code>/measures/<int:measure_id>/", measures.measure_page, name="measure"),
    path(
        "o/<str:code>/measures/<int:measure_id>/edit/",
        measures.edit_measure,
        name="measure-edit",
    ),
    path("o/<str:code>/indicators/", indicators.indicator_list, name="indicator-list"),
    path("o/<str:code>/indicators/new/", indicators.new_indicator, name="indicator-new"),
    path(
        "o/<str:code>/indicators/<int:indicator_id>/",
        indicators.indicator_page,
        name="indicator",
    ),
    path(
        "o/<str:code>/indicators/<int:indicator_id>/edit/",
        indicators.edit_indicator,
        name="indicator-edit",
    ),
    path(
        "o/<str:code>/indicators/<int:indicator_id>/values/",
        indicators.add_value,
        name="indicator-add-value",
    ),
    path("o/<str:code>/quotas/", quotas.quota_list, name="quota-list"),
    path("o/<str:code>/quotas.csv", quotas.quota_list_csv, name="quota-list-csv"),
    path("o/<str:code>/quotas/new/", quotas.new_quota, name="quota-new"),
    path("o/<str:code>/quotas/<int:quota_id>/edit/", quotas.edit_quota, name="quota-edit"),
    path(
        "o/<str:code>/quotas/<int:quota_id>/outcomes/",
        quotas.quota_outcomes,
        name="quota-outcomes",
    ),
    path(
        "o/<str:code>/quotas/<int:quota_id>/delete/",
        quotas.delete_quota_view,
        name="quota-delete",
    ),
]
