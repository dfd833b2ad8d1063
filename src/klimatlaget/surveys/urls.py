from django.urls import include, path

urlpatterns = [
    path("", include("klimatlaget.surveys.secretariat.urls")),
    path("", include("klimatlaget.surveys.answering.urls")),
    path("", include("klimatlaget.surveys.offline.urls")),
    path("", include("klimatlaget.surveys.results.urls")),
    path("", include("klimatlaget.surveys.report.urls")),
    path("", include("klimatlaget.surveys.membership_results.urls")),
]
