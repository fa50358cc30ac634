"""The property test of core.suppression, end to end: random people in the database, the
published (suppressed) tables of the dashboard built from them, and the LP attacker of
tests/core/test_suppression.py trying every hidden small count across all the linked tables."""

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.casework.models import Beneficiary, Encounter, Need
from sportello.directory.models import TaxonomyTerm
from sportello.indicators.selectors import Period
from sportello.indicators.tables import prepare
from sportello.territory.models import Municipality
from tests.core.test_suppression import assert_safe

PERIOD = Period(dt.date(2011, 6, 1), dt.date(2012, 4, 30))
person = st.tuples(
    st.sampled_from(["ottiglio", "villadeati", "fubine-monferrato", ""]),
    st.sampled_from(["female", "male", "other"]),
    st.sampled_from([1950, 1975, 1990, 2000, 2008]),
    st.sampled_from(["RO", "AL", "MA", "TN", "CN", ""]),
    st.sampled_from(["health", "legal", "italian-l2", "job", None]),
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=st.lists(person, min_size=1, max_size=30))
def test_no_published_table_lets_a_small_count_be_worked_out(people, users):
    operator = users["operator"]
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    terms = {t.code: t for t in TaxonomyTerm.objects.all()}
    with transaction.atomic():
        point = transaction.savepoint()
        for slug, gender, born, country, need in people:
            b = Beneficiary.objects.create(
                municipality=municipalities.get(slug),
                gender=gender,
                year_of_birth=born,
                citizenship=country,
            )
            Encounter.objects.create(
                date=dt.date(2011, 9, 1), operator=operator, beneficiary=b, referral_source="self"
            )
            if need:
                n = Need.objects.create(beneficiary=b, category=terms[need])
                Need.objects.filter(pk=n.pk).update(
                    created_at=dt.datetime(2011, 9, 1, 10, tzinfo=dt.UTC)
                )
        prepared = prepare(PERIOD, exact=False)
        transaction.savepoint_rollback(point)
    assert_safe(prepared.published)
