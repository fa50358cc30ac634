import io

import pytest
from django.core.management import call_command

from sportello.accounts.models import Role, User
from sportello.core import demo
from sportello.territory.models import Place


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture
def only_places(monkeypatch):
    """The users and places alone: the apps' own loaders are tested in their apps."""
    monkeypatch.setattr(demo, "LOADERS", [demo.load_places])


def test_every_demo_loader_can_run_twice_without_changing_anything(db, settings):
    from django.apps import apps

    run("demo")
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    run("demo")
    assert {model._meta.label: model.objects.count() for model in apps.get_models()} == counts


def test_demo_creates_one_user_per_role_and_prints_the_logins_once(db, settings, only_places):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    first = run("demo")
    assert "demo-password-for-tests" in first
    usernames = dict(User.objects.values_list("username", "role"))
    assert usernames == {
        "coordinatore": Role.COORDINATOR,
        "operatore": Role.OPERATOR,
        "comune": Role.MUNICIPAL_OFFICER,
        "formatore": Role.TRAINER,
        "partner": Role.PARTNER_STAFF,
    }
    assert [m.slug for m in User.objects.get(username="comune").municipalities.all()] == [
        "ottiglio"
    ]
    places = Place.objects.count()
    second = run("demo")
    assert "demo-password-for-tests" not in second
    assert Place.objects.count() == places
    assert User.objects.count() == 5


def test_demo_passwords_can_be_reset(db, settings, only_places):
    settings.DEMO_PASSWORD = "first-password-1234"
    run("demo")
    settings.DEMO_PASSWORD = "second-password-1234"
    assert "second-password-1234" in run("demo", reset_passwords=True)
    assert User.objects.get(username="operatore").check_password("second-password-1234")


def test_a_random_demo_password_is_generated_when_none_is_set(db, settings, only_places):
    settings.DEMO_PASSWORD = ""
    out = run("demo")
    line = next(line for line in out.splitlines() if "coordinatore" in line)
    password = line.split()[1]
    assert len(password) >= 12
    assert User.objects.get(username="coordinatore").check_password(password)
