from django.urls import URLPattern, path

from klimatlaget.surveys.offline import views

urlpatterns: list[URLPattern] = [
    path(
        "o/<str:code>/surveys/<int:survey_id>/questionnaire.xlsx",
        views.questionnaire_xlsx,
        name="survey-xlsx",
    ),
    path("o/<str:code>/surveys/<int:survey_id>/upload/", views.upload_page, name="survey-upload"),
]
