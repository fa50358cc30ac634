"""HSDS data packages: the export follows the official descriptor and schemas, round-trips, and
imports are all-or-nothing with errors by file and line (the official example imports)."""

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from sportello.accounts.models import AuditEvent
from sportello.directory import datapackage
from sportello.directory.datapackage import Issue, export_json, export_package, import_package
from sportello.directory.models import (
    Location,
    Organization,
    Service,
    ServiceVersion,
)
from sportello.directory.search import public_search
from sportello.directory.snapshots import service_snapshot
from tests.directory.hsds_data import make_full_service
from tests.directory.hsds_schema import DESCRIPTOR, EXAMPLES_CSV, assert_valid, require_hsds_files

pytestmark = pytest.mark.django_db

OFFICIAL = json.loads(DESCRIPTOR.read_text()) if DESCRIPTOR.exists() else {"resources": []}
OFFICIAL_FIELDS = {
    r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in OFFICIAL["resources"]
}
OFFICIAL_TYPES = {
    r["name"]: {f["name"]: f["type"] for f in r["schema"]["fields"]} for r in OFFICIAL["resources"]
}


@pytest.fixture(autouse=True)
def _hsds_files():
    require_hsds_files()


@pytest.fixture
def directory(ottiglio) -> list[Service]:
    first = make_full_service()
    second = make_full_service(
        "Consultorio familiare", categories=("health", "family"), municipality="fubine-monferrato"
    )
    Service.objects.filter(pk=second.pk).update(welcomes_undocumented=False, is_free=False)
    return [first, second]


def wipe_directory() -> None:
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()


def snapshot_all() -> dict:
    return {str(s.pk): service_snapshot(s) for s in Service.objects.order_by("pk")}


def italian_only(data):
    if isinstance(data, dict):
        return {k: italian_only(v) for k, v in data.items() if k[-3:] not in OTHER_LANGUAGES}
    if isinstance(data, list):
        return [italian_only(item) for item in data]
    return data


OTHER_LANGUAGES = ("_en", "_fr", "_ar", "_ro", "_sq")


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def typed(table: str, row: dict) -> dict:
    """A CSV row as the JSON object the HSDS schema of its table describes."""
    result = {}
    for name, value in row.items():
        if value == "":
            continue
        kind = OFFICIAL_TYPES[table][name]
        result[name] = float(value) if kind == "number" else value
    return result


def test_our_copy_of_the_descriptor_is_the_official_one():
    ours = Path(datapackage.__file__).parent / "hsds_spec" / "datapackage.json"
    assert json.loads(ours.read_text()) == OFFICIAL


def test_the_exported_package_follows_the_hsds_descriptor_and_schemas(directory, tmp_path):
    counts = export_package(tmp_path / "package")
    root = tmp_path / "package"

    descriptor = json.loads((root / "datapackage.json").read_text())
    assert descriptor["profile"] == "tabular-data-package"
    for resource in descriptor["resources"]:
        name = resource["name"]
        assert [f["name"] for f in resource["schema"]["fields"]] == OFFICIAL_FIELDS[name]
        path = root / resource["path"]
        with path.open(encoding="utf-8", newline="") as stream:
            assert next(csv.reader(stream)) == OFFICIAL_FIELDS[name], resource["path"]
        schema = next(r for r in OFFICIAL["resources"] if r["name"] == name)
        assert resource["path"] == schema["path"]
        for row in read_csv(path):
            assert_valid(typed(name, row), f"{name}.json")
    written = {r["name"] for r in descriptor["resources"]}
    assert {"organization", "service", "location", "service_at_location"} <= written
    assert {"schedule", "phone", "language", "attribute", "taxonomy_term", "address"} <= written
    assert "funding" not in written and "program" not in written  # no data for them
    assert not (root / "funding.csv").exists()
    assert counts["service"] == 2
    assert counts["schedule"] == 8

    meta = read_csv(root / "meta_table_descriptions.csv")
    assert {m["language"] for m in meta} == {"it"}
    assert {m["name"] for m in meta} == written
    services = {s["id"]: s for s in read_csv(root / "services.csv")}
    assert services[str(directory[0].id)]["name"] == "Corso di italiano per adulti"

    arabic = root / "translations" / "ar"
    assert {m["language"] for m in read_csv(arabic / "meta_table_descriptions.csv")} == {"ar"}
    arabic_services = {s["id"]: s for s in read_csv(arabic / "services.csv")}
    assert arabic_services[str(directory[0].id)]["name"] == "دورة اللغة الإيطالية للكبار"
    for resource in json.loads((arabic / "datapackage.json").read_text())["resources"]:
        assert [f["name"] for f in resource["schema"]["fields"]] == OFFICIAL_FIELDS[
            resource["name"]
        ]


