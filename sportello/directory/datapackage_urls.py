"""HSDS import and export pages: /app/directory/import/… and /app/directory/export/."""

from django.urls import path

from sportello.directory import datapackage_views as views

app_name = "datapackage"

urlpatterns = [
    path("directory/import/", views.import_page, name="import"),
    path("directory/import/<uuid:job_id>/", views.import_job, name="job"),
    path("directory/import/<uuid:job_id>/progress/", views.import_job_progress, name="progress"),
    path("directory/import/<uuid:job_id>/apply/", views.import_apply, name="apply"),
    path("directory/export/", views.export_download, name="export"),
]
