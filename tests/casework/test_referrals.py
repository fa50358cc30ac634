"""Closed-loop referrals: allowed transitions only, each one timed and attributed; sending needs
the person's consent to share with that service; the service's one-time link."""

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from sportello.accounts.models import AuditEvent, Role
from sportello.casework import services
from sportello.casework.models import Referral, ReferralEvent, ReferralLink
from tests.casework.tutoring_helpers import (
    FAMILY_NAME,
    FIRST_NAME,
    NOTE,
    a_service,
    english_client,
    open_path,
    person,
    share_consent,
    signed_in,
)

S = Referral.State


@pytest.fixture
def operator(users):
    return users[Role.OPERATOR]


@pytest.fixture
def draft(operator):
    someone = person(operator)
    path = open_path(operator, someone)
    return services.referral_create(
        by=operator, path=path, service=a_service(), note_for_service=NOTE
    )


def send(referral, operator) -> str:
    share_consent(referral.path.beneficiary, referral.service, operator)
    return services.referral_send(by=operator, referral=referral)


# --- the state machine -------------------------------------------------------------------------

ALLOWED = [
    (S.SENT, S.RECEIVED),
    (S.SENT, S.DECLINED),
    (S.SENT, S.NO_SHOW),
    (S.SENT, S.WITHDRAWN),
    (S.RECEIVED, S.IN_PROGRESS),
    (S.RECEIVED, S.COMPLETED),
    (S.RECEIVED, S.DECLINED),
    (S.IN_PROGRESS, S.COMPLETED),
    (S.IN_PROGRESS, S.WITHDRAWN),
    (S.DRAFT, S.WITHDRAWN),
]
FORBIDDEN = [
    (S.DRAFT, S.RECEIVED),
    (S.DRAFT, S.COMPLETED),
    (S.SENT, S.COMPLETED),  # the service acknowledges first: "received" is its own state
    (S.SENT, S.IN_PROGRESS),
    (S.IN_PROGRESS, S.RECEIVED),
    (S.IN_PROGRESS, S.NO_SHOW),
    (S.COMPLETED, S.IN_PROGRESS),
    (S.DECLINED, S.RECEIVED),
    (S.NO_SHOW, S.COMPLETED),
    (S.WITHDRAWN, S.SENT),
    (S.RECEIVED, S.SENT),
]


def bring_to(referral, state, operator):
    route = {
        S.DRAFT: [],
        S.SENT: [],
        S.RECEIVED: [S.RECEIVED],
        S.IN_PROGRESS: [S.RECEIVED, S.IN_PROGRESS],
        S.COMPLETED: [S.RECEIVED, S.COMPLETED],
        S.DECLINED: [S.DECLINED],
        S.NO_SHOW: [S.NO_SHOW],
        S.WITHDRAWN: [S.WITHDRAWN],
    }[state]
    if state != S.DRAFT:
        send(referral, operator)
    for step in route:
        services.referral_transition(referral=referral, state=step, by=operator)
    referral.refresh_from_db()
    assert referral.state == state


@pytest.mark.parametrize(("start", "to"), ALLOWED)
def test_allowed_transitions_are_recorded_with_who_and_when(start, to, draft, operator):
    bring_to(draft, start, operator)
    before = timezone.now()
    services.referral_transition(referral=draft, state=to, by=operator, note="ok")
    draft.refresh_from_db()
    assert draft.state == to
    event = draft.events.last()
    assert (event.state, event.by, event.note) == (to, operator, "ok")
    assert event.at >= before
    if to in (S.COMPLETED, S.DECLINED, S.NO_SHOW, S.WITHDRAWN):
        assert draft.closed_at is not None


@pytest.mark.parametrize(("start", "to"), FORBIDDEN)
def test_forbidden_transitions_are_refused_and_change_nothing(start, to, draft, operator):
    bring_to(draft, start, operator)
    events = draft.events.count()
    with pytest.raises(services.NotAllowed):
        services.referral_transition(referral=draft, state=to, by=operator)
    draft.refresh_from_db()
    assert draft.state == start
    assert draft.events.count() == events


def test_the_operator_page_offers_only_the_allowed_next_states(draft, operator):
    bring_to(draft, S.RECEIVED, operator)
    page = signed_in(operator).get(f"/app/referrals/{draft.code}/").content.decode()
    assert 'value="in_progress"' in page and 'value="completed"' in page
    assert 'value="sent"' not in page and 'value="draft"' not in page


# --- consent -----------------------------------------------------------------------------------


def test_a_referral_cannot_be_sent_without_the_sharing_consent(draft, operator):
    response = signed_in(operator).post(f"/app/referrals/{draft.code}/send/", follow=True)
    assert "has not agreed to share their data with this service" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == S.DRAFT and draft.sent_at is None
    assert not ReferralLink.objects.exists()
    assert list(draft.events.values_list("state", flat=True)) == [S.DRAFT]


def test_a_consent_for_another_service_or_a_withdrawn_one_is_not_enough(draft, operator):
    other = a_service("Altro servizio")
    share_consent(draft.path.beneficiary, other, operator)
    withdrawn = share_consent(draft.path.beneficiary, draft.service, operator)
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    with pytest.raises(services.ConsentMissing):
        services.referral_send(by=operator, referral=draft)
    draft.refresh_from_db()
    assert draft.state == S.DRAFT


