"""Who may open a person: the coordinator, and the operators who follow them. Nobody else."""

import pytest
from django.urls import reverse

from sportello.accounts.models import AuditEvent, Role
from sportello.casework.models import Beneficiary
from tests.casework.people_helpers import english, other_operator, person, signed_in, term

PERSON_PAGES = [
    "casework:person",
    "casework:person_identity",
    "casework:person_edit",
    "casework:consent_add",
    "casework:need_create",
    "casework:person_encounter_create",
    "casework:person_transfer",
    "casework:person_export",
    "casework:person_export_json",
    "casework:person_export_pdf",
    "casework:person_erase",
    "casework:note_add",
    "casework:consent_withdraw",
]


@pytest.fixture
def followed(users):
    someone = person(users[Role.OPERATOR], identity=True)
    need = someone.needs.create(category=term("health"))
    return someone, need


def main(response) -> str:
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def urls_of(someone, need) -> list[str]:
    urls = [reverse(name, kwargs={"code": someone.code}) for name in PERSON_PAGES]
    for name in ("casework:need", "casework:need_pick"):
        urls.append(reverse(name, kwargs={"code": someone.code, "need": need.code}))
    return urls


@pytest.mark.parametrize("role", [Role.MUNICIPAL_OFFICER, Role.TRAINER, Role.PARTNER_STAFF])
def test_other_roles_are_refused_every_person_url_read_or_write(role, client_for, followed):
    client = client_for(role)
    for url in urls_of(*followed):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"text": "x", "code": followed[0].code}).status_code == 403, url
    assert not AuditEvent.objects.filter(
        object_code=followed[0].code, action=AuditEvent.Action.READ
    ).exists()


def test_an_operator_who_does_not_follow_the_person_gets_not_found(followed):
    someone, _need = followed
    client = signed_in(other_operator())
    for url in urls_of(*followed):
        response = client.post(url, {"text": "x", "consent": "1", "code": someone.code})
        if url.endswith("/erase/"):  # the coordinator only, whoever the person
            assert response.status_code == 403
            continue
        assert response.status_code == 404, url
        assert "There is no person with the code" in response.content.decode(), url
    unchanged = Beneficiary.objects.get(pk=someone.pk)
    assert unchanged.version == someone.version
    assert unchanged.erased_at is None
    assert not unchanged.notes.exists()


def test_an_unknown_code_gets_a_clear_page_that_reveals_nothing(client_for, followed):
    client = english(client_for(Role.OPERATOR))
    unknown = client.get("/app/people/SM-222-222/")
    not_followed = signed_in(other_operator()).get(f"/app/people/{followed[0].code}/")
    assert unknown.status_code == not_followed.status_code == 404
    assert "There is no person with the code “SM-222-222”" in unknown.content.decode()
    # The same words whether the person exists or not (only the code typed differs).
    assert main(unknown).replace("SM-222-222", followed[0].code) == main(not_followed)


def test_the_coordinator_and_the_following_operator_open_the_person(client_for, followed):
    for role in (Role.COORDINATOR, Role.OPERATOR):
        response = english(client_for(role)).get(f"/app/people/{followed[0].code}/")
        assert response.status_code == 200
        assert followed[0].code in response.content.decode()


def test_a_code_typed_in_lower_case_finds_the_person(client_for, followed):
    response = english(client_for(Role.OPERATOR)).get(f"/app/people/{followed[0].code.lower()}/")
    assert response.status_code == 200


def test_the_list_shows_only_the_people_the_operator_follows(client_for, users):
    mine = person(users[Role.OPERATOR])
    colleague = other_operator()
    theirs = person(colleague)
    page = english(client_for(Role.OPERATOR)).get("/app/people/").content.decode()
    assert mine.code in page
    assert theirs.code not in page
    everyone = english(client_for(Role.COORDINATOR)).get("/app/people/").content.decode()
    assert mine.code in everyone and theirs.code in everyone


def test_reading_a_person_writes_an_audit_row_without_personal_data(client_for, followed):
    someone = followed[0]
    english(client_for(Role.OPERATOR)).get(f"/app/people/{someone.code}/")
    english(client_for(Role.OPERATOR)).get(f"/app/people/{someone.code}/identity/")
    reads = AuditEvent.objects.filter(object_code=someone.code, action=AuditEvent.Action.READ)
    assert reads.count() == 2
    assert set(reads.values_list("detail", flat=True)) == {"", "identity"}
    for row in AuditEvent.objects.all():
        text = f"{row.object_type} {row.object_code} {row.detail}"
        assert "Zenobia" not in text and "4321" not in text


def test_identity_is_shown_only_on_request(client_for, followed):
    someone = followed[0]
    client = english(client_for(Role.OPERATOR))
    assert "Zenobia" not in client.get(f"/app/people/{someone.code}/").content.decode()
    shown = client.get(f"/app/people/{someone.code}/identity/").content.decode()
    assert "Zenobia" in shown and "Quintessenza Demo" in shown