def test_the_package_round_trips_into_an_empty_directory(directory, tmp_path):
    before = snapshot_all()
    archive = tmp_path / "directory.zip"
    export_package(archive)
    assert zipfile.is_zipfile(archive)
    wipe_directory()

    report = import_package(archive, dry_run=False)

    assert report.errors == []
    assert report.warnings == []
    assert sorted(report.created["service"]) == sorted(before)
    assert snapshot_all() == before
    italian = Service.objects.get(pk=directory[0].pk)
    assert italian.name_ar == "دورة اللغة الإيطالية للكبار"
    assert italian.name_fr in ("", None)  # no French text: still none (falls back to Italian)
    assert ServiceVersion.objects.filter(service=italian).count() == 1

    again = import_package(archive, dry_run=False)
    assert again.errors == []
    assert dict(again.created) == {} and dict(again.updated) == {}
    assert again.unchanged["service"] == 2
    assert ServiceVersion.objects.filter(service=italian).count() == 1


def test_the_official_example_imports(db):
    report = import_package(EXAMPLES_CSV, dry_run=False)

    assert report.errors == [], report.errors
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert service.name == "Community Counselling"
    assert service.organization.name == "Example Organization Inc."
    assert (service.minimum_age, service.maximum_age) == (12, 100)
    assert [p.number for p in service.phones.all()] == ["+44 1234 234567"]
    hours = [(s.weekday, str(s.opens_at), str(s.closes_at)) for s in service.schedules.all()]
    assert hours == [(4, "10:00:00", "18:00:00"), (5, "10:00:00", "18:00:00")]  # TH,FR
    assert [lang.code for lang in service.languages.all()] == ["ur"]
    assert service.cost_options.get().amount == 35
    assert service.required_documents.count() == 1
    assert service.contacts.get().department == "Reception"
    location = service.service_at_locations.get().location
    assert (location.name, location.city, location.latitude) == (
        "MyCity Civic Center",
        "MyCity",
        None,
    )
    assert ServiceVersion.objects.filter(service=service).count() == 1
    assert Issue("locations.csv", 2, "coordinates 100, 101 are not in Italy: left out.") in (
        report.warnings
    )
    assert "programs.csv: we do not keep program data; not imported." in report.ignored
    assert len(report.ignored) == len(set(report.ignored))


def test_the_official_nested_example_imports(db):
    report = import_package(EXAMPLES_CSV.parent / "service_full.json", dry_run=False)

    assert report.errors == [], report.errors
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert service.name == "Community Counselling"
    assert service.service_at_locations.get().location.name == "MyCity Civic Center"


def test_one_broken_row_imports_nothing_and_is_reported_with_file_and_line(directory, tmp_path):
    export_package(tmp_path / "package")
    wipe_directory()
    services = tmp_path / "package" / "services.csv"
    lines = services.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",active,", ",open,")
    services.write_text("".join(lines), encoding="utf-8")

    report = import_package(tmp_path / "package", dry_run=False)

    assert report.errors == [
        Issue(
            "services.csv",
            3,
            "status: “open” is not one of active, inactive, defunct, temporarily closed.",
        )
    ]
    assert not report.applied
    assert Service.objects.count() == 0
    assert Organization.objects.count() == 0


def test_every_problem_of_a_package_is_reported_in_one_run(tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLES_CSV, broken)
    for name, old, new in (
        ("services.csv", ",active,", ",open,"),
        ("schedules.csv", "18:00:00", "09:00:00"),
        ("phones.csv", "1554f2e2-a373-45db-a3fa-9fc48a61c15e", "not-a-uuid"),
    ):
        (broken / name).write_text((EXAMPLES_CSV / name).read_text().replace(old, new))

    report = import_package(broken, dry_run=False)

    assert [str(e) for e in report.errors] == [
        "services.csv, line 2: status: “open” is not one of active, inactive, defunct, "
        "temporarily closed.",
        "phones.csv, line 2: id: “not-a-uuid” is not a UUID.",
        "schedules.csv, line 2: closes_at must be later than opens_at.",
    ]
    assert not Service.objects.exists()


