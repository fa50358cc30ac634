from django.urls import path

from sportello.core import views

app_name = "public"

urlpatterns = [
    path("", views.public_home, name="home"),
]
