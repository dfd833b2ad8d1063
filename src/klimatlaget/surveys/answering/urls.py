from django.urls import URLPattern, path

from klimatlaget.surveys.answering import endpoints, views

urlpatterns: list[URLPattern] = [
    path("o/<str:code>/surveys/", views.member_surveys, name="member-surveys"),
    path("o/<str:code>/surveys/<int:survey_id>/", views.questionnaire_page, name="survey-answer"),
    path(
        "o/<str:code>/surveys/<int:survey_id>/draft",
        endpoints.save_draft,
        name="survey-answer-draft",
    ),
    path(
        "o/<str:code>/surveys/<int:survey_id>/files/<slug:key>",
        endpoints.file_answer,
        name="survey-answer-file",
    ),
]
