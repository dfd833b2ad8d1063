from django.urls import URLPattern, path

from klimatlaget.surveys.results import views

urlpatterns: list[URLPattern] = [
    path(
        "associations/<str:code>/surveys/<int:survey_id>/statistics/",
        views.statistics_page,
        name="survey-statistics",
    ),
    path(
        "associations/<str:code>/surveys/<int:survey_id>/statistics.csv",
        views.statistics_csv,
        name="survey-statistics-csv",
    ),
]
