from django.urls import path

from sportello.territory import views

app_name = "territory"

urlpatterns = [
    path("places/", views.place_list, name="place_list"),
    path("places/new/", views.place_create, name="place_create"),
    path("places/<uuid:code>/", views.place_edit, name="place_edit"),
    path("project/", views.project, name="project"),
]
