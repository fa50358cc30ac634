"""The one-thumb visit form, the visit list and detail, and same-day corrections."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from sportello.accounts.models import Role
from sportello.outreach.models import AnonymousContact, Visit
from tests.outreach.factories import make_slot


def management(total: int, initial: int = 0, prefix: str = "contacts") -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }


def visit_data(place, *, date=None, minutes="60", contacts=()) -> dict:
    data = {
        "date": (date or timezone.localdate()).isoformat(),
        "place": str(place.code),
        "minutes": minutes,
        **management(max(4, len(contacts))),
    }
    for i, contact in enumerate(contacts):
        for key, value in contact.items():
            data[f"contacts-{i}-{key}"] = value
    return data


TWO_PEOPLE = [
    {"gender": "female", "age_band": "30-49", "language": "ar", "need": "italian-l2"},
    {"gender": "male", "age_band": "18-29", "language": "ro", "need": ""},
]


@pytest.fixture
def operator_client(client_for, operator):
    return client_for(Role.OPERATOR)


def test_the_form_starts_with_today_and_the_planned_place(operator_client, operator, school):
    today = timezone.localdate()
    make_slot(school, operator, today.isoweekday(), "00:00", "23:59")
    response = operator_client.get("/app/visits/new/")
    form = response.context["form"]
    assert form.initial["date"] == today
    assert form.initial["place"] == school.code
    page = response.content.decode()
    assert f'value="{today.isoformat()}"' in page
    assert f'<option value="{school.code}" selected>' in page
    # Without JavaScript: four empty rows for the people met.
    assert 'name="contacts-TOTAL_FORMS" value="4"' in page


def test_without_a_planned_visit_the_form_still_opens(operator_client):
    response = operator_client.get("/app/visits/new/")
    assert response.status_code == 200
    assert response.context["form"].initial["minutes"] == 60


def test_logging_a_visit_with_two_people(operator_client, operator, school):
    today = timezone.localdate()
    plan = make_slot(school, operator, today.isoweekday())
    response = operator_client.post(
        "/app/visits/new/", visit_data(school, minutes="90", contacts=TWO_PEOPLE), follow=True
    )
    visit = Visit.objects.get()
    assert response.redirect_chain == [(f"/app/visits/{visit.code}/", 302)]
    assert (visit.date, visit.place, visit.operator, visit.minutes) == (today, school, operator, 90)
    assert visit.plan == plan
    contacts = list(visit.contacts.order_by("id").values_list("gender", "age_band", "language"))
    assert contacts == [("female", "30-49", "ar"), ("male", "18-29", "ro")]
    assert visit.contacts.order_by("id").first().need.code == "italian-l2"
    page = response.content.decode()
    assert "Scuola primaria" in page
    assert "Arabo" in page  # the language by name, in the reader's language


def test_a_visit_with_nobody_met_is_fine(operator_client, school):
    operator_client.post("/app/visits/new/", visit_data(school))
    assert Visit.objects.get().contacts.count() == 0


def tomorrow():
    return timezone.localdate() + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(date=tomorrow().isoformat()), "date"),
        (lambda d: d.update(minutes="0"), "minutes"),
        (lambda d: d.update(minutes=""), "minutes"),
        (lambda d: d.update(minutes="721"), "minutes"),
        (lambda d: d.update(place=str(uuid.uuid4())), "place"),
        (lambda d: d.update(date="31/02/2012"), "date"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(operator_client, school, change, field):
    data = visit_data(school, contacts=TWO_PEOPLE)
    change(data)
    response = operator_client.post("/app/visits/new/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Visit.objects.exists()
    assert not AnonymousContact.objects.exists()
    # The people typed in are kept on the page.
    assert 'value="ar" selected' in response.content.decode()


def test_a_person_without_gender_or_age_is_refused(operator_client, school):
    data = visit_data(school, contacts=[{"language": "sq"}])
    response = operator_client.post("/app/visits/new/", data)
    assert response.status_code == 200
    errors = response.context["formset"].forms[0].errors
    assert set(errors) == {"gender", "age_band"}
    assert not Visit.objects.exists()


def test_a_closed_place_cannot_be_chosen(operator_client, school):
    school.active = False
    school.save(update_fields=["active"])
    response = operator_client.post("/app/visits/new/", visit_data(school))
    assert "place" in response.context["form"].errors
    assert not Visit.objects.exists()


def test_operators_see_their_own_visits_and_the_coordinator_all(client_for, users, school):
    mine = Visit.objects.create(
        date=dt.date(2011, 11, 7), place=school, operator=users[Role.OPERATOR], minutes=60
    )
    theirs = Visit.objects.create(
        date=dt.date(2011, 11, 8), place=school, operator=users[Role.COORDINATOR], minutes=30
    )
    operator = client_for(Role.OPERATOR)
    listed = [v.code for v in operator.get("/app/visits/").context["page"]]
    assert listed == [mine.code]
    assert operator.get(f"/app/visits/{theirs.code}/").status_code == 404
    assert operator.get(f"/app/visits/{theirs.code}/edit/").status_code == 404
    coordinator = client_for(Role.COORDINATOR)
    listed = [v.code for v in coordinator.get("/app/visits/").context["page"]]
    assert listed == [theirs.code, mine.code]
    assert coordinator.get(f"/app/visits/{mine.code}/").status_code == 200


def test_visit_list_queries_do_not_grow_with_visits(
    client_for, users, school, django_assert_max_num_queries
):
    for day in range(1, 29):
        visit = Visit.objects.create(
            date=dt.date(2012, 2, day), place=school, operator=users[Role.OPERATOR], minutes=60
        )
        AnonymousContact.objects.create(visit=visit, gender="female", age_band="30-49")
    client = client_for(Role.COORDINATOR)
    with django_assert_max_num_queries(10):
        response = client.get("/app/visits/")
    assert len(response.context["page"]) == 28
    assert response.context["totals"] == {
        "visits": 28,
        "minutes": 28 * 60,
        "hours": 28,
        "people": 28,
    }


def test_a_visit_is_corrected_on_the_same_day(operator_client, operator, school, clinic):
    operator_client.post("/app/visits/new/", visit_data(school, contacts=TWO_PEOPLE))
    visit = Visit.objects.get()
    page = operator_client.get(f"/app/visits/{visit.code}/edit/")
    assert page.status_code == 200
    assert page.context["formset"].initial_form_count() == 2
    data = visit_data(clinic, minutes="45", contacts=TWO_PEOPLE)
    data.update(management(4, initial=2))
    data["contacts-1-DELETE"] = "on"
    response = operator_client.post(f"/app/visits/{visit.code}/edit/", data)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.place, visit.minutes) == (clinic, 45)
    assert list(visit.contacts.values_list("gender", flat=True)) == ["female"]


def test_an_old_visit_can_no_longer_be_corrected(operator_client, operator, school):
    visit = Visit.objects.create(
        date=dt.date(2011, 11, 7), place=school, operator=operator, minutes=60
    )
    Visit.objects.filter(pk=visit.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    detail = operator_client.get(f"/app/visits/{visit.code}/")
    assert f"/app/visits/{visit.code}/edit/" not in detail.content.decode()
    response = operator_client.post(
        f"/app/visits/{visit.code}/edit/", visit_data(school, minutes="10")
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.minutes == 60
