"""Fuzzing the HSDS import: spoilt cells, columns and rows of an exported package, wrong
encodings, files that are not ZIP archives, damaged and encrypted archives, zip bombs, uploads
over the size limit, broken nested JSON. Every problem is a clear error by file and line; nothing
is imported unless everything is right; no exception escapes the import, the upload page (no 500)
or the command line (exit status 1 with the errors)."""

import csv
import io
import json
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from sportello.accounts.models import Role
from sportello.directory import import_jobs
from sportello.directory.datapackage import export_package, import_package
from sportello.directory.models import Location, Organization, Service
from tests.conftest import sign_in
from tests.directory.hsds_data import make_full_service
from tests.directory.hsds_schema import require_hsds_files
from tests.fuzz import FUZZ, nasty_text, rolled_back, row_counts, writes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _jobs_here_and_now(settings, tmp_path, monkeypatch):
    require_hsds_files()
    settings.HSDS_IMPORTS_DIR = tmp_path / "jobs"
    monkeypatch.setattr(import_jobs, "run_in_background", lambda work: work())


@pytest.fixture
def package(ottiglio) -> dict[str, bytes]:
    """The files of an exported directory of one full service; the directory is then emptied, so
    that importing the package creates rows (and a refused import must create none)."""
    make_full_service()
    buffer = io.BytesIO()
    export_package(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    return files


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def rows_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def imported(source) -> tuple:
    """Import `source`; returns (report, rows written). Nothing may escape the import."""
    before = row_counts()
    report = import_package(source, dry_run=False)
    changed = writes(before)
    if report.errors:
        assert not report.applied
        assert not changed, f"a refused import wrote rows: {changed}"
    return report, changed


def test_the_package_imports_as_exported(package):
    report, changed = imported(io.BytesIO(zipped(package)))
    assert report.errors == [] and report.applied and changed


TABLES = ["services.csv", "organizations.csv", "locations.csv", "phones.csv", "schedules.csv"]


@st.composite
def spoilt_packages(draw, files: dict[str, bytes]) -> dict[str, bytes]:
    """One change to one table: a cell, a column dropped or added, a row repeated or dropped."""
    name = draw(st.sampled_from(TABLES), label="file")
    rows = rows_of(files[name])
    header, body = rows[0], rows[1:]
    change = draw(st.sampled_from(["cell", "cell", "cell", "drop column", "add column", "row"]))
    if change == "cell":
        row = draw(st.integers(0, len(body) - 1))
        column = draw(st.integers(0, len(header) - 1), label="column")
        body[row][column] = draw(nasty_text, label="value")
    elif change == "drop column":
        column = draw(st.integers(0, len(header) - 1), label="column")
        header, body = (
            header[:column] + header[column + 1 :],
            [r[:column] + r[column + 1 :] for r in body],
        )
    elif change == "add column":
        header = [*header, draw(nasty_text, label="column name")]
        body = [[*r, draw(nasty_text)] for r in body]
    else:
        row = draw(st.integers(0, len(body) - 1))
        body = (
            [*body, body[row]]
            if draw(st.booleans(), label="repeat")
            else body[:row] + body[row + 1 :]
        )
    return {**files, name: csv_bytes([header, *body])}


@FUZZ
@given(data=st.data())
def test_a_spoilt_package_imports_all_or_nothing(package, data):
    files = data.draw(spoilt_packages(package), label="package")
    with rolled_back():
        report, _changed = imported(io.BytesIO(zipped(files)))
        for issue in report.errors:
            assert issue.message  # every error says what is wrong…
            assert issue.file or "package" in str(issue)  # …and where


@pytest.mark.parametrize(
    ("encoding", "ok"),
    [("utf-8-sig", True), ("latin-1", False), ("cp1252", False), ("utf-16", False)],
)
def test_a_table_in_another_encoding_is_refused_by_name(package, encoding, ok):
    text = package["services.csv"].decode("utf-8").replace("Corso di", "Corso è di")
    files = {**package, "services.csv": text.encode(encoding)}
    report, _changed = imported(io.BytesIO(zipped(files)))
    if ok:  # a byte-order mark is fine
        assert report.errors == []
    else:
        assert [(e.file, e.message) for e in report.errors if e.file == "services.csv"] == [
            ("services.csv", "is not UTF-8 text: save it as UTF-8 and import it again.")
        ]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"PK\x03\x04" + b"\x00" * 30,  # a ZIP header and nothing else
        b"\x1f\x8b\x08\x00" + b"garbage" * 20,  # gzip
        b"%PDF-1.7\n" + bytes(range(256)),
        bytes(range(256)) * 10,
        "services.csv".encode("utf-16"),
    ],
)
def test_a_file_that_is_not_a_zip_archive_is_refused_clearly(package, content, tmp_path):
    report, _changed = imported(io.BytesIO(content))
    assert len(report.errors) == 1
    assert "ZIP" in report.errors[0].message or "JSON" in report.errors[0].message
    path = tmp_path / "package.zip"
    path.write_bytes(content)
    with pytest.raises(SystemExit) as exit_status:
        call_command("hsds_import", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert exit_status.value.code == 1


def _patch_member(archive: bytes, *, flag: int = 0, method: int | None = None, size=None) -> bytes:
    """Rewrite the headers of the archive's first member (local and central)."""
    data = bytearray(archive)
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 6] |= flag
    data[central + 8] |= flag
    if method is not None:
        data[local + 8 : local + 10] = struct.pack("<H", method)
        data[central + 10 : central + 12] = struct.pack("<H", method)
    if size is not None:
        data[local + 22 : local + 26] = struct.pack("<I", size)
        data[central + 24 : central + 28] = struct.pack("<I", size)
    return bytes(data)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ({"flag": 1}, "encrypted"),
        ({"method": 99}, "compression"),
        ({"size": 10}, "damaged"),  # a member larger than it says
        ({"truncate": True}, "damaged"),
    ],
)
def test_a_damaged_or_encrypted_archive_is_refused_clearly(package, damage, message, tmp_path):
    archive = zipped({"services.csv": package["services.csv"], **package})
    if damage.pop("truncate", False):
        local = archive.find(b"PK\x03\x04")
        archive = archive[: local + 60] + archive[local + 200 :]
    else:
        archive = _patch_member(archive, **damage)
    report, _changed = imported(io.BytesIO(archive))
    assert len(report.errors) == 1, report.errors
    assert message in report.errors[0].message


