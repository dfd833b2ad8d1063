from django.urls import URLPattern, path

from klimatlaget.surveys.secretariat import editing_views, published_views, views

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

urlpatterns += [
    path(f"{SURVEY}sections/add/", editing_views.section_add, name="survey-section-add"),
    path(f"{SURVEY}sections/<slug:key>/", editing_views.section_edit, name="survey-section-edit"),
    path(
        f"{SURVEY}sections/<slug:key>/delete/",
        editing_views.section_delete,
        name="survey-section-delete",
    ),
    path(
        f"{SURVEY}sections/<slug:key>/move/",
        editing_views.section_move,
        name="survey-section-move",
    ),
    path(f"{SURVEY}questions/add/", editing_views.question_add, name="survey-question-add"),
    path(
        f"{SURVEY}questions/<slug:key>/", editing_views.question_edit, name="survey-question-edit"
    ),
    path(
        f"{SURVEY}questions/<slug:key>/delete/",
        editing_views.question_delete,
        name="survey-question-delete",
    ),
    path(
        f"{SURVEY}questions/<slug:key>/move/",
        editing_views.question_move,
        name="survey-question-move",
    ),
]

PUBLISHED = "associations/<str:code>/published-figures/"

urlpatterns += [
    path(PUBLISHED, published_views.figure_list, name="published-figures"),
    path(f"{PUBLISHED}<int:figure_id>/", published_views.figure_edit, name="published-figure-edit"),
    path(
        f"{PUBLISHED}<int:figure_id>/delete/",
        published_views.figure_delete,
        name="published-figure-delete",
    ),
]
