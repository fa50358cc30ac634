"""The coordinator's event pages, under /app/events/."""

from django.urls import path

from sportello.communication import events_views as views

app_name = "events"

urlpatterns = [
    path("events/", views.staff_list, name="list"),
    path("events/new/", views.event_create, name="create"),
    path("events/<uuid:code>/", views.event_edit, name="edit"),
    path("events/<uuid:code>/registrations/", views.registrations, name="registrations"),
]
