from django.urls import path

from klimatlaget.opendata import views

urlpatterns = [
    path("open-data/", views.index, name="open-data"),
    path("open-data/datapackage.json", views.descriptor, name="open-data-descriptor"),
    path("open-data/<str:table>.csv", views.table_csv, name="open-data-table"),
    path("open-data/klimatlaget-open-data.zip", views.package_zip, name="open-data-zip"),
]
