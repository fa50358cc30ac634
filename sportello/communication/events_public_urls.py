"""The public event pages, under the language prefix: /it/events/, /ar/events/<slug>/…"""

from django.urls import path

from sportello.communication import events_views as views

app_name = "public_events"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<slug:slug>/", views.public_detail, name="detail"),
]
