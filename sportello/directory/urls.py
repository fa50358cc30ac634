"""The operators' directory pages: /app/directory/…"""

from django.urls import path

from sportello.directory import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.service_list, name="service_list"),
    path("directory/new/", views.service_create, name="service_create"),
    path("directory/to-check/", views.stale_list, name="stale_list"),
    path("directory/proposals/", views.proposal_list, name="proposal_list"),
    path("directory/proposals/<uuid:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("directory/<uuid:service_id>/", views.service_detail, name="service_detail"),
    path("directory/<uuid:service_id>/edit/", views.service_edit, name="service_edit"),
    path("directory/<uuid:service_id>/propose/", views.service_propose, name="service_propose"),
    path("directory/<uuid:service_id>/status/", views.service_status, name="service_status"),
    path("directory/<uuid:service_id>/confirm/", views.service_confirm, name="service_confirm"),
    path("directory/<uuid:service_id>/history/", views.service_history, name="service_history"),
]
