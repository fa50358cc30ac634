"""The secret iCal link: made on /app/rota/calendar/, revocable, places and hours only."""

import datetime as dt
import re

import icalendar
import pytest
from django.utils import timezone

from sportello.accounts.models import Role
from sportello.outreach import ical
from sportello.outreach.models import CalendarToken
from tests.outreach.factories import make_slot


@pytest.fixture
def operator_client(client_for, operator):
    return client_for(Role.OPERATOR)


def make_link(client) -> str:
    response = client.post("/app/rota/calendar/", {"action": "create"})
    assert response.status_code == 200
    link = response.context["new_link"]
    assert link in response.content.decode()
    return link.removeprefix("http://testserver")


def test_the_feed_lists_the_coming_visits_with_place_and_hours(
    operator_client, client, operator, school
):
    today = timezone.localdate()
    make_slot(school, operator, today.isoweekday(), "08:30", "10:30")
    url = make_link(operator_client)
    assert re.fullmatch(r"/ical/[A-Za-z0-9_-]{43}\.ics", url)

    response = client.get(url)  # a calendar app: no session
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))

    calendar = icalendar.Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    # Last week's, today's and those of the next eight weeks.
    dates = [event.decoded("DTSTART").date() for event in events]
    assert dates == [today + dt.timedelta(weeks=n) for n in range(-1, 9)]
    first = events[1]
    start = first.decoded("DTSTART")
    assert (start.date(), start.time()) == (today, dt.time(8, 30))
    assert str(start.tzinfo) == "Europe/Rome"
    assert first.decoded("DTEND").time() == dt.time(10, 30)
    assert "Scuola primaria" in str(first["SUMMARY"])
    assert str(first["LOCATION"]) == "Via 1, Ottiglio"
    text = body.decode()
    assert "Olga" not in text and "Demoperatrice" not in text


def test_only_the_hash_of_the_token_is_stored(operator_client, operator):
    url = make_link(operator_client)
    token = url.removeprefix("/ical/").removesuffix(".ics")
    row = CalendarToken.objects.get(user=operator)
    assert row.token_hash != token and len(row.token_hash) == 64
    assert token not in operator_client.get("/app/rota/calendar/").content.decode()


def test_revoking_makes_the_old_link_404(operator_client, client, operator):
    url = make_link(operator_client)
    assert client.get(url).status_code == 200
    response = operator_client.post("/app/rota/calendar/", {"action": "revoke"})
    assert response.status_code == 302
    assert client.get(url).status_code == 404


def test_a_new_link_replaces_the_old_one(operator_client, client):
    old = make_link(operator_client)
    new = make_link(operator_client)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


@pytest.mark.parametrize("token", ["x", "A" * 43, "A" * 500])
def test_unknown_tokens_get_404(db, client, token):
    assert client.get(f"/ical/{token}.ics").status_code == 404


def test_a_deactivated_user_loses_the_feed(operator_client, client, operator):
    url = make_link(operator_client)
    operator.is_active = False
    operator.save(update_fields=["is_active"])
    assert client.get(url).status_code == 404


def test_each_operator_gets_only_their_own_visits(client_for, client, users, school, clinic):
    today = timezone.localdate()
    make_slot(school, users[Role.OPERATOR], today.isoweekday())
    make_slot(clinic, users[Role.COORDINATOR], today.isoweekday())
    url = make_link(client_for(Role.COORDINATOR))
    text = client.get(url).content.decode()
    assert "Ambulatorio medico" in text and "Scuola primaria" not in text


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "مكتب المهاجرين " * 10
    folded = ical.fold(line)
    parts = folded.split("\r\n ")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(parts) == line


def test_text_values_are_escaped():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
