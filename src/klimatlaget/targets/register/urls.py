from django.urls import URLPattern, path

from klimatlaget.targets.register import views

urlpatterns: list[URLPattern] = [
    path("o/<str:code>/targets/", views.organisation_targets, name="organisation-targets"),
    path(
        "o/<str:code>/targets.csv", views.organisation_targets_csv, name="organisation-targets-csv"
    ),
    path("o/<str:code>/targets/new/", views.new_target, name="target-new"),
    path("o/<str:code>/targets/<int:target_id>/edit/", views.edit_target, name="target-edit"),
    path(
        "o/<str:code>/targets/<int:target_id>/delete/",
        views.delete_target_view,
        name="target-delete",
    ),
]