def test_sending_with_consent_shows_the_link_once_and_stores_only_its_hash(draft, operator):
    share_consent(draft.path.beneficiary, draft.service, operator)
    response = signed_in(operator).post(f"/app/referrals/{draft.code}/send/")
    page = response.content.decode()
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.state == S.SENT and draft.sent_at is not None
    link = ReferralLink.objects.get(referral=draft)
    token = page.split("/r/")[1].split("/")[0]
    assert len(token) >= 40
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(ReferralLink.objects.values()))
    assert link.expires_at.date() == (timezone.now() + dt.timedelta(days=30)).date()
    # Not shown again.
    assert token not in signed_in(operator).get(f"/app/referrals/{draft.code}/").content.decode()
    # The audit trail names the referral, never the token or personal data.
    rows = str(list(AuditEvent.objects.values_list("object_code", "detail")))
    assert token not in rows and FIRST_NAME not in rows


# --- the service's one-time link ----------------------------------------------------------------


def test_the_link_works_without_an_account_and_shows_only_the_code_and_the_note(draft, operator):
    token = send(draft, operator)
    response = english_client().get(f"/r/{token}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert draft.path.beneficiary.code in page
    assert NOTE in page
    assert FIRST_NAME not in page and FAMILY_NAME not in page
    assert response["Cache-Control"].startswith("no-store")
    assert response["Referrer-Policy"] == "same-origin"


def test_each_opening_of_the_link_is_in_the_audit_log_without_a_name(draft, operator):
    token = send(draft, operator)
    english_client().get(f"/r/{token}/")
    read = AuditEvent.objects.get(action=AuditEvent.Action.READ, object_code=str(draft.code))
    assert (read.user, read.object_type, read.detail) == (
        None,
        "casework.referral",
        "via link with note",
    )
    assert FIRST_NAME not in read.detail and NOTE not in read.detail
    english_client().get("/r/not-a-real-token/")  # a dead link reads nothing
    assert AuditEvent.objects.filter(action=AuditEvent.Action.READ).count() == 1


def test_the_service_marks_received_then_completed_and_the_link_is_used_up(draft, operator):
    token = send(draft, operator)
    client = english_client()
    client.post(f"/r/{token}/", {"state": "received", "note": ""})
    draft.refresh_from_db()
    assert draft.state == S.RECEIVED and draft.received_at is not None
    done = client.post(f"/r/{token}/", {"state": "completed", "note": "Iscritta al corso"})
    assert done.status_code == 200
    assert "no longer works" in done.content.decode()
    draft.refresh_from_db()
    assert draft.state == S.COMPLETED
    event = draft.events.last()
    assert event.by_provider and event.by is None and event.note == "Iscritta al corso"
    gone = client.get(f"/r/{token}/")
    assert gone.status_code == 410
    assert draft.path.beneficiary.code not in gone.content.decode()


def test_the_service_cannot_withdraw_a_referral(draft, operator):
    token = send(draft, operator)
    response = english_client().post(f"/r/{token}/", {"state": "withdrawn"})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.state == S.SENT


def test_an_expired_link_reveals_nothing_and_changes_nothing(draft, operator):
    token = send(draft, operator)
    ReferralLink.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    client = english_client()
    response = client.get(f"/r/{token}/")
    assert response.status_code == 410
    assert draft.path.beneficiary.code not in response.content.decode()
    assert client.post(f"/r/{token}/", {"state": "received"}).status_code == 410
    draft.refresh_from_db()
    assert draft.state == S.SENT


def test_an_unknown_link_gets_the_same_page_as_an_expired_one(db):
    response = english_client().get("/r/not-a-real-token/")
    assert response.status_code == 410
    assert "This link no longer works" in response.content.decode()


def test_a_new_link_replaces_the_old_one(draft, operator):
    old = send(draft, operator)
    page = signed_in(operator).post(f"/app/referrals/{draft.code}/link/").content.decode()
    new = page.split("/r/")[1].split("/")[0]
    assert new != old
    client = english_client()
    assert client.get(f"/r/{old}/").status_code == 410
    assert client.get(f"/r/{new}/").status_code == 200


def test_after_the_consent_is_withdrawn_the_service_no_longer_sees_the_note(draft, operator):
    token = send(draft, operator)
    draft.path.beneficiary.consents.update(withdrawn_at=timezone.now())
    page = english_client().get(f"/r/{token}/").content.decode()
    assert NOTE not in page


def test_overdue_referrals_surface_on_the_agenda(draft, operator):
    send(draft, operator)
    client = signed_in(operator)
    assert draft.service.name not in client.get("/app/today/").content.decode()
    Referral.objects.update(sent_at=timezone.now() - dt.timedelta(days=8))
    assert draft.service.name in client.get("/app/today/").content.decode()


def test_the_referral_page_is_not_for_other_operators_or_roles(draft, client_for):
    from tests.casework.tutoring_helpers import second_operator

    assert signed_in(second_operator()).get(f"/app/referrals/{draft.code}/").status_code == 404
    assert (
        client_for(Role.MUNICIPAL_OFFICER).get(f"/app/referrals/{draft.code}/").status_code == 403
    )
    assert ReferralEvent.objects.filter(referral=draft).count() == 1
