from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from sportello.core import views as core_views
from sportello.directory import api as hsds_api

handler400 = "sportello.core.views.bad_request"
handler403 = "sportello.core.views.permission_denied"
handler404 = "sportello.core.views.page_not_found"
handler500 = "sportello.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("app/", core_views.staff_home, name="staff_home"),
    path("app/", include("sportello.accounts.urls")),
    path("app/", include("sportello.territory.urls")),
    path("app/", include("sportello.directory.urls")),
    path("app/", include("sportello.directory.datapackage_urls")),
    path("app/", include("sportello.outreach.urls")),
    path("app/", include("sportello.casework.urls")),
    path("ical/", include("sportello.outreach.ical_urls")),
    path("app/", include("sportello.casework.tutoring_urls")),
    path("app/", include("sportello.indicators.urls")),
    path("app/", include("sportello.learning.urls")),
    path("app/", include("sportello.coordination.urls")),
    path("app/", include("sportello.communication.events_urls")),
    path("app/", include("sportello.communication.flyer_urls")),
    path("app/", include("sportello.communication.news_urls")),
    path("", include("sportello.casework.link_urls")),
    path("api/hsds/", hsds_api.urls()),
]

urlpatterns += i18n_patterns(
    path("", include("sportello.core.urls")),
    path("directory/", include("sportello.directory.public_urls")),
    path("where/", include("sportello.outreach.public_urls")),
    path("indicators/", include("sportello.indicators.public_urls")),
    path("events/", include("sportello.communication.events_public_urls")),
    path("flyer/", include("sportello.communication.public_flyer_urls")),
    path("news/", include("sportello.communication.public_news_urls")),
)
