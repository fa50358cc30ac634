"""The public open indicators, under the language prefix: /it/indicators/, /ar/indicators/…"""

from django.urls import path

from sportello.indicators import views

app_name = "public_indicators"

urlpatterns = [
    path("", views.open_indicators, name="open"),
]
