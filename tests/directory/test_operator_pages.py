"""The operators' directory pages: list, create, edit (with optimistic locking), validation,
status, "still correct", history, proposals by municipal officers."""

import datetime

import pytest
from django.utils import timezone

from sportello.accounts.models import AuditEvent, Role
from sportello.directory import services
from sportello.directory.models import EditProposal, Organization, Schedule, Service, ServiceVersion
from sportello.directory.snapshots import LANGUAGE_CODES, TRANSLATED_FIELDS, service_snapshot

pytestmark = pytest.mark.django_db

FORMSETS = ["locations", "schedules", "phones", "required_documents", "cost_options"]


@pytest.fixture
def organization():
    return Organization.objects.create(name="CPIA di prova (demo)")


def base_data(organization, **extra) -> dict:
    data = {
        "organization": str(organization.pk),
        "status": "active",
        "categories": ["italian-l2"],
        "service_areas": ["ottiglio"],
        "languages": ["it", "ar"],
        "is_free": True,
    }
    for name in TRANSLATED_FIELDS:
        for code in LANGUAGE_CODES:
            data[f"{name}_{code}"] = ""
    data["name_it"] = "Corso di italiano di prova"
    data["name_ar"] = "دورة اللغة الإيطالية"
    data["description_it"] = "Un corso per tutti."
    data.update(extra)
    return data


def rows(data: dict, key: str, items: list[dict], initial: int = 0) -> dict:
    """Add a formset's rows and management form to POST data."""
    data[f"{key}-TOTAL_FORMS"] = str(len(items))
    data[f"{key}-INITIAL_FORMS"] = str(initial)
    for i, item in enumerate(items):
        for field, value in item.items():
            data[f"{key}-{i}-{field}"] = value
    return data


def post_data(organization, *, hours=None, location=None, phones=None, **extra) -> dict:
    data = base_data(organization, **extra)
    for key in FORMSETS:
        rows(data, key, [])
    rows(
        data,
        "locations",
        [
            location
            or {
                "name": "Municipio",
                "address_1": "Piazza del Municipio 1",
                "postal_code": "15038",
                "city": "Ottiglio",
                "state_province": "AL",
                "municipality": "ottiglio",
                "latitude": "45.0536",
                "longitude": "8.3392",
            }
        ],
    )
    rows(data, "schedules", hours if hours is not None else [_hours(1, "09:00", "12:00")])
    rows(
        data,
        "phones",
        phones if phones is not None else [{"number": "0142 555 001", "type": "voice"}],
    )
    return data


