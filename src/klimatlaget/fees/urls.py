from django.urls import URLPattern, path

from klimatlaget.fees import edit_views, views

urlpatterns: list[URLPattern] = [
    path("associations/<str:code>/fees/rules/", edit_views.fee_rules_page, name="fee-rules"),
    path("associations/<str:code>/fees/<int:year>/", views.fee_list_page, name="fee-list"),
    path("associations/<str:code>/fees/<int:year>.csv", views.fee_list_csv, name="fee-list-csv"),
    path(
        "associations/<str:code>/fees/<int:year>.xlsx",
        views.fee_list_excel,
        name="fee-list-xlsx",
    ),
    path(
        "associations/<str:code>/fees/<int:year>/overrides/<str:member_code>/",
        edit_views.fee_override_page,
        name="fee-override",
    ),
]
