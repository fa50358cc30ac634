"""Nobody can forget `sportello retention`: every real run is recorded in the audit log (counts,
never a code or a name), and the coordinator is warned on the pages they open first — the staff
home and "today" — when it has not run for two days, or never on an installation in use for
longer. `check --deploy` says so too."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from sportello.accounts.models import AuditEvent, Role, User
from sportello.accounts.services import audit
from sportello.casework import selectors
from sportello.casework.checks import retention_runs
from sportello.casework.models import Beneficiary, Path
from sportello.core.demo import load_demo
from tests.casework.tutoring_helpers import FAMILY_NAME, FIRST_NAME, person, signed_in
from tests.conftest import sign_in

LATE = "Data that may no longer be kept is not being erased"
PAGES = ("/app/", "/app/today/")


def in_use_since(days: int) -> str:
    """The installation's first use (its first audit row) was `days` days ago: that day, as the
    page writes it."""
    first = audit(user=None, action=AuditEvent.Action.LOGIN, object_type="session")
    at = timezone.now() - dt.timedelta(days=days)
    AuditEvent.objects.filter(pk=first.pk).update(at=at)
    return day(at)


def last_run_days_ago(days: int) -> str:
    at = timezone.now() - dt.timedelta(days=days)
    AuditEvent.objects.filter(object_type="retention").update(at=at)
    return day(at)


def day(at: dt.datetime) -> str:
    local = timezone.localtime(at)
    return f"{local.day} {local:%B %Y}"


def pages_seen_by(user) -> list[str]:
    client = signed_in(user)
    return [client.get(url).content.decode() for url in PAGES]


@pytest.fixture
def coordinator(users):
    return users[Role.COORDINATOR]


def test_the_coordinator_is_warned_when_retention_never_ran_on_an_installation_in_use(
    coordinator,
):
    since = in_use_since(days=10)
    for page in pages_seen_by(coordinator):
        assert LATE in page
        assert f"has never run, and this installation has been in use since {since}" in page
        assert "<code>sportello retention</code> every day" in page  # what to do
        assert "docs/operations.md" in page
        assert re.search(
            r'<div class="messages" role="status">\s*<p class="message warning">', page
        )


def test_the_coordinator_is_warned_when_the_last_run_is_too_old(coordinator):
    in_use_since(days=60)
    call_command("retention")
    last = last_run_days_ago(3)
    for page in pages_seen_by(coordinator):
        assert f"<code>sportello retention</code> last ran on {last}." in page


def test_the_warning_goes_away_once_retention_has_run(coordinator):
    in_use_since(days=60)
    call_command("retention")
    last_run_days_ago(1)
    for page in pages_seen_by(coordinator):
        assert LATE not in page


def test_a_dry_run_does_not_count_as_a_run(coordinator):
    in_use_since(days=60)
    call_command("retention", "--dry-run")
    assert not AuditEvent.objects.filter(object_type="retention").exists()
    for page in pages_seen_by(coordinator):
        assert LATE in page


def test_a_new_installation_is_not_warned(coordinator):
    in_use_since(days=1)
    for page in pages_seen_by(coordinator):
        assert LATE not in page


def test_a_fresh_demo_installation_looks_clean(db, settings, client):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    load_demo()
    sign_in(client, User.objects.get(username="coordinatore"))
    assert "sportello retention" not in client.get("/app/").content.decode()


def test_other_roles_are_not_warned(users):
    """They can do nothing about it: the coordinator is the one who asks for the server's timer."""
    in_use_since(days=60)
    assert LATE in pages_seen_by(users[Role.COORDINATOR])[0]
    for role in (Role.OPERATOR, Role.MUNICIPAL_OFFICER, Role.TRAINER, Role.PARTNER_STAFF):
        client = signed_in(users[role])
        for url in PAGES if role == Role.OPERATOR else PAGES[:1]:
            page = client.get(url)
            assert page.status_code == 200
            assert "sportello retention" not in page.content.decode()


def test_the_warning_is_in_italian(client_for):
    in_use_since(days=60)
    page = client_for(Role.COORDINATOR).get("/app/").content.decode()
    assert "non è mai stato eseguito" in page
    assert "ogni giorno" in page


def test_the_run_record_holds_counts_never_codes_or_names(users):
    operator = users[Role.OPERATOR]
    gone = person(operator, identity=True)
    Beneficiary.objects.filter(pk=gone.pk).update(
        created_at=timezone.now() - dt.timedelta(days=4 * 365)
    )
    closed = timezone.localdate() - dt.timedelta(days=800)
    Path.objects.create(
        beneficiary=gone,
        operator=operator,
        start_date=closed - dt.timedelta(days=90),
        status="completed",
        closed_on=closed,
    )
    call_command("retention")
    run = AuditEvent.objects.get(object_type="retention")
    assert (run.user, run.role, run.object_code, run.action) == (None, "", "", "delete")
    assert re.fullmatch(
        r"run: people 1, intakes 0, anonymous encounters 0, event registrations 0, "
        r"expired sessions \d+",
        run.detail,
    )
    for personal in (gone.code, FIRST_NAME, FAMILY_NAME, operator.username):
        assert personal not in run.detail
    call_command("retention")  # each run is one more row, with what it found this time
    assert (
        AuditEvent.objects.filter(object_type="retention")
        .first()
        .detail.startswith("run: people 0,")
    )


def test_the_check_costs_one_query(coordinator, django_assert_num_queries):
    in_use_since(days=60)
    with django_assert_num_queries(1):
        assert selectors.retention_late() is not None
    call_command("retention")
    with django_assert_num_queries(1):
        assert selectors.retention_late() is None


def test_the_deployment_check_warns_while_retention_is_late(db):
    assert retention_runs() == []  # a new installation
    in_use_since(days=60)
    (warning,) = retention_runs()
    assert warning.id == "sportello.W001" and "never ran" in warning.msg
    call_command("retention")
    assert retention_runs() == []
    last_run_days_ago(5)
    (warning,) = retention_runs()
    assert "last ran at" in warning.msg
