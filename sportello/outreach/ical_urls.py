"""The operator's secret calendar feed, without language prefix: /ical/<token>.ics"""

from django.urls import path

from sportello.outreach import public_views

app_name = "ical"

urlpatterns = [
    path("<str:token>.ics", public_views.ical_feed, name="feed"),
]
