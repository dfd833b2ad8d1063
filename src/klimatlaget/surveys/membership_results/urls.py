from django.urls import URLPattern, path

from klimatlaget.surveys.membership_results import views

urlpatterns: list[URLPattern] = [
    path(
        "associations/<str:code>/surveys/<int:survey_id>/membership-test/",
        views.results_page,
        name="membership-test-results",
    ),
    path(
        "associations/<str:code>/surveys/<int:survey_id>/membership-test.csv",
        views.results_csv,
        name="membership-test-results-csv",
    ),
    path(
        "o/<str:code>/surveys/<int:survey_id>/membership-test/",
        views.member_page,
        name="membership-test-member",
    ),
]
