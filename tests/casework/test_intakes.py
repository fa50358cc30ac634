"""Intakes from partner staff: the person's agreement is required; the sender sees only an
acknowledgement; the desk accepts (→ an encounter) or dismisses; a place's link works without an
account, can be revoked and is rate-limited."""

import pytest
from django.utils import timezone

from sportello.accounts.models import AuditEvent, Role
from sportello.casework import services
from sportello.casework.models import Encounter, Intake
from sportello.directory.models import TaxonomyTerm
from sportello.territory.models import Place
from tests.casework.tutoring_helpers import english_client, signed_in

REACH = "Tel. 000 000 9876, la mamma di Amal"


@pytest.fixture
def school(ottiglio):
    return Place.objects.create(
        name="Scuola di prova", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )


def form_data(school, **extra):
    return {
        "source": "teacher",
        "sender_name": "Maestra Demo, 3ª B",
        "place": school.pk,
        "how_to_reach": REACH,
        "need": TaxonomyTerm.objects.get(code="italian-l2").pk,
        "note": "",
        "person_agreed": "on",
        **extra,
    }


def test_the_persons_agreement_is_required(users, school):
    client = signed_in(users[Role.PARTNER_STAFF])
    data = form_data(school)
    del data["person_agreed"]
    response = client.post("/app/intake/new/", data)
    assert response.status_code == 200
    assert "Send an intake only when the person agreed." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Intake.objects.exists()


def test_the_sender_sees_only_an_acknowledgement(users, school):
    client = signed_in(users[Role.PARTNER_STAFF])
    response = client.post("/app/intake/new/", form_data(school), follow=True)
    assert response.redirect_chain[-1][0] == "/app/intake/sent/"
    page = response.content.decode()
    assert "received your intake" in page
    assert REACH not in page
    intake = Intake.objects.get()
    assert intake.sent_by == users[Role.PARTNER_STAFF] and intake.status == "new"
    # Neither the inbox nor the intake itself is open to the sender.
    assert client.get("/app/intakes/").status_code == 403
    assert client.get(f"/app/intakes/{intake.code}/").status_code == 403


def test_how_to_reach_the_person_is_stored_encrypted(users, school):
    from django.db import connection

    signed_in(users[Role.PARTNER_STAFF]).post("/app/intake/new/", form_data(school))
    with connection.cursor() as cursor:
        cursor.execute("SELECT how_to_reach, sender_name FROM casework_intake")
        reach, sender = cursor.fetchone()
    assert "9876" not in reach and "Maestra" not in sender


@pytest.mark.parametrize("role", [Role.MUNICIPAL_OFFICER, Role.TRAINER, Role.PARTNER_STAFF])
def test_only_the_desk_sees_intakes(role, users, client_for, school):
    services.intake_create(
        place=school,
        sender_name="x",
        how_to_reach=REACH,
        need=TaxonomyTerm.objects.first(),
        person_agreed=True,
    )
    intake = Intake.objects.get()
    client = client_for(role)
    for url in ["/app/intakes/", f"/app/intakes/{intake.code}/", "/app/intakes/links/"]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert REACH not in response.content.decode()


def test_the_operator_accepts_an_intake_and_it_becomes_an_encounter(users, school):
    signed_in(users[Role.PARTNER_STAFF]).post("/app/intake/new/", form_data(school))
    intake = Intake.objects.get()
    operator = users[Role.OPERATOR]
    client = signed_in(operator)
    assert f"/app/intakes/{intake.code}/" in client.get("/app/intakes/").content.decode()
    detail = client.get(f"/app/intakes/{intake.code}/").content.decode()
    assert REACH in detail
    assert AuditEvent.objects.filter(action="read", object_code=str(intake.code)).exists()
    client.post(f"/app/intakes/{intake.code}/accept/")
    intake.refresh_from_db()
    assert intake.status == "accepted" and intake.handled_by == operator
    encounter = Encounter.objects.get()
    assert intake.encounter == encounter
    assert (encounter.place, encounter.operator, encounter.referral_source) == (
        school,
        operator,
        "teacher",
    )
    assert list(encounter.needs.values_list("code", flat=True)) == ["italian-l2"]
    assert encounter.date == timezone.localdate()
    # Handled once only.
    again = client.post(f"/app/intakes/{intake.code}/accept/", follow=True)
    assert "already been handled" in again.content.decode()
    assert Encounter.objects.count() == 1


def test_a_dismissed_intake_leaves_the_new_list(users, school):
    signed_in(users[Role.PARTNER_STAFF]).post("/app/intake/new/", form_data(school))
    intake = Intake.objects.get()
    client = signed_in(users[Role.COORDINATOR])
    assert str(intake.code) in client.get("/app/intakes/").content.decode()
    client.post(f"/app/intakes/{intake.code}/dismiss/")
    intake.refresh_from_db()
    assert intake.status == "dismissed"
    assert str(intake.code) not in client.get("/app/intakes/").content.decode()
    assert str(intake.code) in client.get("/app/intakes/?status=dismissed").content.decode()


def create_link(operator, school) -> str:
    page = signed_in(operator).post("/app/intakes/links/", {"place": school.pk}).content.decode()
    return page.split("/intake/")[1].split("/")[0].split('"')[0]


def test_a_places_link_works_without_an_account(users, school):
    token = create_link(users[Role.OPERATOR], school)
    client = english_client()
    form = client.get(f"/intake/{token}/")
    assert form.status_code == 200
    assert "Scuola di prova" in form.content.decode()
    data = form_data(school)
    del data["place"]
    response = client.post(f"/intake/{token}/", data)
    assert "received your intake" in response.content.decode()
    intake = Intake.objects.get()
    assert intake.place == school and intake.link is not None and intake.sent_by is None
    assert token not in str(list(Intake.objects.values())) + str(
        list(AuditEvent.objects.values_list("object_code", "detail"))
    )


def test_a_revoked_or_unknown_link_gets_a_page_that_reveals_nothing(users, school):
    token = create_link(users[Role.OPERATOR], school)
    link = services.intake_link_lookup(token)
    signed_in(users[Role.OPERATOR]).post(f"/app/intakes/links/{link.code}/revoke/")
    client = english_client()
    for url in [f"/intake/{token}/", "/intake/made-up-token/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Scuola di prova" not in response.content.decode()
    data = form_data(school)
    assert client.post(f"/intake/{token}/", data).status_code == 404
    assert not Intake.objects.exists()


def test_a_link_accepts_a_limited_number_of_intakes_a_day(users, school, settings):
    settings.INTAKE_LINK_DAILY_LIMIT = 2
    token = create_link(users[Role.OPERATOR], school)
    client = english_client()
    data = form_data(school)
    for _ in range(2):
        client.post(f"/intake/{token}/", data)
    refused = client.post(f"/intake/{token}/", data)
    assert "Too many intakes through this link today" in refused.content.decode()
    assert Intake.objects.count() == 2


def test_the_inbox_needs_the_same_number_of_queries_for_more_intakes(
    users, school, django_assert_max_num_queries
):
    client = signed_in(users[Role.OPERATOR])
    term = TaxonomyTerm.objects.first()
    for count in (2, 20):
        while Intake.objects.count() < count:
            Intake.objects.create(
                place=school, sender_name="x", how_to_reach="y", need=term, person_agreed=True
            )
        with django_assert_max_num_queries(6):
            assert client.get("/app/intakes/").status_code == 200
