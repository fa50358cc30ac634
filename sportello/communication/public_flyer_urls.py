"""Public flyer page and PDFs under the language prefix: /it/flyer/, /ar/flyer/a5.pdf…"""

from django.urls import path

from sportello.communication import public_views

app_name = "public_flyer"

urlpatterns = [
    path("", public_views.flyer, name="page"),
    path("all-<str:kind>.pdf", public_views.flyer_all_pdf, name="all_pdf"),
    path("<str:paper>.pdf", public_views.flyer_pdf, name="pdf"),
]
