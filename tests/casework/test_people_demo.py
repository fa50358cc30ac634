"""The demo people: synthetic, reproducible, idempotent, enough for the seed's targets."""

import datetime as dt

from sportello.casework.models import Beneficiary, Consent, Encounter, Identity, Need
from sportello.casework.people_demo import load_people, person_specs
from sportello.core.demo import load_places, load_users
from sportello.directory.demo import load_directory


def test_demo_people_are_synthetic_reproducible_and_loaded_once(db):
    load_users()
    load_places()
    load_directory()
    load_people()
    counts = (Beneficiary.objects.count(), Encounter.objects.count(), Need.objects.count())
    assert counts[0] == 120
    assert Encounter.objects.filter(beneficiary=None).count() == 60  # anonymous ones too
    load_people()  # idempotent
    assert (Beneficiary.objects.count(), Encounter.objects.count(), Need.objects.count()) == counts
    # Invented identities only: every family name says "Demo", phones cannot be dialled.
    identities = list(Identity.objects.all())
    assert 30 <= len(identities) < 120
    assert all(i.family_name.endswith("Demo") for i in identities)
    assert all(i.phone.startswith("+39 000") for i in identities if i.phone)
    # Across the project period and the last weeks, with consents and a mix of needs.
    years = {d.year for d in Encounter.objects.values_list("date", flat=True)}
    assert {2011, 2012} <= years and max(years) >= 2025
    assert Consent.objects.filter(purpose="follow_up").count() > 90
    assert Need.objects.values("category").distinct().count() >= 10


def test_the_same_seed_gives_the_same_people():
    day = dt.date(2026, 1, 15)
    assert person_specs(day) == person_specs(day)
    assert [s["code"] for s in person_specs(day)] == [
        s["code"] for s in person_specs(day + dt.timedelta(days=30))
    ]