@FUZZ
@given(data=st.data())
def test_an_archive_with_flipped_bytes_never_breaks_the_import(package, data):
    archive = bytearray(zipped(package))
    for _ in range(data.draw(st.integers(1, 4), label="flips")):
        position = data.draw(st.integers(0, len(archive) - 1), label="at")
        archive[position] = data.draw(st.integers(0, 255), label="byte")
    end = data.draw(st.integers(len(archive) // 2, len(archive)), label="cut at")
    with rolled_back():
        imported(io.BytesIO(bytes(archive[:end])))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(package, settings):
    settings.HSDS_IMPORT_MAX_MB = 1  # unpacked at most 4 MB
    bomb = zipped({**package, "padding.csv": b"\0" * (5 * 2**20)})
    assert len(bomb) < 2**20
    report, _changed = imported(io.BytesIO(bomb))
    assert [e.message for e in report.errors] == [
        "The package is too large once unzipped (more than 4 MB)."
    ]


def test_an_archive_of_too_many_files_is_refused(package):
    many = zipped({**package, **{f"extra/{n}.txt": b"" for n in range(1001)}})
    report, _changed = imported(io.BytesIO(many))
    assert [e.message for e in report.errors] == ["The package has more than 1000 files."]


def test_formula_looking_cells_are_imported_as_text(package):
    rows = rows_of(package["services.csv"])
    name = rows[0].index("name")
    rows[1][name] = '=HYPERLINK("http://example.org","x")'
    report, _changed = imported(io.BytesIO(zipped({**package, "services.csv": csv_bytes(rows)})))
    assert report.errors == []
    assert Service.objects.get().name_it == '=HYPERLINK("http://example.org","x")'


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        ("services.csv", "duplicate", "is already used at line 2"),
        ("service_at_location.csv", "orphan", "is neither in the package nor in the directory"),
        ("services.csv", "orphan", "is neither in the package nor in the directory"),
        ("services.csv", "nul", "NUL"),
    ],
)
def test_duplicated_ids_missing_parents_and_nul_characters_are_reported_by_line(
    package, file, change, message
):
    rows = rows_of(package[file])
    header, first = rows[0], rows[1]
    if change == "duplicate":
        rows.append(list(first))
    elif change == "orphan":
        parent = "organization_id" if file == "services.csv" else "location_id"
        first[header.index(parent)] = "00000000-0000-4000-8000-000000000000"
    else:
        first[header.index("name")] = "Corso\x00di italiano"
    report, _changed = imported(io.BytesIO(zipped({**package, file: csv_bytes(rows)})))
    assert any(e.file == file and e.line and message in e.message for e in report.errors), (
        report.errors
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | nasty_text,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "name",
                    "phones",
                    "schedules",
                    "organization",
                    "attributes",
                    "taxonomy_term",
                    "service_at_locations",
                    "location",
                    "addresses",
                    "languages",
                    "contents",
                    "number",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@FUZZ
@given(value=json_values)
def test_any_nested_json_imports_all_or_nothing(db, value):
    with rolled_back():
        imported(io.BytesIO(json.dumps(value).encode()))


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000, b'{"a":' * 100_000, b"[{}]" + b"\xff", b"[1e99999]", b'["\\ud800"]'],
)
def test_pathological_json_is_refused_clearly(db, content):
    report, _changed = imported(io.BytesIO(content))
    assert report.errors


