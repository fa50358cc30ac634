"""Staff pages of the flyer: /app/flyers/…"""

from django.urls import path

from sportello.communication import views

app_name = "flyers"

urlpatterns = [
    path("flyers/", views.flyer_home, name="home"),
    path("flyers/text/<str:language>/", views.flyer_text_edit, name="text_edit"),
    path("flyers/distributions/new/", views.distribution_create, name="distribution_create"),
]
