"""Pages reached through a secret link, without an account and without language prefix:
the receiving service's one-time referral link and a place's intake link."""

from django.urls import path

from sportello.casework import intake_views, referral_views

app_name = "links"

urlpatterns = [
    path("r/<str:token>/", referral_views.provider, name="provider"),
    path("intake/<str:token>/", intake_views.intake_by_link, name="intake"),
]
