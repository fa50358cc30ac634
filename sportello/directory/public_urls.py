"""Public directory pages, under the language prefix: /it/directory/, /ar/directory/…"""

from django.urls import path

from sportello.directory import public_views as views

app_name = "public_directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("map/", views.results_map, name="map"),
    path("<uuid:service_id>/", views.service_detail, name="service"),
    path("<uuid:service_id>/print/", views.service_print, name="service_print"),
]
