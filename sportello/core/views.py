import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from sportello.accounts.access import public, staff
from sportello.accounts.models import Role
from sportello.casework import selectors as casework
from sportello.core.navigation import navigation_for
from sportello.directory import selectors as directory
from sportello.outreach import selectors as outreach
from sportello.territory import selectors as territory

logger = logging.getLogger(__name__)


@public
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@public
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; a signed-in user's choice of staff language is remembered."""
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in settings.STAFF_LANGUAGES and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return django_set_language(request)


@public
def public_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/public_home.html",
        {
            "project": territory.current_project(),
            "municipalities": territory.municipalities_with_places(),
            "week": outreach.public_week(start=timezone.localdate(), skip_empty=True),
        },
    )


@staff
def staff_home(request: HttpRequest) -> HttpResponse:
    project = territory.current_project()
    return render(
        request,
        "core/staff_home.html",
        {
            "project": project,
            "targets": project.targets.all() if project else [],
            "links": navigation_for(request.user)[1:],
            "directory": directory.home_summary(request.user),
            "agenda": (
                casework.agenda_summary(request.user)
                if request.user.role in (Role.COORDINATOR, Role.OPERATOR)
                else None
            ),
            "retention_late": (
                casework.retention_late() if request.user.role == Role.COORDINATOR else None
            ),
        },
    )


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):  # API clients read JSON, as the schema says
        return JsonResponse({"detail": "Bad request."}, status=400)
    return render(request, "errors/400.html", status=400)


API_PREFIX = "/api/"


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever failed must not fail again while rendering the error.
    template = loader.get_template("errors/500.html")
    context = {
        "LANGUAGE_CODE": getattr(request, "LANGUAGE_CODE", "it"),
        "LANGUAGE_BIDI": get_language_bidi(),
        "stylesheet": _stylesheet(),
    }
    return HttpResponse(template.render(context), status=500)


def _stylesheet() -> str | None:
    """The stylesheet's address, or None when static files are what is broken."""
    try:
        return static("core/sportello.css")
    except Exception:  # a missing manifest entry must not break the error page
        return None
