import os
import time

import pytest
from django.test import Client

from sportello.accounts import signin
from sportello.accounts.models import Role, User
from sportello.territory.models import Municipality

REQUIRE_ALL = os.environ.get("SPORTELLO_REQUIRE_ALL") == "1"
_skipped: list[str] = []

PASSWORD = "correct horse battery staple 42"


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    # In CI nothing may be skipped: a missing browser or database is a failure, not a pass.
    if REQUIRE_ALL and _skipped:
        print(f"\nSPORTELLO_REQUIRE_ALL=1 and {len(_skipped)} test(s) were skipped:")
        for nodeid in _skipped:
            print(f"  {nodeid}")
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    # Each test session has its own data key, outside the database.
    settings.DATA_KEY_FILE = tmp_path_factory.getbasetemp() / "data.key"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No collectstatic before unit tests: plain storage (the browser tests use the real one).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def ottiglio(db) -> Municipality:
    return Municipality.objects.get(slug="ottiglio")


def make_user(username: str, role: Role, **extra) -> User:
    user = User(username=username, role=role, email=f"{username}@example.org", **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def users(db, ottiglio) -> dict[str, User]:
    """One user per role, named after the role."""
    made = {role.value: make_user(role.value, role) for role in Role}
    made[Role.MUNICIPAL_OFFICER].municipalities.set([ottiglio])
    return made


def sign_in(client: Client, user: User) -> Client:
    """Sign the client in as a finished sign-in leaves it (password, and the second step when the
    user has one, done just now), without going through the pages."""
    client.force_login(user)
    session = client.session
    session[signin.SIGNED_IN] = True
    session[signin.CONFIRMED_AT] = time.time()
    session.save()
    return client


@pytest.fixture
def client_for(users):
    """client_for("operator") → a test client signed in with that role; None → anonymous."""

    def make(role: str | None) -> Client:
        client = Client()
        if role is not None:
            sign_in(client, users[role])
        return client

    return make


@pytest.fixture
def coordinator_client(client_for) -> Client:
    return client_for(Role.COORDINATOR)
