"""Public news under the language prefix: /it/news/, /ar/news/feed/…"""

from django.urls import path

from sportello.communication import public_views

app_name = "public_news"

urlpatterns = [
    path("", public_views.news_list, name="list"),
    path("feed/", public_views.news_feed, name="feed"),
    path("<uuid:code>/", public_views.news_detail, name="detail"),
    path("<uuid:code>/image", public_views.news_image, name="image"),
]