def _hours(day, opens, closes, valid_from="", valid_to=""):
    return {
        "weekday": str(day),
        "opens_at": opens,
        "closes_at": closes,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


def edit_data(service: Service, **changes) -> dict:
    """POST data that resubmits the service's edit form as it is, with changes."""
    snap = service_snapshot(service)
    data = {k: ("" if v is None else v) for k, v in snap.items() if not isinstance(v, list)}
    data.update(
        categories=snap["categories"],
        service_areas=snap["service_areas"],
        languages=[r["code"] for r in snap["languages"]],
        version=service.version,
    )
    for key in FORMSETS:
        items = [{k: ("" if v is None else v) for k, v in r.items()} for r in snap[key]]
        rows(data, key, items, initial=len(items))
    for flag in ("is_free", "welcomes_undocumented"):
        if not data[flag]:
            del data[flag]
    data.update(changes)
    return data


@pytest.fixture
def service(organization, users):
    return services.service_create(
        by=users[Role.OPERATOR],
        data={
            "organization": str(organization.pk),
            **{f"{n}_{c}": "" for n in TRANSLATED_FIELDS for c in LANGUAGE_CODES},
            "name_it": "Sportello di prova",
            "description_it": "Descrizione.",
            "alternate_name": "",
            "url": "",
            "email": "",
            "status": "active",
            "interpretation_services": "",
            "minimum_age": None,
            "maximum_age": None,
            "is_free": True,
            "welcomes_undocumented": False,
            "categories": ["documents"],
            "service_areas": ["ottiglio"],
            "locations": [],
            "schedules": [
                {
                    "weekday": 1,
                    "opens_at": "09:00",
                    "closes_at": "12:00",
                    "valid_from": None,
                    "valid_to": None,
                    "notes": "",
                },
            ],
            "phones": [
                {"number": "0142 555 002", "extension": "", "type": "voice", "description": ""}
            ],
            "languages": [{"code": "it", "name": "italiano", "note": ""}],
            "required_documents": [],
            "cost_options": [],
        },
    )


def test_an_operator_adds_a_service_with_a_lunch_break_and_it_is_recorded(client_for, organization):
    client = client_for(Role.OPERATOR)
    hours = [_hours(1, "09:00", "12:30"), _hours(1, "14:00", "16:00"), _hours(3, "09:00", "12:00")]
    response = client.post("/app/directory/new/", post_data(organization, hours=hours))
    service = Service.objects.get(name_it="Corso di italiano di prova")
    assert response.status_code == 302
    assert response["Location"] == f"/app/directory/{service.pk}/"
    assert service.name_ar == "دورة اللغة الإيطالية"
    assert list(service.categories.values_list("code", flat=True)) == ["italian-l2"]
    assert service.schedules.filter(weekday=1).count() == 2
    assert service.service_at_locations.get().location.municipality.slug == "ottiglio"
    assert sorted(service.languages.values_list("code", flat=True)) == ["ar", "it"]
    version = service.versions.get()
    assert (version.number, version.by.role) == (1, Role.OPERATOR)
    assert AuditEvent.objects.filter(
        action="create", object_type="directory.service", object_code=str(service.pk)
    ).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-address"}, "valid email address"),
        ({"url": "http://"}, "URL"),
        ({"minimum_age": "30", "maximum_age": "18"}, "maximum age cannot be lower"),
        ({"name_it": ""}, "This field is required"),
        ({"categories": []}, "Choose at least one category"),
    ],
)
def test_the_service_form_explains_bad_input(client_for, organization, changes, message):
    data = post_data(organization)
    data.update(changes)
    with_english = client_for(Role.OPERATOR)
    with_english.cookies["django_language"] = "en"
    response = with_english.post("/app/directory/new/", data)
    assert response.status_code == 200
    assert message in response.text
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"phones": [{"number": "call me", "type": "voice"}]}, "Enter a phone number"),
        (
            {"location": {"name": "Sede", "latitude": "8.33", "longitude": "45.05"}},
            "outside Italy",
        ),
        ({"location": {"name": "Sede", "latitude": "45.05"}}, "both latitude and longitude"),
        ({"hours": [_hours(2, "12:00", "09:00")]}, "closing time must be after"),
        (
            {"hours": [_hours(2, "09:00", "12:00", "2026-09-01", "2026-06-01")]},
            "cannot be before",
        ),
        (
            {"hours": [_hours(2, "09:00", "12:00"), _hours(2, "11:30", "13:00")]},
            "overlap",
        ),
    ],
)
def test_locations_hours_and_phones_are_validated(client_for, organization, kwargs, message):
    client = client_for(Role.OPERATOR)
    client.cookies["django_language"] = "en"
    response = client.post("/app/directory/new/", post_data(organization, **kwargs))
    assert response.status_code == 200
    assert message in response.text
    assert not Service.objects.exists()


def test_seasonal_hours_may_share_a_day_with_other_hours(client_for, organization):
    hours = [
        _hours(2, "09:00", "12:00", "2026-01-01", "2026-06-14"),
        _hours(2, "08:00", "13:00", "2026-06-15", "2026-08-31"),
    ]
    response = client_for(Role.OPERATOR).post(
        "/app/directory/new/", post_data(organization, hours=hours)
    )
    assert response.status_code == 302
    assert Schedule.objects.filter(valid_from__isnull=False).count() == 2


def test_an_edit_makes_a_new_version_with_what_changed(client_for, service):
    client = client_for(Role.COORDINATOR)
    response = client.post(
        f"/app/directory/{service.pk}/edit/", edit_data(service, name_en="Test desk")
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.version, service.name_en) == (2, "Test desk")
    latest = service.versions.first()
    assert latest.number == 2 and "nome (en)" in latest.summary
    # Unchanged rows keep their ids (and nothing else moved).
    assert service.schedules.count() == 1 and service.phones.count() == 1
    history = client.get(f"/app/directory/{service.pk}/history/")
    assert "Test desk" in history.text


