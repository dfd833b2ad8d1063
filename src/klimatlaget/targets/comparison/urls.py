from django.urls import URLPattern, path

from klimatlaget.targets.comparison import views

urlpatterns: list[URLPattern] = [
    path("targets/", views.comparison, name="target-comparison"),
    path("targets.csv", views.comparison_csv, name="target-comparison-csv"),
    path("targets/matrix/", views.matrix, name="target-matrix"),
    path("targets/matrix.csv", views.matrix_csv, name="target-matrix-csv"),
    path("targets/pathways/", views.pathways, name="target-pathways"),
    path("targets/association/", views.association, name="target-association"),
]
