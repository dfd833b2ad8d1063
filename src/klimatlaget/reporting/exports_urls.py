from django.urls import path

from klimatlaget.reporting import exports_views as views

urlpatterns = [
    path("o/<str:code>/exports/", views.organisation_exports, name="organisation-exports"),
    path(
        "o/<str:code>/exports/<slug:name>.<slug:format>",
        views.organisation_export,
        name="organisation-export",
    ),
    path("exports/", views.platform_exports, name="platform-exports"),
    path("exports/<slug:name>.<slug:format>", views.platform_export, name="platform-export"),
]
