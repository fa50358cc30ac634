"""The operator's day on a phone: planned visits, follow-ups due, overdue referrals, intakes."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sportello.accounts.access import roles
from sportello.accounts.models import Role
from sportello.casework import selectors
from sportello.casework.path_views import DESK


@roles(*DESK)
def today(request: HttpRequest) -> HttpResponse:
    agenda = selectors.agenda_for(request.user)
    return render(
        request,
        "casework/today.html",
        {
            "agenda": agenda,
            "logged_places": selectors.places_visited(request.user, agenda.today),
            "retention_late": (
                selectors.retention_late() if request.user.role == Role.COORDINATOR else None
            ),
        },
    )
