"""Privacy actions: access request (JSON and PDF), erasure, retention, transfers."""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from sportello.accounts.models import AuditEvent, Role
from sportello.casework import services
from sportello.casework.models import (
    Beneficiary,
    Encounter,
    FollowUp,
    Goal,
    Identity,
    Intake,
    Need,
    Note,
    Path,
    Referral,
    ReferralEvent,
    Transfer,
)
from sportello.communication.models import Registration
from sportello.core.crypto import EncryptedTextField
from sportello.learning.models import Attendance, Course, Enrolment, Session
from sportello.territory.models import Place
from tests.casework.people_helpers import (
    NAME,
    NOTE,
    PHONE,
    database_text,
    english,
    other_operator,
    person,
    service,
    signed_in,
    term,
)
from tests.communication.events_matrix_data import make_event

# Unique free texts, one per encrypted column that can be about a person.
TEXTS = {
    "need": "Bisogno testo unico alfa",
    "encounter": "Informazione testo unico beta",
    "outcome": "Esito testo unico gamma",
    "goal": "Obiettivo testo unico delta",
    "referral": "Nota servizio testo unico epsilon",
    "event": "Evento testo unico zeta",
    "followup": "Monitoraggio testo unico eta",
    "sender": "Maestra Teodolinda Unica",
    "reach": "Cellulare della cugina 000 111 9876",
    "intake": "Segnalazione testo unico theta",
}


