from sportello.accounts.models import AuditEvent
from sportello.territory.models import Place


def place_form(ottiglio, **overrides):
    data = {
        "name": "Biblioteca di prova",
        "kind": Place.Kind.LIBRARY,
        "municipality": ottiglio.pk,
        "address": "Piazza 1",
        "latitude": "45.05",
        "longitude": "8.34",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_the_operator_adds_a_place(client_for, ottiglio):
    response = client_for("operator").post("/app/places/new/", place_form(ottiglio))
    assert response.status_code == 302
    place = Place.objects.get(name="Biblioteca di prova")
    assert place.municipality == ottiglio
    assert AuditEvent.objects.filter(action="create", object_code=str(place.code)).exists()


def test_coordinates_outside_italy_are_refused_and_nothing_is_saved(client_for, ottiglio):
    response = client_for("operator").post(
        "/app/places/new/", place_form(ottiglio, latitude="51.5", longitude="-0.12")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Biblioteca di prova"' in page
    assert 'aria-invalid="true"' in page
    assert not Place.objects.filter(name="Biblioteca di prova").exists()


def test_half_a_coordinate_pair_is_refused(client_for, ottiglio):
    response = client_for("operator").post("/app/places/new/", place_form(ottiglio, longitude=""))
    assert "sia la latitudine sia la longitudine" in response.content.decode()


def test_the_operator_edits_a_place(client_for, ottiglio):
    place = Place.objects.create(
        name="Scuola", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    client = client_for("operator")
    response = client.post(
        f"/app/places/{place.code}/", place_form(ottiglio, name="Scuola primaria", kind="school")
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.name == "Scuola primaria"


def test_a_municipal_officer_sees_the_places_without_edit_links(client_for, ottiglio):
    place = Place.objects.create(
        name="Scuola", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    page = client_for("municipal_officer").get("/app/places/").content.decode()
    assert "Scuola" in page
    assert str(place.code) not in page


def test_the_place_list_filters_by_municipality(client_for, ottiglio):
    other = ottiglio.__class__.objects.get(slug="fubine-monferrato")
    Place.objects.create(name="Scuola O", kind="school", municipality=ottiglio, address="Via 1")
    Place.objects.create(name="Scuola F", kind="school", municipality=other, address="Via 2")
    page = client_for("operator").get("/app/places/", {"municipality": other.pk}).content.decode()
    assert "Scuola F" in page
    assert "Scuola O" not in page