def test_a_stale_edit_form_is_refused_and_nothing_is_overwritten(client_for, service):
    operator, coordinator = client_for(Role.OPERATOR), client_for(Role.COORDINATOR)
    operator.cookies["django_language"] = "en"
    stale_form = edit_data(service, name_it="Versione dell'operatore")
    assert (
        coordinator.post(
            f"/app/directory/{service.pk}/edit/",
            edit_data(service, name_it="Versione del coordinatore"),
        ).status_code
        == 302
    )
    response = operator.post(f"/app/directory/{service.pk}/edit/", stale_form)
    assert response.status_code == 409
    assert "Someone else saved this service while you were editing it" in response.text
    service.refresh_from_db()
    assert (service.name_it, service.version) == ("Versione del coordinatore", 2)
    assert service.versions.count() == 2


def test_removing_a_row_and_adding_one(client_for, service):
    data = edit_data(service)
    data["phones-0-DELETE"] = "on"
    data["schedules-TOTAL_FORMS"] = "2"
    data.update({f"schedules-1-{k}": v for k, v in _hours(4, "15:00", "18:00").items()})
    response = client_for(Role.OPERATOR).post(f"/app/directory/{service.pk}/edit/", data)
    assert response.status_code == 302
    assert not service.phones.exists()
    assert sorted(service.schedules.values_list("weekday", flat=True)) == [1, 4]


def test_deactivating_and_confirming_write_history_and_audit(client_for, users, service):
    client = client_for(Role.OPERATOR)
    client.post(f"/app/directory/{service.pk}/status/", {"status": "inactive"})
    client.post(f"/app/directory/{service.pk}/confirm/")
    service.refresh_from_db()
    assert service.status == "inactive"
    assert service.assured_date == timezone.localdate()
    assert service.assurer == users[Role.OPERATOR]
    assert list(service.versions.values_list("number", flat=True)) == [3, 2, 1]
    assert AuditEvent.objects.filter(object_code=str(service.pk), action="update").count() == 2


@pytest.mark.parametrize("role", [Role.MUNICIPAL_OFFICER, Role.TRAINER, Role.PARTNER_STAFF])
def test_only_editors_may_confirm_or_change_status(client_for, role, service):
    client = client_for(role)
    assert client.post(f"/app/directory/{service.pk}/confirm/").status_code == 403
    assert (
        client.post(f"/app/directory/{service.pk}/status/", {"status": "defunct"}).status_code
        == 403
    )
    service.refresh_from_db()
    assert (service.status, service.assured_date, service.version) == ("active", None, 1)


def test_stale_services_are_listed_and_counted_on_the_home_page(client_for, settings, service):
    settings.STALE_AFTER_DAYS = 30
    fresh = Service.objects.filter(pk=service.pk)
    fresh.update(assured_date=timezone.localdate() - datetime.timedelta(days=31))
    operator = client_for(Role.OPERATOR)
    operator.cookies["django_language"] = "en"
    assert "Sportello di prova" in operator.get("/app/directory/to-check/").text
    assert "1 service to check" in operator.get("/app/").text
    officer = client_for(Role.MUNICIPAL_OFFICER)
    officer.cookies["django_language"] = "en"
    assert "to check" not in officer.get("/app/").text
    # One click: still correct.
    response = operator.post(f"/app/directory/{service.pk}/confirm/", {"next": "stale"})
    assert response["Location"] == "/app/directory/to-check/"
    assert (
        "Every open service has been checked recently"
        in operator.get("/app/directory/to-check/").text
    )
    assert "Every service has been checked recently" in operator.get("/app/").text


def test_the_list_filters_by_category_municipality_status_and_staleness(client_for, service):
    client = client_for(Role.MUNICIPAL_OFFICER)
    assert "Sportello di prova" in client.get("/app/directory/?category=documents").text
    assert "Sportello di prova" not in client.get("/app/directory/?category=housing").text
    assert "Sportello di prova" in client.get("/app/directory/?municipality=ottiglio").text
    assert "Sportello di prova" not in client.get("/app/directory/?municipality=villadeati").text
    assert "Sportello di prova" not in client.get("/app/directory/?status=inactive").text
    assert "Sportello di prova" in client.get("/app/directory/?stale=on").text


def test_the_list_takes_a_fixed_number_of_queries(client_for, django_assert_max_num_queries):
    from sportello.directory.demo import load_directory

    load_directory()
    client = client_for(Role.OPERATOR)
    client.get("/app/directory/")  # warm the session and caches
    with django_assert_max_num_queries(15):
        response = client.get("/app/directory/")
    assert response.status_code == 200


