"""Staff pages of the diffuse desk, under /app/: the rota and the visits."""

from django.urls import path

from sportello.outreach import views

app_name = "outreach"

urlpatterns = [
    path("rota/", views.rota_list, name="rota_list"),
    path("rota/new/", views.rota_create, name="rota_create"),
    path("rota/calendar/", views.calendar, name="calendar"),
    path("rota/<uuid:code>/", views.rota_edit, name="rota_edit"),
    path("rota/<uuid:code>/deactivate/", views.rota_deactivate, name="rota_deactivate"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<uuid:code>/", views.visit_detail, name="visit_detail"),
    path("visits/<uuid:code>/edit/", views.visit_edit, name="visit_edit"),
]