@pytest.fixture
def full_record(users, ottiglio):
    """A person with something in every place a free text can be."""
    operator = users[Role.OPERATOR]
    someone = person(operator, identity=True, municipality=ottiglio)
    services.note_add(by=operator, beneficiary=someone, text=NOTE)
    need = services.need_create(
        by=operator, beneficiary=someone, category=term("health"), note=TEXTS["need"]
    )
    services.encounter_create(
        by=operator,
        beneficiary=someone,
        date=timezone.localdate(),
        referral_source="self",
        information_given=TEXTS["encounter"],
    )
    path = Path.objects.create(
        beneficiary=someone,
        operator=operator,
        start_date=timezone.localdate(),
        status="completed",
        closed_on=timezone.localdate(),
        outcome=TEXTS["outcome"],
    )
    Goal.objects.create(path=path, category=term("health"), text=TEXTS["goal"])
    clinic = service("Ambulatorio STP", "health")
    referral = Referral.objects.create(
        path=path, need=need, service=clinic, note_for_service=TEXTS["referral"]
    )
    ReferralEvent.objects.create(referral=referral, state="sent", by=operator, note=TEXTS["event"])
    FollowUp.objects.create(
        beneficiary=someone,
        operator=operator,
        due_date=timezone.localdate(),
        note=TEXTS["followup"],
    )
    place = Place.objects.create(
        name="Scuola", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    intake = Intake.objects.create(
        place=place,
        sender_name=TEXTS["sender"],
        how_to_reach=TEXTS["reach"],
        need=term("health"),
        note=TEXTS["intake"],
        person_agreed=True,
    )
    intake.encounter = Encounter.objects.create(
        date=timezone.localdate(), operator=operator, beneficiary=someone, referral_source="doctor"
    )
    intake.save(update_fields=["encounter"])
    services.consent_record(by=operator, beneficiary=someone, purpose="follow_up")
    return someone


def raw_ciphertexts() -> list[str]:
    """The encrypted values as stored (Fernet tokens), read without the model."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, phone FROM casework_identity")
        tokens = list(cursor.fetchone())
        cursor.execute("SELECT text FROM casework_note")
        tokens += [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT note FROM casework_need")
        tokens += [row[0] for row in cursor.fetchall()]
    return [token for token in tokens if token]


def test_the_access_request_exports_everything_about_the_person(client_for, full_record):
    client = english(client_for(Role.OPERATOR))
    response = client.get(f"/app/people/{full_record.code}/export.json")
    assert response["Content-Disposition"] == f'attachment; filename="{full_record.code}.json"'
    data = json.loads(response.content)
    assert data["person"]["code"] == full_record.code
    assert data["identity"]["first_name"] == NAME[0] and data["identity"]["phone"] == PHONE
    assert [n["text"] for n in data["notes"]] == [NOTE]
    dumped = json.dumps(data, ensure_ascii=False)
    for text in TEXTS.values():
        if text not in (TEXTS["sender"],):  # who sent an intake is about the sender
            assert text in dumped, text
    assert data["consents"][0]["text_version"] == "2026-01"
    assert AuditEvent.objects.filter(
        object_code=full_record.code, action=AuditEvent.Action.EXPORT, detail="json"
    ).exists()


def test_the_access_request_says_who_opened_each_of_the_persons_records(client_for, full_record):
    client = english(client_for(Role.OPERATOR))
    need = Need.objects.get(beneficiary=full_record)
    path = Path.objects.get(beneficiary=full_record)
    assert client.get(f"/app/people/{full_record.code}/needs/{need.code}/").status_code == 200
    assert client.get(f"/app/paths/{path.code}/").status_code == 200
    data = json.loads(client.get(f"/app/people/{full_record.code}/export.json").content)
    opened = {(a["role"], a["action"], a["object"]) for a in data["access_log"]}
    assert {("operator", "read", "need"), ("operator", "read", "path")} <= opened


def test_the_access_request_includes_the_persons_courses(client_for, full_record, users):
    course = Course.objects.create(
        kind=Course.Kind.ITALIAN_L2,
        title="Italiano A1 di prova",
        planned_hours=10,
        trainer=users[Role.TRAINER],
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 3, 1),
    )
    session = Session.objects.create(
        course=course, date=dt.date(2026, 1, 5), starts_at=dt.time(9), ends_at=dt.time(11)
    )
    enrolment = Enrolment.objects.create(course=course, beneficiary=full_record)
    Attendance.objects.create(session=session, enrolment=enrolment, present=True)
    client = english(client_for(Role.COORDINATOR))
    data = json.loads(client.get(f"/app/people/{full_record.code}/export.json").content)
    assert [(c["course"], c["sessions_present"]) for c in data["courses"]] == [
        ("Italiano A1 di prova", 1)
    ]
    pdf = client.get(f"/app/people/{full_record.code}/export.pdf?lang=en")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_access_request_is_also_a_readable_pdf(client_for, full_record):
    response = english(client_for(Role.COORDINATOR)).get(
        f"/app/people/{full_record.code}/export.pdf?lang=en"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        object_code=full_record.code, action=AuditEvent.Action.EXPORT, detail="pdf"
    ).exists()


def test_erasure_leaves_no_name_phone_or_note_anywhere_in_the_database(client_for, full_record):
    tokens = raw_ciphertexts()
    assert len(tokens) == 4
    before = database_text()
    assert NAME[0] not in before  # encrypted at rest, even before erasure
    client = english(client_for(Role.COORDINATOR))
    wrong = client.post(f"/app/people/{full_record.code}/erase/", {"code": "SM-222-222"})
    assert "This is not the person's code." in wrong.content.decode().replace("&#x27;", "'")
    assert Identity.objects.exists()

    response = client.post(
        f"/app/people/{full_record.code}/erase/", {"code": full_record.code}, follow=True
    )
    assert "Identity and free text erased" in response.content.decode()

    dump = database_text()
    for secret in [*NAME, PHONE, "000 000 4321", NOTE, *TEXTS.values(), *tokens]:
        assert secret not in dump, secret
    # The anonymous facts stay for the counts.
    erased = Beneficiary.objects.get(pk=full_record.pk)
    assert erased.erased_at is not None
    assert (erased.year_of_birth, erased.gender) == (1990, "female")
    assert Need.objects.get(beneficiary=erased).category.code == "health"
    assert Encounter.objects.filter(beneficiary=erased).count() == 2
    assert Referral.objects.get(path__beneficiary=erased).state == "draft"
    assert not Identity.objects.exists() and not Note.objects.exists()
    row = AuditEvent.objects.get(action=AuditEvent.Action.DELETE)
    assert (row.object_code, row.detail) == (full_record.code, "erasure (request)")


def test_an_erased_record_can_no_longer_be_changed(client_for, full_record):
    services.beneficiary_erase(by=None, beneficiary=full_record)
    client = english(client_for(Role.OPERATOR))
    assert client.get(f"/app/people/{full_record.code}/").status_code == 200  # still counted
    response = client.post(f"/app/people/{full_record.code}/notes/", {"text": "again"})
    assert response.status_code == 404
    assert not Note.objects.exists()


def test_only_the_coordinator_erases(client_for, full_record):
    response = client_for(Role.OPERATOR).post(
        f"/app/people/{full_record.code}/erase/", {"code": full_record.code}
    )
    assert response.status_code == 403
    assert Identity.objects.exists()


def test_every_encrypted_field_is_covered_by_erasure():
    covered = {(model, name) for model, _lookup, fields in services.ERASED_TEXTS for name in fields}
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField)
        and model not in services.ERASED_ROWS
        and (model, field.name) not in covered
    ]
    assert missing == [], "add these to casework.services.ERASED_TEXTS"


# --- retention -------------------------------------------------------------------------------


def _aged(someone, *, years: float):
    when = timezone.now() - dt.timedelta(days=int(365 * years))
    Beneficiary.objects.filter(pk=someone.pk).update(created_at=when)
    return someone


def _path(someone, operator, *, closed_days_ago: int | None):
    today = timezone.localdate()
    if closed_days_ago is None:
        return Path.objects.create(
            beneficiary=someone, operator=operator, start_date=today, status="active"
        )
    closed = today - dt.timedelta(days=closed_days_ago)
    return Path.objects.create(
        beneficiary=someone,
        operator=operator,
        start_date=closed - dt.timedelta(days=90),
        status="completed",
        closed_on=closed,
        outcome="Esito",
    )


@pytest.fixture
def retention_cases(users):
    operator = users[Role.OPERATOR]
    cases = {}
    cases["closed_long_ago"] = _aged(person(operator, identity=True), years=4)
    _path(cases["closed_long_ago"], operator, closed_days_ago=800)
    cases["one_still_open"] = _aged(person(operator, identity=True), years=4)
    _path(cases["one_still_open"], operator, closed_days_ago=800)
    _path(cases["one_still_open"], operator, closed_days_ago=None)
    cases["closed_recently"] = _aged(person(operator, identity=True), years=4)
    _path(cases["closed_recently"], operator, closed_days_ago=300)
    cases["quiet_without_path"] = _aged(person(operator, identity=True), years=3)
    cases["seen_last_month"] = _aged(person(operator, identity=True), years=3)
    Encounter.objects.create(
        date=timezone.localdate() - dt.timedelta(days=30),
        operator=operator,
        beneficiary=cases["seen_last_month"],
        referral_source="self",
    )
    cases["new"] = person(operator, identity=True)
    return cases


def test_retention_dry_run_lists_and_changes_nothing(retention_cases, capsys):
    call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert f"would erase {retention_cases['closed_long_ago'].code}" in out
    assert "2 people would be erased (retention: 24 months)" in out
    assert Identity.objects.count() == 6


def test_retention_erases_only_people_whose_paths_closed_long_ago(retention_cases, settings):
    settings.RETENTION_MONTHS = 24
    call_command("retention")
    erased = set(Beneficiary.objects.filter(erased_at__isnull=False).values_list("code", flat=True))
    assert erased == {
        retention_cases["closed_long_ago"].code,
        retention_cases["quiet_without_path"].code,
    }
    assert Identity.objects.count() == 4
    assert AuditEvent.objects.filter(detail="erasure (retention)").count() == 2
    call_command("retention")  # nothing left to do: idempotent
    assert AuditEvent.objects.filter(detail="erasure (retention)").count() == 2


def test_the_retention_period_is_a_setting(retention_cases, settings):
    settings.RETENTION_MONTHS = 6
    call_command("retention")
    assert Beneficiary.objects.get(pk=retention_cases["closed_recently"].pk).erased_at is not None


def _intake(place, *, days_ago: int, **extra) -> Intake:
    intake = Intake.objects.create(
        place=place,
        sender_name="Maestra Ermenegilda Prova",
        how_to_reach="Cellulare 000 222 3333",
        need=term("health"),
        person_agreed=True,
        **extra,
    )
    Intake.objects.filter(pk=intake.pk).update(
        received_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return intake


def test_retention_empties_old_intakes_and_anonymous_encounters_no_person_took_over(
    users, ottiglio
):
    operator = users[Role.OPERATOR]
    place = Place.objects.create(
        name="Scuola", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    old_dismissed = _intake(place, days_ago=800, status=Intake.Status.DISMISSED)
    old_new = _intake(place, days_ago=800)
    recent = _intake(place, days_ago=30)
    long_ago = timezone.localdate() - dt.timedelta(days=800)
    anonymous = Encounter.objects.create(
        date=long_ago, operator=operator, referral_source="self", information_given="Testo vecchio"
    )
    of_a_person = Encounter.objects.create(
        date=long_ago,
        operator=operator,
        beneficiary=person(operator),
        referral_source="self",
        information_given="Testo della persona",
    )
    anonymous.needs.set([term("health")])

    call_command("retention", "--dry-run")
    assert Intake.objects.get(pk=old_new.pk).how_to_reach == "Cellulare 000 222 3333"

    call_command("retention")
    for intake in (old_dismissed, old_new):
        intake.refresh_from_db()
        assert (intake.sender_name, intake.how_to_reach, intake.note) == ("", "", "")
        assert intake.need.code == "health"  # the anonymous facts stay
    assert Intake.objects.get(pk=recent.pk).how_to_reach == "Cellulare 000 222 3333"
    anonymous.refresh_from_db()
    assert anonymous.information_given == "" and [t.code for t in anonymous.needs.all()] == [
        "health"
    ]
    # A person's encounter waits for the person's own retention.
    assert Encounter.objects.get(pk=of_a_person.pk).information_given == "Testo della persona"
    with connection.cursor() as cursor:  # the ciphertexts are gone, not just unreadable
        cursor.execute(
            "SELECT sender_name, how_to_reach FROM casework_intake WHERE id IN (%s, %s)",
            [old_dismissed.pk, old_new.pk],
        )
        assert set(cursor.fetchall()) == {("", "")}
    assert AuditEvent.objects.filter(detail="texts erased (retention)").count() == 2
    assert AuditEvent.objects.filter(detail="text erased (retention)").count() == 1


def test_retention_erases_event_registrants_three_months_after_the_event(db, settings):
    settings.EVENT_RETENTION_MONTHS = 3
    now = timezone.now()
    past = make_event(slug="passato", starts_at=now - dt.timedelta(days=120))
    recent = make_event(slug="recente", starts_at=now - dt.timedelta(days=20))
    for event in (past, recent):
        email = f"ortensia@{event.slug}.example"
        Registration.objects.create(event=event, name="Ortensia Prova", email=email, attended=True)
        Registration.objects.create(event=event, name="Gaspare Prova", email="g@example.org")
    call_command("retention")
    gone = Registration.objects.filter(event=past)
    assert {(r.name, r.organisation) for r in gone} == {("", "")}
    assert all(r.email.endswith("@erased.invalid") for r in gone)
    assert gone.filter(attended=True).count() == 1  # who came is still counted
    assert Registration.objects.filter(event=recent, name="Ortensia Prova").exists()
    assert "ortensia@passato.example" not in database_text()
    call_command("retention")  # idempotent: nothing more to erase, one audit row
    assert AuditEvent.objects.filter(detail="registrants erased (retention)").count() == 1


# --- transfers -------------------------------------------------------------------------------


def test_an_operator_transfers_a_person_with_their_open_work(users):
    operator = users[Role.OPERATOR]
    colleague = other_operator()
    someone = person(operator)
    open_path = _path(someone, operator, closed_days_ago=None)
    pending = FollowUp.objects.create(
        beneficiary=someone, operator=operator, due_date=timezone.localdate()
    )
    client = signed_in(operator)
    page = client.get(f"/app/people/{someone.code}/transfer/").content.decode()
    assert "operatore2" in page
    response = client.post(
        f"/app/people/{someone.code}/transfer/", {"to_operator": colleague.pk}, follow=True
    )
    assert "The person has been transferred." in response.content.decode()
    assert list(someone.operators.all()) == [colleague]
    transfer = Transfer.objects.get()
    assert (transfer.from_operator, transfer.to_operator, transfer.by) == (
        operator,
        colleague,
        operator,
    )
    open_path.refresh_from_db()
    pending.refresh_from_db()
    assert open_path.operator == colleague and pending.operator == colleague
    # The old operator no longer sees the person; the new one does, with the history.
    assert client.get(f"/app/people/{someone.code}/").status_code == 404
    page = signed_in(colleague).get(f"/app/people/{someone.code}/").content.decode()
    assert "Transfers" in page
    assert AuditEvent.objects.filter(object_code=someone.code, detail="transfer").exists()


def test_the_coordinator_assigns_a_person_to_a_second_operator(users):
    operator = users[Role.OPERATOR]
    colleague = other_operator()
    someone = person(operator)
    response = signed_in(users[Role.COORDINATOR]).post(
        f"/app/people/{someone.code}/transfer/", {"from_operator": "", "to_operator": colleague.pk}
    )
    assert response.status_code == 302
    assert set(someone.operators.all()) == {operator, colleague}


def test_a_transfer_to_someone_who_is_not_an_operator_is_refused(users):
    someone = person(users[Role.OPERATOR])
    response = signed_in(users[Role.OPERATOR]).post(
        f"/app/people/{someone.code}/transfer/", {"to_operator": users[Role.TRAINER].pk}
    )
    assert response.status_code == 200
    assert "to_operator" in response.context["form"].errors
    assert not Transfer.objects.exists()
