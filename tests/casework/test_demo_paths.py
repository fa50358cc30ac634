"""The demo paths: enough people in a path, every referral state, a day with something to do;
reproducible and idempotent."""

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from sportello.accounts.models import Role
from sportello.casework.demo_paths import load_paths
from sportello.casework.models import Beneficiary, FollowUp, Intake, Path, Referral
from sportello.core.demo import load_places
from sportello.directory.demo import load_directory
from tests.conftest import make_user


def test_the_demo_paths_reach_the_targets_and_load_once(db):
    operator = make_user("operatore", Role.OPERATOR)
    load_places()
    load_directory()
    for i in range(45):
        someone = Beneficiary.objects.create(
            gender="female", languages=["ar"], year_of_birth=1980 + i
        )
        someone.operators.set([operator])
        if i % 3:  # two people in three registered during the project, the others lately
            registered = dt.datetime(2011, 6, 1, 10, tzinfo=dt.UTC) + dt.timedelta(days=3 * i)
        else:
            registered = timezone.now() - dt.timedelta(days=20 + i)
        Beneficiary.objects.filter(pk=someone.pk).update(created_at=registered)

    load_paths()

    assert Path.objects.values("beneficiary").distinct().count() >= 30
    statuses = dict(Path.objects.values_list("status").annotate(n=Count("id")))
    assert set(statuses) == {"proposed", "active", "completed", "interrupted"}
    assert all(
        path.outcome for path in Path.objects.filter(status__in=["completed", "interrupted"])
    )
    states = set(Referral.objects.values_list("state", flat=True))
    assert states == set(Referral.State.values)
    today = timezone.localdate()
    open_follow_ups = FollowUp.objects.filter(done_on__isnull=True)
    assert open_follow_ups.filter(due_date=today).exists()
    assert open_follow_ups.filter(due_date__lt=today).exists()
    assert Intake.objects.filter(status="new").count() == 2

    counts = (Path.objects.count(), Referral.objects.count(), FollowUp.objects.count())
    load_paths()
    assert (Path.objects.count(), Referral.objects.count(), FollowUp.objects.count()) == counts
    assert Intake.objects.count() == 4
