from django.urls import URLPattern, path

from klimatlaget.energy import views

urlpatterns: list[URLPattern] = [
    path("o/<str:code>/energy/", views.energy_page, name="energy"),
    path("o/<str:code>/energy.csv", views.energy_csv, name="energy-csv"),
    path("o/<str:code>/energy/upload/", views.upload_page, name="energy-upload"),
    path(
        "o/<str:code>/energy/covenant-of-mayors.xlsx",
        views.covenant_workbook,
        name="energy-covenant-xlsx",
    ),
    path("energy/upload/", views.platform_upload_page, name="energy-upload-platform"),
]
