from django.urls import path

from klimatlaget.reporting import views

urlpatterns = [
    path("o/<str:code>/reporting/", views.readiness_page, name="reporting"),
    path(
        "o/<str:code>/reporting/questions/<str:key>/",
        views.answer_question,
        name="reporting-answer",
    ),
    path(
        "associations/<str:code>/reporting/", views.association_page, name="association-reporting"
    ),
    path(
        "associations/<str:code>/reporting.csv",
        views.association_csv,
        name="association-reporting-csv",
    ),
    path("reporting/deadlines/", views.deadlines, name="reporting-deadlines"),
    path("reporting/deadlines/new/", views.edit_deadline, name="reporting-deadline-new"),
    path(
        "reporting/deadlines/<int:deadline_id>/edit/",
        views.edit_deadline,
        name="reporting-deadline-edit",
    ),
    path(
        "reporting/deadlines/<int:deadline_id>/delete/",
        views.delete_deadline,
        name="reporting-deadline-delete",
    ),
    path("reporting/deadlines/defaults/", views.adopt_defaults, name="reporting-deadline-defaults"),
]
