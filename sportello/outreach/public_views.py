"""Pages without an account: the public "where is the operator this week" page (language-prefixed)
and the operator's secret iCal feed (/ical/<token>.ics)."""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sportello.accounts.access import public
from sportello.outreach import ical, selectors

FEED_WEEKS = 8


@public
def where(request: HttpRequest) -> HttpResponse:
    """The rota of this week (or next), day by day: places and times only, never who."""
    today = timezone.localdate()
    monday, _sunday = selectors.week_of(today)
    next_week = request.GET.get("week") == "next"
    if next_week:
        monday += dt.timedelta(days=7)
    return render(
        request,
        "outreach/where.html",
        {
            "days": selectors.public_week(start=monday),
            "today": today,
            "next_week": next_week,
            "monday": monday,
        },
    )


@public
@never_cache
def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """An operator's planned visits (last week and the next eight weeks) as iCalendar. Unknown or
    revoked tokens get the plain 404 page."""
    user = selectors.user_for_calendar_token(token)
    if user is None:
        raise Http404
    today = timezone.localdate()
    items = selectors.planned_visits(
        user, start=today - dt.timedelta(days=7), end=today + dt.timedelta(weeks=FEED_WEEKS)
    )
    with translation.override(user.language):
        events = [
            ical.Event(
                uid=f"{item.plan.code}-{item.date:%Y%m%d}@sportello",
                start=item.start,
                end=item.end,
                summary=_("Desk: %(place)s") % {"place": item.place.name},
                location=f"{item.place.address}, {item.place.municipality.name}",
                description=item.place.get_kind_display(),
            )
            for item in items
        ]
        text = ical.calendar(name=_("Sportello: my visits"), events=events, now=timezone.now())
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sportello.ics"'
    response["Referrer-Policy"] = "no-referrer"
    return response
