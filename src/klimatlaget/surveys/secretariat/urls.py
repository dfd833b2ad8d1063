from django.urls import URLPattern, path

from klimatlaget.surveys.secretariat import views

SURVEY = "associations/<str:code>/surveys/<int:survey_id>/"

urlpatterns: list[URLPattern] = [
    path("associations/<str:code>/surveys/", views.survey_list, name="survey-list"),
    path(SURVEY, views.survey_overview, name="survey-overview"),
    path(f"{SURVEY}status/", views.survey_status, name="survey-status"),
    path(
        "associations/<str:code>/surveys/<int:survey_id>/status.csv",
        views.survey_status_csv,
        name="survey-status-csv",
    ),
    path(
        f"{SURVEY}status/<str:member_code>/review/",
        views.survey_review,
        name="survey-review",
    ),
    path(f"{SURVEY}send/<str:kind>/", views.survey_dispatch, name="survey-dispatch"),
]