def test_a_row_our_model_refuses_imports_nothing(directory, tmp_path):
    export_package(tmp_path / "package")
    wipe_directory()
    schedules = tmp_path / "package" / "schedules.csv"
    rows = read_csv(schedules)
    header = list(rows[0])
    rows[4]["closes_at"] = "08:00:00"  # before it opens
    with schedules.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, header)
        writer.writeheader()
        writer.writerows(rows)

    report = import_package(tmp_path / "package", dry_run=False)

    assert [(e.file, e.line) for e in report.errors] == [("schedules.csv", 6)]
    assert "close" in report.errors[0].message.lower()
    assert Service.objects.count() == 0


def test_a_dry_run_says_what_would_change_and_writes_nothing(directory, tmp_path):
    export_package(tmp_path / "package")
    services = tmp_path / "package" / "services.csv"
    services.write_text(
        services.read_text(encoding="utf-8").replace("Consultorio familiare", "Consultorio"),
        encoding="utf-8",
    )
    new_org = "11111111-2222-4333-8444-555555555555,Nuovo ente,,Un ente nuovo,,,,,,,,,\n"
    with (tmp_path / "package" / "organizations.csv").open("a", encoding="utf-8") as stream:
        stream.write(new_org)

    report = import_package(tmp_path / "package", dry_run=True)

    assert report.errors == []
    assert report.updated["service"] == [str(directory[1].id)]
    assert report.created["organization"] == ["11111111-2222-4333-8444-555555555555"]
    assert report.unchanged["service"] == 1
    assert not report.applied
    assert Service.objects.get(pk=directory[1].pk).name == "Consultorio familiare"
    assert not Organization.objects.filter(name="Nuovo ente").exists()


def test_the_nested_json_export_validates_and_imports(directory, tmp_path):
    before = snapshot_all()
    stream = io.StringIO()
    assert export_json(stream) == 2
    services = json.loads(stream.getvalue())
    for service in services:
        assert_valid(service, "compiled/service.json")
    path = tmp_path / "services.json"
    path.write_text(stream.getvalue(), encoding="utf-8")
    wipe_directory()

    report = import_package(path, dry_run=False)

    assert report.errors == []
    # One language per JSON file: the other languages are not in it.
    assert italian_only(snapshot_all()) == italian_only(before)


def test_the_commands_export_and_import_with_a_progress_line(directory, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command("hsds_export", str(tmp_path / "d.zip"), stdout=out)
    assert "Exported to" in out.getvalue()
    assert AuditEvent.objects.filter(action="export", object_type="directory.hsds_package").exists()

    out = io.StringIO()
    call_command("hsds_import", str(tmp_path / "d.zip"), "--dry-run", stdout=out, stderr=err)
    assert "service: 0 new, 0 updated, 2 unchanged" in out.getvalue()
    assert "Dry run: the package is valid" in out.getvalue()
    assert "writing" in err.getvalue() and "]" in err.getvalue()

    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLES_CSV, broken)
    (broken / "services.csv").write_text(
        (EXAMPLES_CSV / "services.csv").read_text().replace("2005-01-01", "2005-13-01")
    )
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("hsds_import", str(broken), stdout=out, stderr=err)
    assert exit_status.value.code == 1
    assert "error: services.csv, line 2: assured_date" in out.getvalue()
    assert "nothing was imported" in out.getvalue()


def test_an_applied_import_is_audited(directory, tmp_path, users):
    export_package(tmp_path / "p.zip")
    import_package(tmp_path / "p.zip", dry_run=True, by=users["coordinator"])
    assert not AuditEvent.objects.filter(object_type="directory.hsds_package").exists()

    import_package(EXAMPLES_CSV, dry_run=False, by=users["coordinator"])
    event = AuditEvent.objects.get(object_type="directory.hsds_package")
    assert event.user == users["coordinator"]
    assert event.detail.startswith("HSDS import: created")


def test_an_imported_change_to_a_location_reaches_the_public_search(directory, tmp_path):
    export_package(tmp_path / "package")
    locations = tmp_path / "package" / "locations.csv"
    rows = read_csv(locations)
    rows[0]["name"] = "Casa delle associazioni"
    with locations.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    report = import_package(tmp_path / "package", dry_run=False)

    assert report.errors == []
    at_location = Service.objects.filter(service_at_locations__location_id=rows[0]["id"])
    assert public_search("associazioni").ids == list(at_location.values_list("pk", flat=True))
