"""The staff page to import (dry run, progress, report) and export the directory as HSDS."""

import io
import json
import threading
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sportello.accounts.models import AuditEvent, Role
from sportello.directory import import_jobs
from sportello.directory.models import Service
from tests.directory.hsds_data import make_full_service
from tests.directory.hsds_schema import EXAMPLES_CSV, require_hsds_files

pytestmark = pytest.mark.django_db

EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b"


@pytest.fixture(autouse=True)
def _jobs_here_and_now(settings, tmp_path, monkeypatch):
    """Jobs under tmp_path, run at once instead of in a thread (the test database is not shared
    with other threads)."""
    require_hsds_files()
    settings.HSDS_IMPORTS_DIR = tmp_path / "jobs"
    monkeypatch.setattr(import_jobs, "run_in_background", lambda work: work())


def english(client_for, role: str):
    client = client_for(role)
    client.cookies["django_language"] = "en"
    return client


def example_zip(*, replace: tuple[str, str, str] | None = None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(EXAMPLES_CSV.glob("*.csv")):
            text = path.read_text(encoding="utf-8")
            if replace and path.name == replace[0]:
                text = text.replace(replace[1], replace[2])
            archive.writestr(f"example/{path.name}", text)
    return SimpleUploadedFile("example.zip", buffer.getvalue(), content_type="application/zip")


def test_an_operator_checks_a_package_then_imports_it(client_for):
    operator = english(client_for, Role.OPERATOR)
    assert (
        "Importa ed esporta"
        in client_for(Role.OPERATOR).get("/app/directory/import/").content.decode()
    )

    response = operator.post(
        "/app/directory/import/", {"package": example_zip(), "dry_run": "on"}, follow=True
    )

    page = response.content.decode()
    assert "The package is valid. Nothing has been written yet." in page
    assert "programs.csv: we do not keep program data; not imported." in page
    assert "locations.csv, line 2: coordinates 100, 101 are not in Italy: left out." in page
    assert EXAMPLE_ID in page
    assert not Service.objects.filter(pk=EXAMPLE_ID).exists()
    (dry_run,) = import_jobs.job_list()

    response = operator.post(f"/app/directory/import/{dry_run.id}/apply/", follow=True)

    assert "The package was imported." in response.content.decode()
    assert Service.objects.get(pk=EXAMPLE_ID).name == "Community Counselling"
    assert AuditEvent.objects.filter(
        object_type="directory.hsds_package", action="update", user__role=Role.OPERATOR
    ).exists()
    again = operator.post(f"/app/directory/import/{dry_run.id}/apply/", follow=True)
    assert "Only a dry run without errors can be imported." in again.content.decode()


def test_a_broken_row_is_shown_with_its_file_and_line_and_nothing_is_written(client_for):
    coordinator = english(client_for, Role.COORDINATOR)
    broken = example_zip(replace=("services.csv", ",active,", ",open,"))

    response = coordinator.post("/app/directory/import/", {"package": broken}, follow=True)

    page = response.content.decode()
    assert "1 error: nothing was written." in page
    assert '<td data-label="File">example/services.csv</td>' in page
    assert '<td data-label="Line" class="num">2</td>' in page
    assert "status: “open” is not one of active, inactive, defunct, temporarily closed." in page
    assert "Import it now" not in page
    assert not Service.objects.exists()


def test_the_upload_must_be_a_zip_or_json_file(client_for):
    response = english(client_for, Role.OPERATOR).post(
        "/app/directory/import/", {"package": SimpleUploadedFile("notes.txt", b"hello")}
    )

    assert response.status_code == 200
    assert "Choose a .zip or .json file." in response.content.decode()
    assert import_jobs.job_list() == []


def test_one_import_at_a_time(client_for, users):
    running = import_jobs.job_create(
        by=users["operator"], filename="a.zip", payload=b"", dry_run=True
    )
    running.state = "running"
    import_jobs.job_save(running)

    response = english(client_for, Role.OPERATOR).post(
        "/app/directory/import/", {"package": example_zip()}
    )

    assert "Another import is running: wait until it has finished." in response.content.decode()
    assert len(import_jobs.job_list()) == 1


def test_the_page_shows_progress_while_the_import_runs(client_for, users):
    job = import_jobs.job_create(by=users["operator"], filename="a.zip", payload=b"", dry_run=True)
    job.state, job.stage, job.done, job.total = "running", "writing", 30, 120
    import_jobs.job_save(job)
    operator = english(client_for, Role.OPERATOR)

    page = operator.get(f"/app/directory/import/{job.id}/").content.decode()
    assert '<progress id="job-bar" max="100" value="25">' in page
    assert "30 of 120 steps (25%)" in page
    assert f'hx-get="/app/directory/import/{job.id}/progress/"' in page
    assert "htmx-2.0.11.min.js" in page
    assert '<meta http-equiv="refresh" content="3">' in page  # without JavaScript

    progress = f"/app/directory/import/{job.id}/progress/"
    partial = operator.get(progress, headers={"HX-Request": "true"})
    assert "Writing…" in partial.content.decode()
    assert "<html" not in partial.content.decode()
    assert "HX-Refresh" not in partial
    # Opened as a page (a reload, a bookmark): the whole job page, with its title and language.
    whole = operator.get(progress).content.decode()
    assert "<title>" in whole
    assert '<progress id="job-bar" max="100" value="25">' in whole

    job.state = "done"
    job.report = {
        "dry_run": True,
        "created": {},
        "updated": {},
        "unchanged": {},
        "errors": [],
        "warnings": [],
        "ignored": [],
        "applied": False,
    }
    import_jobs.job_save(job)
    assert operator.get(progress, headers={"HX-Request": "true"})["HX-Refresh"] == "true"


def test_the_directory_downloads_as_a_package_or_as_json(client_for, ottiglio):
    make_full_service()
    operator = english(client_for, Role.OPERATOR)

    response = operator.get("/app/directory/export/")
    assert response["Content-Disposition"].startswith('attachment; filename="sportello-hsds-')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "datapackage.json" in archive.namelist()
    assert "translations/ar/services.csv" in archive.namelist()

    response = operator.get("/app/directory/export/?format=json&lang=ar")
    services = json.loads(b"".join(response.streaming_content))
    assert [s["name"] for s in services] == ["دورة اللغة الإيطالية للكبار"]
    assert (
        AuditEvent.objects.filter(action="export", object_type="directory.hsds_package").count()
        == 2
    )


def test_background_work_runs_in_its_own_thread(monkeypatch):
    monkeypatch.undo()  # the real runner
    ran = threading.Event()
    names = []

    def work():
        names.append(threading.current_thread().name)
        ran.set()

    import_jobs.run_in_background(work)
    assert ran.wait(5)
    assert names == ["hsds-import"]
