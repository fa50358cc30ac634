import re

import pytest
from django.db.models import Count

from sportello.directory.demo import load_directory
from sportello.directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceLanguage,
    ServiceVersion,
)
from sportello.territory.models import Municipality

pytestmark = pytest.mark.django_db

TABLES = [Organization, Service, Location, Schedule, Phone, ServiceLanguage, ServiceVersion]


def fingerprint() -> dict:
    return {
        model.__name__: sorted(str(v) for v in model.objects.values_list("pk", flat=True))
        for model in TABLES
    } | {"edited": sorted(Service.objects.values_list("pk", "version", "last_modified"))}


def test_loading_twice_changes_nothing():
    load_directory()
    first = fingerprint()
    load_directory()
    assert fingerprint() == first


def test_an_edited_demo_service_is_left_alone_by_a_second_load():
    load_directory()
    service = Service.objects.get(name_it="Corso di italiano B1")
    Service.objects.filter(pk=service.pk).update(name_it="Corso B1 (modificato)")
    load_directory()
    service.refresh_from_db()
    assert service.name_it == "Corso B1 (modificato)"


def test_services_are_spread_over_the_five_villages_and_casale():
    load_directory()
    assert 55 <= Service.objects.count() <= 70
    casale = Municipality.objects.get(slug="casale-monferrato")
    assert (casale.postal_code, casale.province) == ("15033", "AL")
    assert not casale.projects.exists()  # not a project partner
    per_municipality = dict(
        Location.objects.filter(service_at_locations__isnull=False)
        .values_list("municipality__slug")
        .annotate(n=Count("service_at_locations"))
    )
    assert per_municipality["casale-monferrato"] >= 25
    for slug in [
        "ottiglio",
        "alfiano-natta",
        "villadeati",
        "fubine-monferrato",
        "vignale-monferrato",
    ]:
        assert per_municipality[slug] >= 4, slug


def test_the_demo_covers_what_operators_look_for():
    load_directory()
    courses = Service.objects.filter(categories__code="italian-l2", name_it__icontains="italiano")
    assert courses.count() >= 5
    isi = Service.objects.get(name_it__startswith="Centro ISI")
    assert isi.welcomes_undocumented and isi.is_free
    assert Service.objects.filter(status=Service.Status.TEMPORARILY_CLOSED).exists()
    assert Schedule.objects.filter(valid_from__isnull=False, valid_to__isnull=False).exists()
    lunch_break = Schedule.objects.values("service", "weekday").annotate(n=Count("id"))
    assert lunch_break.filter(n__gt=1).exists()


def test_every_service_speaks_six_languages_but_a_few_lack_albanian():
    load_directory()
    for service in Service.objects.all():
        for code in ["it", "en", "fr", "ar", "ro"]:
            assert getattr(service, f"name_{code}"), (service.name_it, code)
            assert getattr(service, f"description_{code}"), (service.name_it, code)
    assert 1 <= Service.objects.filter(name_sq="").count() <= 5
    arabic = Service.objects.get(name_it__startswith="Centro ISI").description_ar
    assert re.search(r"[\u0600-\u06FF]", arabic)


def test_demo_data_says_so_and_invents_no_reachable_phone_number():
    load_directory()
    for organization in Organization.objects.all():
        assert "(dati dimostrativi)" in organization.description_it
    for number in Phone.objects.values_list("number", flat=True):
        assert re.fullmatch(r"0142 555 0\d\d", number), number
    # The history starts with the load.
    assert ServiceVersion.objects.count() == Service.objects.count()
