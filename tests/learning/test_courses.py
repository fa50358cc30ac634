import html
import subprocess

import pytest

from sportello.accounts.models import AuditEvent, Role, User
from sportello.learning.models import Course, Enrolment, Selection


def pdf_text(content: bytes, tmp_path) -> str:
    assert content.startswith(b"%PDF")
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_trainer_sees_only_their_own_courses(client_for, l2_course, other_trainer_course):
    client = client_for(Role.TRAINER)
    page = client.get("/app/courses/").content.decode()
    assert "Italiano A1 di prova" in page
    assert "Corso di un altro" not in page
    assert client.get(f"/app/courses/{l2_course.code}/").status_code == 200
    assert client.get(f"/app/courses/{other_trainer_course.code}/").status_code == 404
    assert client.get(f"/app/courses/{other_trainer_course.code}/signatures.pdf").status_code == 404


def test_the_coordinator_sees_every_course(coordinator_client, l2_course, other_trainer_course):
    page = coordinator_client.get("/app/courses/").content.decode()
    assert "Italiano A1 di prova" in page and "Corso di un altro" in page


def test_names_only_with_the_course_consent(client_for, l2_course):
    page = client_for(Role.TRAINER).get(f"/app/courses/{l2_course.code}/").content.decode()
    other = l2_course.enrolments.order_by("pk").last().beneficiary
    assert "Amal Haddad" in page
    assert "Senzaconsenso" not in page
    assert other.code in page
    assert AuditEvent.objects.filter(action="read", object_code=str(l2_course.code)).exists()
    assert not AuditEvent.objects.filter(detail__icontains="Amal").exists()


def test_after_the_learner_withdraws_the_course_consent_the_teacher_sees_the_code(
    client_for, l2_course
):
    amal = l2_course.enrolments.order_by("pk").first().beneficiary
    consent = amal.consents.get(purpose="course_identity")
    withdrawn = client_for(Role.COORDINATOR).post(
        f"/app/people/{amal.code}/consents/withdraw/", {"consent": consent.pk}, follow=True
    )
    assert "The teachers now see the person's code instead of their name." in html.unescape(
        withdrawn.content.decode()
    )
    page = client_for(Role.TRAINER).get(f"/app/courses/{l2_course.code}/").content.decode()
    assert "Amal Haddad" not in page
    assert amal.code in page


