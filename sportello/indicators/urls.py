"""Staff indicator pages under /app/indicators/."""

from django.urls import path

from sportello.indicators import views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.dashboard, name="dashboard"),
    path("indicators/indicators.xlsx", views.export_xlsx, name="export_xlsx"),
    path("indicators/tables/<slug:table>.csv", views.export_csv, name="export_csv"),
    path("indicators/extract.csv", views.extract, name="extract"),
    path("indicators/report.pdf", views.report_pdf, name="report"),
]
