"""Public page under the language prefix: /it/where/, /ar/where/…"""

from django.urls import path

from sportello.outreach import public_views

app_name = "public_outreach"

urlpatterns = [
    path("", public_views.where, name="where"),
]
