"""Staff pages of the coordination group, under /app/coordination/."""

from django.urls import path

from sportello.coordination import views

app_name = "coordination"

urlpatterns = [
    path("coordination/", views.home, name="home"),
    path("coordination/members/new/", views.member_create, name="member_create"),
    path("coordination/members/<uuid:code>/", views.member_edit, name="member_edit"),
    path("coordination/meetings/new/", views.meeting_create, name="meeting_create"),
    path("coordination/meetings/<uuid:code>/", views.meeting_detail, name="meeting_detail"),
    path("coordination/meetings/<uuid:code>/edit/", views.meeting_edit, name="meeting_edit"),
    path(
        "coordination/meetings/<uuid:code>/attendance/",
        views.meeting_attendance,
        name="meeting_attendance",
    ),
    path(
        "coordination/meetings/<uuid:code>/headlines/",
        views.meeting_headlines,
        name="meeting_headlines",
    ),
    path("coordination/meetings/<uuid:code>/minutes.pdf", views.meeting_pdf, name="meeting_pdf"),
    path(
        "coordination/meetings/<uuid:code>/attachments/",
        views.attachment_add,
        name="attachment_add",
    ),
    path(
        "coordination/meetings/<uuid:code>/decisions/new/",
        views.decision_create,
        name="decision_create",
    ),
    path(
        "coordination/attachments/<uuid:code>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "coordination/attachments/<uuid:code>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("coordination/decisions/", views.decision_list, name="decision_list"),
    path("coordination/decisions/<uuid:code>/", views.decision_edit, name="decision_edit"),
]