def test_marking_attendance_crosses_the_completion_threshold(client_for, l2_course):
    client = client_for(Role.TRAINER)
    last = l2_course.sessions.order_by("date").last()
    amal = l2_course.enrolments.order_by("pk").first()
    page = client.get(f"/app/sessions/{last.code}/").content.decode()
    assert "6 of 7 h needed" in page
    assert client.get(f"/app/enrolments/{amal.code}/certificate.pdf").status_code == 404

    # One tap with htmx: only the row comes back, now present and completed.
    row = client.post(
        f"/app/sessions/{last.code}/",
        {"enrolment": amal.code, "present": "1"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert 'aria-pressed="true"' in row and "8 of 7 h needed" in row and "Completed" in row

    # Without JavaScript: a plain post and back to the register; tapping again undoes it.
    response = client.post(f"/app/sessions/{last.code}/", {"enrolment": amal.code, "present": "0"})
    assert response.status_code == 302
    assert "6 of 7 h needed" in client.get(response.url).content.decode()


def test_the_completion_percentage_is_a_setting(client_for, l2_course, settings):
    settings.COURSE_COMPLETION_PERCENT = 60  # 6 h of 10
    amal = l2_course.enrolments.order_by("pk").first()
    response = client_for(Role.TRAINER).get(f"/app/enrolments/{amal.code}/certificate.pdf")
    assert response.status_code == 200


def test_certificate_in_italian_and_arabic(client_for, l2_course, settings, tmp_path):
    settings.COURSE_COMPLETION_PERCENT = 60
    amal = l2_course.enrolments.order_by("pk").first()
    response = client_for(Role.COORDINATOR).get(f"/app/enrolments/{amal.code}/certificate.pdf")
    text = pdf_text(response.content, tmp_path)
    assert "Attestato di frequenza" in text
    assert "Amal Haddad" in text
    assert "Italiano A1 di prova" in text and "livello A1" in text
    assert "6 ore frequentate su 10 ore previste" in text
    assert "شهادة حضور" in text or "ﺷﻬﺎﺩﺓ" in text or "حضور" in text.replace("\u200f", "")
    assert AuditEvent.objects.filter(action="export", detail="certificate").exists()


def test_signature_register_lists_names_or_codes(client_for, l2_course, tmp_path):
    response = client_for(Role.TRAINER).get(f"/app/courses/{l2_course.code}/signatures.pdf")
    text = pdf_text(response.content, tmp_path)
    other = l2_course.enrolments.order_by("pk").last().beneficiary
    assert "Registro firme" in text and "Firma" in text
    assert text.count("Amal Haddad") == 5  # one page per session
    assert other.code in text and "Senzaconsenso" not in text
    session = l2_course.sessions.first()
    one = client_for(Role.TRAINER).get(f"/app/sessions/{session.code}/signatures.pdf")
    assert pdf_text(one.content, tmp_path).count("Amal Haddad") == 1


def test_course_list_queries_do_not_grow(
    coordinator_client, l2_course, django_assert_max_num_queries
):
    for i in range(5):
        Course.objects.create(
            kind=l2_course.kind,
            title=f"Corso {i}",
            planned_hours=10,
            trainer=l2_course.trainer,
            starts_on=l2_course.starts_on,
            ends_on=l2_course.ends_on,
        )
    with django_assert_max_num_queries(8):
        assert coordinator_client.get("/app/courses/").status_code == 200


def test_coordinator_creates_a_course_and_enrols_a_learner_by_code(
    coordinator_client, users, l2_course
):
    response = coordinator_client.post(
        "/app/courses/new/",
        {
            "kind": "italian_l2",
            "title": "Nuovo corso",
            "level": "a2",
            "planned_hours": "60",
            "trainer": users[Role.TRAINER].pk,
            "starts_on": "2011-11-01",
            "ends_on": "2012-03-01",
        },
    )
    course = Course.objects.get(title="Nuovo corso")
    assert response.url == f"/app/courses/{course.code}/"
    person = l2_course.enrolments.first().beneficiary
    coordinator_client.post(f"/app/courses/{course.code}/enrol/", {"code": person.code.lower()})
    assert course.enrolments.get().beneficiary == person
    page = coordinator_client.post(f"/app/courses/{course.code}/enrol/", {"code": "NOPE99"})
    assert "No person with this code." in page.content.decode()


def test_trainer_assesses_and_coordinator_selects_and_gives_the_operator_role(client_for, users):
    from tests.learning.matrix_data import learning_sample_kwargs

    kwargs = learning_sample_kwargs(users, None)
    course = Course.objects.get(code=kwargs["learning:course_detail"]["code"])
    trainee = Enrolment.objects.get(code=kwargs["learning:assessment"]["code"])
    trainer = client_for(Role.TRAINER)
    trainer.post(
        f"/app/enrolments/{trainee.code}/assessment/",
        {"aptitude": 5, "languages": 4, "territory": 3, "migration_background": 5, "notes": "ok"},
    )
    assert "Assessment: 17/20" in trainer.get(f"/app/courses/{course.code}/").content.decode()

    coordinator = client_for(Role.COORDINATOR)
    coordinator.post(
        f"/app/courses/{course.code}/selection/",
        {"enrolment": trainee.code, "reasons": "Il punteggio più alto."},
    )
    selection = Selection.objects.order_by("-pk").first()
    assert selection.reasons == "Il punteggio più alto."  # encrypted at rest: not searchable
    coordinator.post(f"/app/selections/{selection.code}/operator/", {"username": "nuovo-op"})
    user = User.objects.get(username="nuovo-op")
    assert user.role == Role.OPERATOR
    assert AuditEvent.objects.filter(object_code=str(user.code), action="create").exists()
    assert trainer.post(f"/app/selections/{selection.code}/operator/").status_code == 403


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.MUNICIPAL_OFFICER, Role.PARTNER_STAFF])
def test_other_roles_see_no_courses(client_for, l2_course, role):
    assert client_for(role).get(f"/app/courses/{l2_course.code}/").status_code == 403