def test_a_municipal_officer_can_propose_but_not_publish(client_for, users, service):
    officer = client_for(Role.MUNICIPAL_OFFICER)
    # Cannot edit directly.
    assert officer.get(f"/app/directory/{service.pk}/edit/").status_code == 403
    assert (
        officer.post(
            f"/app/directory/{service.pk}/edit/", edit_data(service, name_it="Pubblicato?")
        ).status_code
        == 403
    )
    # Proposes.
    data = edit_data(service, name_it="Sportello di prova (nuovo orario)", comment="Orari cambiati")
    data["schedules-0-opens_at"] = "10:00"
    response = officer.post(f"/app/directory/{service.pk}/propose/", data)
    assert response.status_code == 302
    proposal = EditProposal.objects.get()
    assert (proposal.proposed_by, proposal.status, proposal.base_version) == (
        users[Role.MUNICIPAL_OFFICER],
        "pending",
        1,
    )
    service.refresh_from_db()
    assert (service.name_it, service.version) == ("Sportello di prova", 1)
    # Cannot accept their own proposal.
    url = f"/app/directory/proposals/{proposal.pk}/"
    assert officer.get(url).status_code == 200
    assert officer.post(url, {"decision": "accept"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_an_operator_reviews_the_diff_and_accepts_a_proposal(client_for, users, service):
    officer, operator = client_for(Role.MUNICIPAL_OFFICER), client_for(Role.OPERATOR)
    data = edit_data(service, name_it="Sportello di prova (nuovo orario)")
    data["schedules-0-opens_at"] = "10:00"
    officer.post(f"/app/directory/{service.pk}/propose/", data)
    proposal = EditProposal.objects.get()
    page = operator.get(f"/app/directory/proposals/{proposal.pk}/")
    assert "Sportello di prova (nuovo orario)" in page.text
    assert "10:00" in page.text
    assert proposal.pk.hex[:8] in operator.get("/app/directory/proposals/").text.replace("-", "")
    response = operator.post(
        f"/app/directory/proposals/{proposal.pk}/", {"decision": "accept", "note": "Grazie"}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name_it, service.version) == ("Sportello di prova (nuovo orario)", 2)
    assert service.schedules.get().opens_at == datetime.time(10, 0)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("accepted", users[Role.OPERATOR])
    version = ServiceVersion.objects.get(service=service, number=2)
    assert version.by == users[Role.OPERATOR] and "accettata" in version.summary


def test_a_rejected_proposal_changes_nothing_and_keeps_the_note(client_for, service):
    officer, coordinator = client_for(Role.MUNICIPAL_OFFICER), client_for(Role.COORDINATOR)
    officer.post(f"/app/directory/{service.pk}/propose/", edit_data(service, name_it="No"))
    proposal = EditProposal.objects.get()
    coordinator.post(
        f"/app/directory/proposals/{proposal.pk}/", {"decision": "reject", "note": "Non è così"}
    )
    proposal.refresh_from_db()
    service.refresh_from_db()
    assert (proposal.status, proposal.decision_note) == ("rejected", "Non è così")
    assert (service.name_it, service.version) == ("Sportello di prova", 1)
    assert "Non è così" in officer.get(f"/app/directory/proposals/{proposal.pk}/").text


def test_a_municipal_officer_sees_only_their_own_proposals(client_for, users, service):
    from tests.conftest import make_user

    other = make_user("altro-comune", Role.MUNICIPAL_OFFICER)
    proposal = services.proposal_create(by=other, service=service, data=service_snapshot(service))
    officer = client_for(Role.MUNICIPAL_OFFICER)
    assert officer.get(f"/app/directory/proposals/{proposal.pk}/").status_code == 404
    assert (
        client_for(Role.OPERATOR).get(f"/app/directory/proposals/{proposal.pk}/").status_code == 200
    )


def test_the_public_search_follows_an_operators_edits_at_once(client, client_for, service):
    """What an operator saves is what the public finds: renamed, then deactivated."""
    assert "Sportello di prova" in client.get("/it/directory/", {"q": "sportello"}).text
    staff = client_for(Role.OPERATOR)
    staff.post(f"/app/directory/{service.pk}/edit/", edit_data(service, name_it="Ufficio pratiche"))
    assert "Ufficio pratiche" in client.get("/it/directory/", {"q": "pratiche"}).text
    assert "Ufficio pratiche" not in client.get("/it/directory/", {"q": "sportello"}).text
    staff.post(f"/app/directory/{service.pk}/status/", {"status": "inactive"})
    assert "Ufficio pratiche" not in client.get("/it/directory/", {"q": "pratiche"}).text
