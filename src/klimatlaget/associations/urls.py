from django.urls import URLPattern, path

from klimatlaget.associations import board_views, views

urlpatterns: list[URLPattern] = [
    path("associations/", views.association_list, name="association-list"),
    path("associations/<str:code>/", views.association, name="association"),
    path(
        "associations/<str:code>/members/",
        views.association_members,
        name="association-members",
    ),
    path(
        "associations/<str:code>/board/<int:seat_id>/edit/",
        board_views.edit_board_member,
        name="board-member-edit",
    ),
    path(
        "associations/<str:code>/board/<int:seat_id>/delete/",
        board_views.delete_board_member,
        name="board-member-delete",
    ),
    path("o/<str:code>/contacts/", views.organisation_contacts, name="organisation-contacts"),
    path(
        "o/<str:code>/contacts/<int:contact_id>/edit/",
        views.edit_contact,
        name="contact-edit",
    ),
    path(
        "o/<str:code>/contacts/<int:contact_id>/delete/",
        views.delete_contact,
        name="contact-delete",
    ),
]
