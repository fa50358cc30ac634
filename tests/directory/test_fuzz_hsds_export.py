"""The HSDS package is data for other systems, not a spreadsheet for people: its CSV cells are
written exactly as stored — a text starting with = + - @ is not neutralised (docs/hsds.md,
"Spreadsheet programs") — so that an export imports back to the same directory. Property: any
text an operator can type (the forms strip it and refuse NUL) survives export → import exactly."""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello.directory.datapackage import export_package, import_package
from sportello.directory.models import Location, Organization, Phone, Schedule, Service
from sportello.indicators.exports import FORMULA_STARTS
from tests.directory.hsds_data import make_full_service
from tests.directory.hsds_schema import require_hsds_files
from tests.fuzz import FUZZ_SLOW, NASTY, rolled_back

pytestmark = pytest.mark.django_db


def typed(max_size: int) -> st.SearchStrategy[str]:
    """Text as a form keeps it: stripped, without NUL, within the column's length."""
    return (
        st.one_of(
            st.sampled_from(NASTY),
            st.tuples(st.sampled_from(FORMULA_STARTS[:4]), st.text(max_size=30)).map("".join),
            st.text(min_size=1, max_size=max_size),
        )
        .map(lambda s: s.replace("\x00", "").strip()[:max_size])
        .filter(bool)
    )


@FUZZ_SLOW
@given(
    name=typed(200),
    description=typed(2000),
    organization=typed(200),
    place=typed(200),
    phone=typed(200),
    notes=typed(200),
)
def test_any_typed_text_round_trips_through_the_package(
    ottiglio, name, description, organization, place, phone, notes
):
    require_hsds_files()
    with rolled_back():
        service = make_full_service()
        Service.objects.filter(pk=service.pk).update(
            name=name, name_it=name, description=description, description_it=description
        )
        Organization.objects.filter(pk=service.organization_id).update(name=organization)
        Location.objects.filter(service_at_locations__service=service).update(name=place)
        Phone.objects.filter(service=service).update(description=phone)
        Schedule.objects.filter(service=service).update(notes=notes)
        archive = io.BytesIO()
        export_package(archive)
        Service.objects.all().delete()
        Location.objects.all().delete()
        Organization.objects.all().delete()

        report = import_package(io.BytesIO(archive.getvalue()), dry_run=False)

        assert report.errors == []
        back = Service.objects.get(pk=service.pk)
        assert (back.name_it, back.description_it) == (name, description)
        assert back.organization.name == organization
        assert back.service_at_locations.get().location.name == place
        assert {p.description for p in back.phones.all()} == {phone}
        assert {s.notes for s in back.schedules.all()} == {notes}