# --- the upload page and the command line ------------------------------------------------------


def upload(client, content: bytes, name: str = "package.zip"):
    return client.post(
        "/app/directory/import/",
        {"package": SimpleUploadedFile(name, content), "dry_run": "on"},
        follow=True,
    )


@pytest.fixture
def operator(users):
    return sign_in(Client(), users[Role.OPERATOR])


def test_the_page_refuses_a_file_over_the_limit_in_italian(package, operator, settings):
    settings.HSDS_IMPORT_MAX_MB = 1
    before = row_counts()
    response = upload(operator, zipped(package) + b"\0" * 2**20)
    assert response.status_code == 200
    assert "Il file supera i 1 MB." in response.content.decode()
    assert not writes(before) and not import_jobs.job_list()


@pytest.mark.parametrize(
    "content",
    [b"not a zip", b"[" * 100_000, b"PK\x03\x04", "città".encode("latin-1")],
)
def test_the_page_reports_a_broken_upload_without_a_500(package, operator, content):
    before = row_counts()
    response = upload(operator, content)
    assert response.status_code == 200
    (job,) = import_jobs.job_list()
    assert job.state == "done" and job.get_report().errors
    assert not writes(before)


def test_the_page_reports_every_error_of_a_spoilt_package(package, operator):
    rows = rows_of(package["services.csv"])
    rows[1][rows[0].index("status")] = "\u202eactive"
    response = upload(operator, zipped({**package, "services.csv": csv_bytes(rows)}))
    assert response.status_code == 200
    assert "services.csv" in response.content.decode()
    assert Service.objects.count() == 0


def test_the_command_line_never_lets_an_exception_escape(package, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "datapackage.json").write_bytes(b"\xff\xfe{")
    (broken / "services.csv").write_bytes("id,name\r\nx,\x00\r\n".encode("utf-16"))
    for source in (broken, tmp_path / "x.json"):
        (tmp_path / "x.json").write_bytes(b"[" * 100_000)
        out = io.StringIO()
        with pytest.raises(SystemExit) as exit_status:
            call_command("hsds_import", str(source), stdout=out, stderr=io.StringIO())
        assert exit_status.value.code == 1
        assert "nothing was imported" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("hsds_import", str(tmp_path / "missing.zip"))
