"""Staff pages of the news: /app/news/…"""

from django.urls import path

from sportello.communication import views

app_name = "news"

urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/new/", views.news_edit, name="create"),
    path("news/<uuid:code>/", views.news_preview, name="preview"),
    path("news/<uuid:code>/edit/", views.news_edit, name="edit"),
]
