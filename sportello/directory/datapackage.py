"""HSDS 3.0 data packages: export the whole directory, import a package all-or-nothing.

Formats (docs/hsds.md):
- tabular data package: `datapackage.json` + one CSV per table, as described by the official
  descriptor (hsds_spec/datapackage.json); Italian, the canonical language. Each other language
  travels as its own small package in `translations/<code>/` (same ids, the tables with texts)
  whose meta_table_descriptions.csv says which language it is in. A directory or a ZIP file.
- nested JSON: a list of full HSDS services (as /api/hsds/services/{id} gives them), one language.

Import reads either form, checks every row against the HSDS types and our model, and writes
nothing unless every row is right (one transaction). The report lists what would be (or was)
created, updated or left unchanged, by HSDS id; errors with file and line; warnings for values we
had to leave out; and, once each, the HSDS tables and fields we do not keep.

The staff page runs an import as a job in a thread of the web process (good for a demonstration
and one server; see docs/hsds.md): its state and report live in a JSON file under
VAR_DIR/hsds-imports/ so that any request can poll them.
"""

import csv
import datetime as dt
import io
import json
import lzma
import re
import unicodedata
import uuid
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import DatabaseError, IntegrityError, connections, models, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from sportello.accounts.models import AuditEvent, User
from sportello.accounts.services import audit
from sportello.directory import hsds
from sportello.directory.languages import SPOKEN_LANGUAGES
from sportello.directory.models import (
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from sportello.territory.models import ITALY_LAT, ITALY_LNG, Municipality

SPEC = json.loads((Path(__file__).parent / "hsds_spec" / "datapackage.json").read_text())
RESOURCES: dict[str, dict] = {r["name"]: r for r in SPEC["resources"]}
TABLE_OF_FILE = {r["path"]: r["name"] for r in SPEC["resources"]}
FIELDS: dict[str, list[str]] = {
    name: [f["name"] for f in r["schema"]["fields"]] for name, r in RESOURCES.items()
}
CORE_TABLES = ("organization", "service", "location", "service_at_location")
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATED = {
    "organization": ("description",),
    "service": (
        "name",
        "description",
        "eligibility_description",
        "application_process",
        "fees_description",
        "alert",
    ),
    "required_document": ("document",),
}
TRANSLATION_TABLES = ("organization", "service", "required_document", "taxonomy", "taxonomy_term")
JSON_FILE = "services.json"
MAX_PACKAGE_FILES = 1000  # an HSDS package has some 20 tables, and 6 languages of some of them


def max_upload_bytes() -> int:
    """The largest package the staff page accepts (SPORTELLO_HSDS_IMPORT_MAX_MB)."""
    return settings.HSDS_IMPORT_MAX_MB * 2**20


def max_unzipped_bytes() -> int:
    """What a ZIP package may unpack to: four times the upload limit (CSV compresses well; a zip
    bomb is refused before anything is unpacked)."""
    return 4 * max_upload_bytes()


# Fields of each table we read; the others are reported once as not kept. DERIVED fields are
# ones our own export writes from other data (skipped silently on import).
IMPORTED = {
    "organization": {"id", "name", "alternate_name", "description", "email", "website"}
    | {"legal_status"},
    "service": {
        "id",
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "alert",
    },
    "location": {"id", "location_type", "url", "organization_id", "name", "description"}
    | {"transportation", "latitude", "longitude"},
    "address": {"id", "location_id", "address_1", "city", "state_province", "postal_code"}
    | {"country", "address_type"},
    "accessibility": {"id", "location_id", "description"},
    "service_at_location": {"id", "service_id", "location_id", "description"},
    "phone": {"id", "location_id", "service_id", "organization_id", "service_at_location_id"}
    | {"number", "extension", "type", "description"},
    "schedule": {"id", "service_id", "location_id", "service_at_location_id", "valid_from"}
    | {"valid_to", "freq", "interval", "byday", "opens_at", "closes_at", "notes"},
    "language": {"id", "service_id", "name", "code", "note"},
    "service_area": {"id", "service_id", "name"},
    "cost_option": {"id", "service_id", "valid_from", "valid_to", "option", "currency"}
    | {"amount", "amount_description"},
    "required_document": {"id", "service_id", "document", "uri"},
    "contact": {"id", "organization_id", "service_id", "name", "title", "department", "email"},
    "attribute": {"id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"},
    "taxonomy": {"id", "name"},
    "taxonomy_term": {"id", "code", "name", "taxonomy_id"},
    "meta_table_description": {"id", "name", "language", "character_set"},
}
DERIVED = {
    "service": {"last_modified"},
    "schedule": {"description", "wkst"},
    "service_area": {"description"},
    "taxonomy": {"description", "version", "uri"},
    "taxonomy_term": {"description", "taxonomy", "language", "term_uri", "parent_id"},
}

Progress = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, stage: str) -> None:
    return None


# =========================================================================== export ==========


def _table_rows(table: str, language: str) -> Iterator[dict]:
    """The rows of one HSDS table, in `language` (texts fall back to Italian)."""
    with translation.override(language):
        if table == "organization":
            for org in Organization.objects.order_by("name", "id").iterator():
                row = hsds.organization_dict(org)
                row["description"] = row["description"] or row["name"]  # required by HSDS
                yield row
        elif table == "service":
            for service in Service.objects.order_by("name_it", "id").iterator():
                yield hsds.service_dict(service, full=False, with_organization=False)
        elif table in ("location", "address", "accessibility"):
            locations = Location.objects.select_related("municipality").order_by("name", "id")
            for location in locations.iterator():
                if table == "location":
                    yield hsds.location_dict(location, full=False)
                else:
                    row = (hsds.address_dict if table == "address" else hsds.accessibility_dict)(
                        location
                    )
                    if row:
                        yield row
        elif table == "service_at_location":
            for sal in ServiceAtLocation.objects.order_by("service_id", "id").iterator():
                yield hsds.service_at_location_dict(sal, full=False, with_service=False)
        elif table == "phone":
            for phone in Phone.objects.order_by("id").iterator():
                yield hsds.phone_dict(phone)
        elif table == "schedule":
            for schedule in Schedule.objects.order_by("service_id", "weekday", "opens_at", "id"):
                yield hsds.schedule_dict(schedule)
        elif table == "language":
            for lang in ServiceLanguage.objects.order_by("service_id", "code").iterator():
                yield {
                    "id": str(lang.id),
                    "service_id": str(lang.service_id),
                    "name": lang.name,
                    "code": lang.code,
                    "note": lang.note,
                }
        elif table == "service_area":
            through = Service.service_areas.through.objects.select_related("municipality")
            for row in through.order_by("service_id", "municipality__name").iterator():
                yield {
                    "id": str(
                        hsds.derived_id(row.service_id, f"service_area:{row.municipality.slug}")
                    ),
                    "service_id": str(row.service_id),
                    "name": row.municipality.name,
                }
        elif table == "cost_option":
            for cost in CostOption.objects.order_by("service_id", "id").iterator():
                yield {
                    "id": str(cost.id),
                    "service_id": str(cost.service_id),
                    "valid_from": cost.valid_from,
                    "valid_to": cost.valid_to,
                    "option": cost.option,
                    "currency": cost.currency,
                    "amount": hsds._number(cost.amount),
                    "amount_description": cost.amount_description,
                }
        elif table == "required_document":
            for doc in RequiredDocument.objects.order_by("service_id", "id").iterator():
                yield {
                    "id": str(doc.id),
                    "service_id": str(doc.service_id),
                    "document": doc.document,
                    "uri": doc.uri,
                }
        elif table == "contact":
            for contact in Contact.objects.order_by("id").iterator():
                yield hsds.contact_dict(contact)
        elif table == "attribute":
            through = Service.categories.through.objects.select_related("taxonomyterm")
            for row in through.order_by("service_id", "taxonomyterm__position").iterator():
                yield {
                    "id": str(hsds.derived_id(row.service_id, f"category:{row.taxonomyterm.code}")),
                    "link_id": str(row.service_id),
                    "taxonomy_term_id": str(row.taxonomyterm_id),
                    "link_type": hsds.CATEGORY_LINK_TYPE,
                    "link_entity": "service",
                }
            for prop in hsds.PROPERTY_TERMS:
                ids = Service.objects.filter(**{prop.field: True}).order_by("id")
                for service_id in ids.values_list("id", flat=True).iterator():
                    yield {
                        "id": str(hsds.derived_id(service_id, f"property:{prop.code}")),
                        "link_id": str(service_id),
                        "taxonomy_term_id": str(prop.id),
                        "link_type": prop.link_type,
                        "link_entity": "service",
                        "value": "true",
                    }
        elif table == "taxonomy_term":
            for term in _used_terms():
                row = hsds.taxonomy_term_dict(term)
                row.pop("taxonomy_detail", None)
                row["description"] = row["description"] or row["name"]  # required by HSDS
                yield row
        elif table == "taxonomy":
            used = {row["taxonomy_id"] for row in _table_rows("taxonomy_term", language)}
            for taxonomy in hsds.TAXONOMIES:
                if str(taxonomy.id) in used:
                    yield hsds.taxonomy_dict(taxonomy)


def _used_terms() -> list:
    """Only the terms some service uses (HSDS: no unused taxonomy terms in a package)."""
    used = TaxonomyTerm.objects.filter(services__isnull=False).distinct().order_by("position")
    props = [p for p in hsds.PROPERTY_TERMS if Service.objects.filter(**{p.field: True}).exists()]
    return [*used, *props]


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Target:
    """Where an export is written: a directory or a ZIP archive."""

    def __init__(self, destination: Path | IO[bytes]):
        self.zip: zipfile.ZipFile | None = None
        self.root: Path | None = None
        if isinstance(destination, Path) and destination.suffix.lower() != ".zip":
            self.root = destination
            self.root.mkdir(parents=True, exist_ok=True)
        else:
            self.zip = zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED)

    @contextmanager
    def open(self, name: str) -> Iterator[IO[str]]:
        if self.zip is not None:
            with (
                self.zip.open(name, "w") as raw,
                io.TextIOWrapper(raw, encoding="utf-8", newline="") as text,
            ):
                yield text
        else:
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="") as text:
                yield text

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def _descriptor(tables: list[str], language: str) -> dict:
    return {
        "name": "sportello-directory" if language == "it" else f"sportello-directory-{language}",
        "title": "Sportello migrante diffuso — resource directory (Open Referral HSDS 3.0)",
        "description": (
            f"Language of the texts: {language}. Italian is canonical; the other languages are "
            "in translations/<code>/ (same ids)."
        ),
        "profile": SPEC["profile"],
        "version": SPEC["version"],
        "homepage": SPEC["homepage"],
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "resources": [RESOURCES[name] for name in tables],
    }


def _write_package(target: _Target, prefix: str, language: str, tables: Iterable[str]) -> dict:
    """Write one package (CSV files and descriptor); returns {table: number of rows}."""
    counts: dict[str, int] = {}
    for table in tables:
        rows = _table_rows(table, language)
        first = next(rows, None)
        if first is None and table not in CORE_TABLES:
            continue
        with target.open(prefix + RESOURCES[table]["path"]) as stream:
            writer = csv.writer(stream, lineterminator="\r\n")
            writer.writerow(FIELDS[table])
            count = 0
            for row in [first] if first is not None else []:
                writer.writerow([_csv_value(row.get(name)) for name in FIELDS[table]])
                count += 1
            for row in rows:
                writer.writerow([_csv_value(row.get(name)) for name in FIELDS[table]])
                count += 1
        counts[table] = count
    written = [*counts, "meta_table_description"]
    with target.open(prefix + RESOURCES["meta_table_description"]["path"]) as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(FIELDS["meta_table_description"])
        for table in written:
            meta_id = uuid.uuid5(hsds.NAMESPACE, f"meta:{language}:{table}")
            writer.writerow([meta_id, table, language, "UTF-8"])
    counts["meta_table_description"] = len(written)
    with target.open(prefix + "datapackage.json") as stream:
        json.dump(_descriptor(written, language), stream, ensure_ascii=False, indent=2)
    return counts


EXPORT_TABLES = [
    "organization",
    "service",
    "location",
    "address",
    "accessibility",
    "service_at_location",
    "phone",
    "schedule",
    "language",
    "service_area",
    "cost_option",
    "required_document",
    "contact",
    "attribute",
    "taxonomy",
    "taxonomy_term",
]


def export_package(destination: Path | IO[bytes]) -> dict[str, int]:
    """Write the whole directory (every status) as an HSDS tabular data package: a directory,
    or a ZIP archive when `destination` ends in .zip or is a binary stream."""
    target = _Target(destination)
    try:
        counts = _write_package(target, "", "it", EXPORT_TABLES)
        for language in LANGUAGES:
            if language != "it":
                _write_package(target, f"translations/{language}/", language, TRANSLATION_TABLES)
    finally:
        target.close()
    return counts


def export_json(stream: IO[str], *, language: str = "it", batch: int = 200) -> int:
    """Write every service (every status) as a JSON list of full HSDS services."""
    ids = list(Service.objects.order_by("name_it", "id").values_list("id", flat=True))
    stream.write("[")
    with translation.override(language):
        for start in range(0, len(ids), batch):
            chunk = hsds.with_full_service(
                Service.objects.filter(id__in=ids[start : start + batch])
            )
            by_id = {s.id: s for s in chunk}
            for n, service_id in enumerate(ids[start : start + batch], start=start):
                stream.write(",\n" if n else "\n")
                stream.write(json.dumps(hsds.service_dict(by_id[service_id]), ensure_ascii=False))
    stream.write("\n]\n")
    return len(ids)


# =========================================================================== import ==========


@dataclass
class Issue:
    file: str
    line: int | str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line in (None, "") else f"{self.file}, line {self.line}"
        if isinstance(self.line, str):
            where = f"{self.file} {self.line}"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    dry_run: bool
    created: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    updated: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unchanged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    applied: bool = False
    services: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, file: str, line, message: str) -> None:
        issue = Issue(file, line, message)
        if issue not in self.errors:  # e.g. one schedule row giving several days
            self.errors.append(issue)

    def warn(self, file: str, line, message: str) -> None:
        self.warnings.append(Issue(file, line, message))

    def ignore(self, message: str) -> None:
        if message not in self.ignored:
            self.ignored.append(message)

    def counts(self) -> dict[str, tuple[int, int, int]]:
        tables = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return {
            t: (
                len(self.created.get(t, [])),
                len(self.updated.get(t, [])),
                self.unchanged.get(t, 0),
            )
            for t in tables
        }

    def summary(self) -> str:
        created = sum(len(v) for v in self.created.values())
        updated = sum(len(v) for v in self.updated.values())
        verb = "would create" if self.dry_run or not self.applied else "created"
        return (
            f"{verb} {created}, updated {updated}, errors {len(self.errors)}, "
            f"warnings {len(self.warnings)}"
        )

    def to_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "created": dict(self.created),
            "updated": dict(self.updated),
            "unchanged": dict(self.unchanged),
            "errors": [asdict(issue) for issue in self.errors],
            "warnings": [asdict(issue) for issue in self.warnings],
            "ignored": list(self.ignored),
            "applied": self.applied,
            "services": self.services,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        report = cls(dry_run=data["dry_run"])
        report.created.update(data["created"])
        report.updated.update(data["updated"])
        report.unchanged.update(data["unchanged"])
        report.errors = [Issue(**e) for e in data["errors"]]
        report.warnings = [Issue(**w) for w in data["warnings"]]
        report.ignored = data["ignored"]
        report.applied = data["applied"]
        report.services = data.get("services", 0)
        return report


class PackageError(Exception):
    """The file is not a package we can read at all (not a ZIP, no CSV files…)."""


@dataclass
class Row:
    file: str
    line: int | str
    values: dict[str, str]

    def get(self, name: str) -> str:
        value = self.values.get(name)
        return "" if value is None else str(value).strip()


@dataclass
class Package:
    tables: dict[str, list[Row]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # table → file name
    language: str = "it"
    translations: dict[str, "Package"] = field(default_factory=dict)

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])

    def size(self) -> int:
        own = sum(len(rows) for rows in self.tables.values())
        return own + sum(p.size() for p in self.translations.values())


# --- reading ---------------------------------------------------------------------------------


def _read_csv(file: str, text: str, report: ImportReport) -> tuple[list[str], list[Row]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return [], []
    except csv.Error as exc:
        report.error(file, 1, f"not a readable CSV file ({exc}).")
        return [], []
    rows = []
    previous = reader.line_num
    try:
        for record in reader:
            line = previous + 1
            previous = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header):
                report.error(file, line, f"{len(record)} values for {len(header)} columns.")
                continue
            rows.append(Row(file, line, dict(zip(header, record, strict=False))))
    except csv.Error as exc:
        report.error(file, previous + 1, f"not readable as CSV ({exc}).")
    return header, rows


# What reading a damaged archive raises: a bad CRC or header, a broken deflate/LZMA/bzip2 stream,
# a stream cut short, a seek before the start (negative offsets in the headers).
ARCHIVE_DAMAGE = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError)


def _files_of(source: Path | IO[bytes]) -> dict[str, bytes]:
    """{relative path: content} of a directory or ZIP archive (paths with "/")."""
    if isinstance(source, Path) and source.is_dir():
        return {
            path.relative_to(source).as_posix(): path.read_bytes()
            for path in sorted(source.rglob("*"))
            if path.is_file()
        }
    try:
        archive = zipfile.ZipFile(source)
    except ARCHIVE_DAMAGE:
        raise PackageError("The file is neither a ZIP archive nor a JSON file.") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_PACKAGE_FILES:
            raise PackageError(f"The package has more than {MAX_PACKAGE_FILES} files.")
        # The sizes the archive declares: a member cannot unpack to more (its CRC is checked).
        if sum(m.file_size for m in members) > max_unzipped_bytes():
            raise PackageError(
                "The package is too large once unzipped "
                f"(more than {max_unzipped_bytes() // 2**20} MB)."
            )
        if any(m.flag_bits & 0x1 for m in members):
            raise PackageError("The ZIP archive is encrypted: export it again without a password.")
        try:
            return {m.filename: archive.read(m) for m in members}
        except NotImplementedError:
            raise PackageError(
                "The ZIP archive uses a compression method we cannot read: "
                "compress it again as a plain ZIP (deflate)."
            ) from None
        except ARCHIVE_DAMAGE as exc:
            raise PackageError(f"The ZIP archive is damaged ({exc}).") from None


def _package_from_files(files: dict[str, bytes], prefix: str, report: ImportReport) -> Package:
    package = Package()
    names = {name[len(prefix) :]: name for name in files if name.startswith(prefix)}
    resource_files = dict(TABLE_OF_FILE)
    if "datapackage.json" in names:
        try:
            descriptor = json.loads(files[names["datapackage.json"]])
            resource_files = {r["path"]: r["name"] for r in descriptor["resources"]}
        except (ValueError, KeyError, TypeError):
            report.warn(
                prefix + "datapackage.json",
                None,
                "could not be read as a data package descriptor; the standard HSDS file names "
                "are used instead.",
            )
    for path, table in resource_files.items():
        if path not in names or table not in RESOURCES:
            continue
        file = prefix + path
        try:
            text = files[names[path]].decode("utf-8")
        except UnicodeDecodeError:
            report.error(file, None, "is not UTF-8 text: save it as UTF-8 and import it again.")
            continue
        header, rows = _read_csv(file, text, report)
        package.files[table] = file
        package.tables[table] = rows
        _check_header(table, file, header, rows, report)
    for path in names:
        if path.endswith(".csv") and path not in resource_files and "/" not in path:
            report.ignore(f"{prefix + path}: not an HSDS table, not imported.")
    return package


def _check_header(table: str, file: str, header: list[str], rows: list[Row], report) -> None:
    spec = {f["name"]: f for f in RESOURCES[table]["schema"]["fields"]}
    for name, f in spec.items():
        needed = table in IMPORTED and (name in IMPORTED[table] or name == "id")
        if f.get("constraints", {}).get("required") and name not in header and needed:
            report.error(file, 1, f"the column “{name}” is missing.")
    unknown = [name for name in header if name not in spec]
    if unknown:
        report.ignore(f"{file}: columns that are not HSDS, not imported: {', '.join(unknown)}.")
    if table not in IMPORTED:
        if rows:
            report.ignore(f"{file}: we do not keep {RESOURCES[table]['name']} data; not imported.")
        return
    skipped = [
        name
        for name in header
        if name in spec
        and name not in IMPORTED[table]
        and name not in DERIVED.get(table, ())
        and any(row.get(name) for row in rows)
    ]
    if skipped:
        report.ignore(f"{file}: fields we do not keep, not imported: {', '.join(skipped)}.")


def read_package(source: Path | IO[bytes], report: ImportReport) -> Package:
    """Read a tabular package (directory or ZIP) or a nested JSON file of services."""
    if isinstance(source, Path) and source.suffix.lower() == ".json":
        return _package_from_json(source.name, source.read_bytes(), report)
    if not isinstance(source, Path):
        head = source.read(1)
        source.seek(0)
        if head in (b"[", b"{"):
            return _package_from_json(JSON_FILE, source.read(), report)
    files = _files_of(source)
    roots = sorted(
        (name[: -len("datapackage.json")] for name in files if name.endswith("datapackage.json")),
        key=len,
    )
    roots = [r for r in roots if "translations/" not in r] or sorted(
        (name[: -len("services.csv")] for name in files if name.endswith("services.csv")), key=len
    )
    if not roots:
        if len(files) == 1 and next(iter(files)).endswith(".json"):
            name, content = next(iter(files.items()))
            return _package_from_json(name, content, report)
        raise PackageError("No datapackage.json or services.csv in the package.")
    root = roots[0]
    package = _package_from_files(files, root, report)
    for name in files:
        match = re.fullmatch(re.escape(root) + r"translations/([a-z]{2})/datapackage\.json", name)
        if match:
            code = match.group(1)
            if code not in LANGUAGES or code == "it":
                report.ignore(f"{name}: language “{code}” is not one of ours, not imported.")
                continue
            translated = _package_from_files(files, f"{root}translations/{code}/", report)
            translated.language = code
            package.translations[code] = translated
    return package


def _package_from_json(file: str, content: bytes, report: ImportReport) -> Package:
    try:
        data = json.loads(content)
    except (ValueError, RecursionError) as exc:  # RecursionError: "[[[[…" nested too deep
        reason = str(exc) if isinstance(exc, ValueError) else "nested too deep"
        raise PackageError(f"{file} is not valid JSON ({reason}).") from None
    if isinstance(data, dict):
        data = data.get("contents", [data])
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise PackageError(f"{file}: expected a list of HSDS services.")
    tables: dict[str, dict[str, Row]] = defaultdict(dict)

    def items(parent: dict, key: str, where: str) -> list[tuple[str, dict]]:
        """The objects listed under `key`, with where each is; another type is an error."""
        value = parent.get(key)
        if value in (None, "", []):
            return []
        if not isinstance(value, list):
            report.error(file, f"{where}.{key}", "should be a list of objects.")
            return []
        found = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                found.append((f"{where}.{key}[{i}]", item))
            else:
                report.error(file, f"{where}.{key}[{i}]", "should be an object.")
        return found

    def one(parent: dict, key: str, where: str) -> dict | None:
        value = parent.get(key)
        if value in (None, "", {}):
            return None
        if not isinstance(value, dict):
            report.error(file, f"{where}.{key}", "should be an object.")
            return None
        return value

    def add(table: str, where: str, values: dict, **parents) -> None:
        flat = {k: _json_scalar(v) for k, v in values.items() if not isinstance(v, (list, dict))}
        for key, value in parents.items():
            if not flat.get(key) or key in ("link_id", "link_entity"):
                flat[key] = str(value or "")
        key = flat.get("id") or where
        if key in tables[table]:
            # The same object nested in several places (a phone of the service and of its
            # location): one row with the links of both.
            first = tables[table][key].values
            for name, value in flat.items():
                if value and not first.get(name):
                    first[name] = value
            return
        tables[table][key] = Row(file, where, flat)

    def add_location(location: dict, where: str) -> None:
        add("location", where, location)
        location_id = _json_scalar(location.get("id"))
        for key, table in (
            ("addresses", "address"),
            ("accessibility", "accessibility"),
            ("phones", "phone"),
            ("schedules", "schedule"),
        ):
            for item_where, item in items(location, key, where):
                add(table, item_where, item, location_id=location_id)

    for n, service in enumerate(data):
        where = f"[{n}]"
        sid = _json_scalar(service.get("id"))
        organization = one(service, "organization", where)
        if organization is not None:
            add("organization", f"{where}.organization", organization)
            service = {
                **service,
                "organization_id": service.get("organization_id") or organization.get("id", ""),
            }
        add("service", where, service)
        for key, table in (
            ("phones", "phone"),
            ("schedules", "schedule"),
            ("service_areas", "service_area"),
            ("languages", "language"),
            ("cost_options", "cost_option"),
            ("required_documents", "required_document"),
            ("contacts", "contact"),
            ("funding", "funding"),
        ):
            for item_where, item in items(service, key, where):
                add(table, item_where, item, service_id=sid)
        for attribute_where, attribute in items(service, "attributes", where):
            term = one(attribute, "taxonomy_term", attribute_where)
            add(
                "attribute",
                attribute_where,
                attribute,
                link_id=sid,
                link_entity="service",
                taxonomy_term_id=_json_scalar(term.get("id")) if term else "",
            )
            if term is not None:
                term_where = f"{attribute_where}.taxonomy_term"
                add("taxonomy_term", term_where, term)
                detail = one(term, "taxonomy_detail", term_where)
                if detail is not None:
                    add("taxonomy", f"{term_where}.taxonomy_detail", detail)
        for sal_where, sal in items(service, "service_at_locations", where):
            location = one(sal, "location", sal_where)
            add(
                "service_at_location",
                sal_where,
                sal,
                service_id=sid,
                location_id=_json_scalar(location.get("id")) if location else "",
            )
            if location is not None:
                add_location(location, f"{sal_where}.location")
            for schedule_where, schedule in items(sal, "schedules", sal_where):
                add(
                    "schedule",
                    schedule_where,
                    schedule,
                    service_at_location_id=_json_scalar(sal.get("id")),
                )
        if service.get("program"):
            report.ignore(f"{file}: we do not keep program data; not imported.")
    package = Package()
    for table, rows in tables.items():
        if table not in RESOURCES:
            continue
        package.tables[table] = list(rows.values())
        package.files[table] = file
        header = sorted({k for row in rows.values() for k in row.values})
        _check_header_json(table, file, header, list(rows.values()), report)
    return package


SHARED_OBJECTS = {"organization", "location", "taxonomy", "taxonomy_term"}


def _json_scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_header_json(table, file, header, rows, report) -> None:
    if table not in IMPORTED:
        report.ignore(f"{file}: we do not keep {table} data; not imported.")
        return
    spec = set(FIELDS[table])
    skipped = [
        name
        for name in header
        if name in spec
        and name not in IMPORTED[table]
        and name not in DERIVED.get(table, ())
        and any(row.get(name) for row in rows)
    ]
    if skipped:
        report.ignore(
            f"{file} ({table}): fields we do not keep, not imported: {', '.join(skipped)}."
        )


# --- checking values -------------------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_email = EmailValidator()


class BadValue(ValueError):
    pass


def _parse_time(raw: str) -> dt.time:
    match = _TIME.match(raw)
    if not match:
        raise BadValue(f"“{raw}” is not a time (HH:MM or HH:MM:SS).")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour == 24 and minute == 0:
        return dt.time(23, 59)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        raise BadValue(f"“{raw}” is not a time of day.") from None


def _parse(table: str, name: str, raw: str) -> Any:
    if "\x00" in raw:  # PostgreSQL keeps no NUL in text; no one means one
        raise BadValue("contains a NUL character.")
    spec = SPEC_FIELDS[table][name]
    kind, fmt = spec["type"], spec.get("format", "")
    enum = spec.get("constraints", {}).get("enum")
    if enum and raw not in enum:
        raise BadValue(f"“{raw}” is not one of {', '.join(enum)}.")
    if fmt == "uuid" or name == "id" or name.endswith("_id"):
        try:
            return uuid.UUID(raw)
        except ValueError:
            raise BadValue(f"“{raw}” is not a UUID.") from None
    if kind == "date":
        try:
            return dt.date.fromisoformat(raw[:10])
        except ValueError:
            raise BadValue(f"“{raw}” is not a date (YYYY-MM-DD).") from None
    if kind == "time":
        return _parse_time(raw)
    if kind == "datetime":
        value = parse_datetime(raw)
        if value is None:
            raise BadValue(f"“{raw}” is not a date and time.")
        return value
    if kind in ("number", "integer"):
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise BadValue(f"“{raw}” is not a number.") from None
        if not number.is_finite():
            raise BadValue(f"“{raw}” is not a number.")
        return number
    return raw


# HSDS requires these, but we keep them blank when unknown (and accept them so).
MAY_BE_EMPTY = {("organization", "description"), ("taxonomy_term", "description")}
SPEC_FIELDS = {name: {f["name"]: f for f in r["schema"]["fields"]} for name, r in RESOURCES.items()}


# Our model's rules, in the words of the HSDS fields.
CONSTRAINT_MESSAGES = {
    "schedule_closes_after_opening": "closes_at must be later than opens_at.",
    "schedule_validity_in_order": "valid_to must not be before valid_from.",
    "service_age_range_in_order": "maximum_age must not be below minimum_age.",
    "sal_unique_pair": "this service is already at this location.",
    "service_language_unique": "this language is already given for this service.",
}


def _validation_message(field_name: str, error: ValidationError) -> str:
    message = " ".join(error.messages)
    for constraint, explained in CONSTRAINT_MESSAGES.items():
        if constraint in message:  # Django names the violated constraint in its message
            return explained
    return message if field_name == "__all__" else f"{field_name}: {message}"


def _database_message(exc: Exception) -> str:
    for constraint, explained in CONSTRAINT_MESSAGES.items():
        if constraint in str(exc):  # SQLite and PostgreSQL name the violated constraint
            return explained
    return f"could not be written ({exc})."


def _batches(ids: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _rows_of(queryset: QuerySet, field: str, ids: set) -> Iterable:
    """The rows whose `field` is one of `ids`; a plain scan when there are many ids (SQLite
    limits the parameters of one query)."""
    if len(ids) > 500:
        return (row for row in queryset.iterator() if getattr(row, field) in ids)
    return queryset.filter(**{f"{field}__in": ids})


def _same(old: Any, new: Any) -> bool:
    """Equal as stored values: no text and an empty text are the same."""
    if old in (None, "") and new in (None, ""):
        return True
    return old == new


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


# --- the import ------------------------------------------------------------------------------


class _Importer:
    """One import run: check, then write everything in one transaction (or nothing)."""

    def __init__(self, package: Package, report: ImportReport, *, by, progress: Progress):
        self.package = package
        self.report = report
        self.by = by
        self.progress = progress
        self.total = max(1, package.size() * 2)  # checking, then writing (an estimate)
        self.done = 0
        self.values: dict[int, dict[str, Any]] = {}  # id(row) → typed values
        self.in_package: dict[str, set[uuid.UUID]] = defaultdict(set)
        self.known: dict[str, set[uuid.UUID]] = defaultdict(set)
        self.touched: set[uuid.UUID] = set()
        self.touched_locations: set[uuid.UUID] = set()  # their services are re-indexed
        self.sal_service: dict[uuid.UUID, uuid.UUID] = {}
        self.failed: set[uuid.UUID] = set()  # rows in error: what refers to them is skipped
        self.cache: dict[type, dict] = {}  # existing rows of the package's ids, by model
        self.categories: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        self.flags: dict[uuid.UUID, set[str]] = defaultdict(set)
        self.areas: dict[uuid.UUID, set[int]] = defaultdict(set)
        self.texts: dict[tuple[str, uuid.UUID], dict[str, str]] = defaultdict(dict)
        self.text_rows: dict[tuple[str, uuid.UUID], Row] = {}
        self.written: set[tuple[str, uuid.UUID]] = set()  # (label, id) created or updated
        self.new: set[tuple[str, uuid.UUID]] = set()  # (label, id) created

    # -- progress and rows --

    def step(self, stage: str) -> None:
        self.done += 1
        self.progress(self.done, self.total, stage)

    def rows(self, table: str) -> list[Row]:
        return self.package.rows(table)

    def typed(self, row: Row) -> dict[str, Any]:
        return self.values.get(id(row), {})

    def check(self, package: Package | None = None) -> None:
        """Types, required values and duplicate ids of every row we import."""
        package = package or self.package
        for table, rows in package.tables.items():
            if table not in IMPORTED:
                continue
            first_line: dict[uuid.UUID, Any] = {}
            for row in rows:
                self.step("checking")
                typed: dict[str, Any] = {}
                good = True
                for name in IMPORTED[table]:
                    if name not in SPEC_FIELDS[table]:
                        continue
                    raw = row.get(name)
                    required = SPEC_FIELDS[table][name].get("constraints", {}).get("required")
                    if raw == "":
                        typed[name] = None
                        if (required and (table, name) not in MAY_BE_EMPTY) or name == "id":
                            self.report.error(row.file, row.line, f"{name} is required.")
                            good = False
                        continue
                    try:
                        typed[name] = _parse(table, name, raw)
                    except BadValue as exc:
                        self.report.error(row.file, row.line, f"{name}: {exc}")
                        good = False
                row_id = typed.get("id")
                if isinstance(row_id, uuid.UUID):
                    if row_id in first_line and package is self.package:
                        self.report.error(
                            row.file,
                            row.line,
                            f"the id {row_id} is already used at line {first_line[row_id]}.",
                        )
                        good = False
                    first_line.setdefault(row_id, row.line)
                    if package is self.package:
                        self.in_package[table].add(row_id)
                if good:
                    self.values[id(row)] = typed
                elif isinstance(row_id, uuid.UUID):
                    self.failed.add(row_id)

    def look_up_references(self) -> None:
        """Which referenced ids exist in the directory (those not in the package)."""
        wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
        for table, rows in self.package.tables.items():
            for row in rows:
                for name, value in self.typed(row).items():
                    if name.endswith("_id") and isinstance(value, uuid.UUID):
                        wanted[name[:-3]].add(value)
                if table == "attribute" and isinstance(self.typed(row).get("link_id"), uuid.UUID):
                    wanted["service"].add(self.typed(row)["link_id"])
        models_of = {
            "organization": Organization,
            "service": Service,
            "location": Location,
            "service_at_location": ServiceAtLocation,
        }
        for table, model in models_of.items():
            ids = wanted.get(table, set()) - self.in_package[table]
            for batch in _batches(sorted(ids, key=str)):
                self.known[table] |= set(
                    model.objects.filter(pk__in=batch).values_list("pk", flat=True)
                )
        for batch in _batches(sorted(self.known["service_at_location"], key=str)):
            for sal_id, service_id in ServiceAtLocation.objects.filter(pk__in=batch).values_list(
                "pk", "service_id"
            ):
                self.sal_service[sal_id] = service_id

    def exists(self, table: str, value: uuid.UUID | None) -> bool:
        return value is not None and (value in self.in_package[table] or value in self.known[table])

    def reference(self, row: Row, name: str, table: str, *, required: bool) -> uuid.UUID | None:
        value = self.typed(row).get(name)
        if value in self.failed:
            return None  # its own error is reported; nothing more to say here
        if value is None:
            if required:
                self.report.error(row.file, row.line, f"{name} is required.")
            return None
        if self.exists(table, value):
            return value
        message = f"{name} {value} is neither in the package nor in the directory"
        if required:
            self.report.error(row.file, row.line, message + ".")
        else:
            self.report.warn(row.file, row.line, message + ": link left out.")
        return None

    # -- writing one object --

    def existing(self, model: type[models.Model], table: str, pk: uuid.UUID):
        """The row with this id, if any: the package's ids of a table are fetched at once."""
        if model not in self.cache:
            self.cache[model] = model.objects.in_bulk(list(self.in_package[table]))
        if pk in self.cache[model]:
            return self.cache[model][pk]
        if pk in self.in_package[table]:
            return None
        return model.objects.filter(pk=pk).first()

    def save(
        self,
        table: str,
        row: Row,
        model: type[models.Model],
        pk: uuid.UUID,
        values: dict[str, Any],
        *,
        existing: models.Model | None = None,
        label: str = "",
    ) -> models.Model | None:
        label = label or table
        obj = existing if existing is not None else self.existing(model, table, pk)
        created = obj is None
        if created:
            obj = model(pk=pk)
        changed = [name for name, value in values.items() if not _same(getattr(obj, name), value)]
        if not created and not changed:
            self.report.unchanged[label] += 1
            return obj
        for name, value in values.items():
            setattr(obj, name, value)
        foreign = [f.name for f in model._meta.fields if f.is_relation]
        try:
            # The database checks the constraints (below): one query less per row.
            obj.full_clean(exclude=foreign, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for name, errors in exc.error_dict.items():
                for error in errors:
                    self.report.error(row.file, row.line, _validation_message(name, error))
            self.failed.add(pk)
            return None
        try:
            with transaction.atomic():
                if created:
                    obj.save(force_insert=True)
                else:
                    fields = [model._meta.get_field(name).attname for name in changed]
                    # modeltranslation keeps the untranslated column equal to the Italian one.
                    fields += [name[:-3] for name in changed if name.endswith("_it")]
                    auto = [f.name for f in model._meta.fields if getattr(f, "auto_now", False)]
                    obj.save(update_fields=[*fields, *auto])
        except (IntegrityError, DatabaseError) as exc:
            self.report.error(row.file, row.line, _database_message(exc))
            self.failed.add(pk)
            return None
        (self.report.created if created else self.report.updated)[label].append(str(pk))
        self.written.add((label, pk))
        if created:
            self.new.add((label, pk))
        return obj

    # -- tables --

    def organizations(self) -> None:
        for row in self.rows("organization"):
            self.step("writing")
            v = self.typed(row)
            if not v:
                continue
            values = {
                "name": v["name"],
                "alternate_name": v.get("alternate_name") or "",
                # Our export repeats the name when there is no description (HSDS requires one).
                "description_it": ""
                if v.get("description") == v["name"]
                else v["description"] or "",
                "email": v.get("email") or "",
                "website": v.get("website") or "",
                "legal_status": v.get("legal_status") or "",
            }
            values.update(self.translated("organization", v["id"], values))
            self.save("organization", row, Organization, v["id"], values)

    def locations(self) -> None:
        addresses: dict[uuid.UUID, Row] = {}
        for row in self.rows("address"):
            v = self.typed(row)
            location_id = (
                self.reference(row, "location_id", "location", required=True) if v else None
            )
            if location_id is None:
                continue
            if location_id in addresses:
                kept = addresses[location_id]
                if (
                    v.get("address_type") == "physical"
                    and self.typed(kept).get("address_type") != "physical"
                ):
                    addresses[location_id] = row
                    kept = row
                self.report.warn(row.file, row.line, "only one address per location is kept.")
                continue
            addresses[location_id] = row
        accessibility: dict[uuid.UUID, list[str]] = defaultdict(list)
        for row in self.rows("accessibility"):
            v = self.typed(row)
            location_id = (
                self.reference(row, "location_id", "location", required=True) if v else None
            )
            if location_id is not None and v.get("description"):
                accessibility[location_id].append(v["description"])
        municipalities = {_fold(m.name): m for m in Municipality.objects.all()}
        for row in self.rows("location"):
            self.step("writing")
            v = self.typed(row)
            if not v:
                continue
            values: dict[str, Any] = {
                "location_type": v["location_type"],
                "url": v.get("url") or "",
                "organization_id": self.reference(
                    row, "organization_id", "organization", required=False
                ),
                "name": v.get("name") or "",
                "description": v.get("description") or "",
                "transportation": v.get("transportation") or "",
                "accessibility": "\n".join(accessibility.get(v["id"], [])),
            }
            lat, lng = v.get("latitude"), v.get("longitude")
            if lat is not None and lng is not None:
                if ITALY_LAT[0] <= lat <= ITALY_LAT[1] and ITALY_LNG[0] <= lng <= ITALY_LNG[1]:
                    values["latitude"] = lat.quantize(Decimal("0.00001"))
                    values["longitude"] = lng.quantize(Decimal("0.00001"))
                else:
                    self.report.warn(
                        row.file, row.line, f"coordinates {lat}, {lng} are not in Italy: left out."
                    )
            address = addresses.get(v["id"])
            if address is not None:
                values.update(self._address(address, municipalities))
            if not values["name"]:
                values["name"] = values.get("address_1") or values.get("city") or "—"
            if self.save("location", row, Location, v["id"], values):
                self.touched_locations.add(v["id"])

    def _address(self, row: Row, municipalities: dict[str, Municipality]) -> dict[str, Any]:
        v = self.typed(row)
        values: dict[str, Any] = {
            "address_1": (v.get("address_1") or "")[:200],
            "city": (v.get("city") or "")[:100],
        }
        checks = {
            "postal_code": (r"^\d{5}$", "an Italian postal code has five digits"),
            "state_province": (r"^[A-Z]{2}$", "a province is a two-letter code such as AL"),
            "country": (r"^[A-Z]{2}$", "a country is a two-letter ISO code"),
        }
        for name, (pattern, why) in checks.items():
            value = (v.get(name) or "").strip()
            if name == "country":
                value = value.upper()
            if value and not re.match(pattern, value):
                self.report.warn(row.file, row.line, f"{name} “{value}” left out: {why}.")
                value = ""
            values[name] = value or ("IT" if name == "country" else "")
        values["municipality"] = municipalities.get(_fold(values["city"]))
        return values

    def services(self) -> None:
        for row in self.rows("service"):
            self.step("writing")
            v = self.typed(row)
            organization_id = (
                self.reference(row, "organization_id", "organization", required=True) if v else None
            )
            if not v or organization_id is None:
                if v:
                    self.failed.add(v["id"])
                continue
            ages = {}
            for name in ("minimum_age", "maximum_age"):
                age = v.get(name)
                if age is not None and age != age.to_integral_value():
                    self.report.error(row.file, row.line, f"{name}: “{age}” is not a whole number.")
                    self.failed.add(v["id"])
                ages[name] = int(age) if age is not None else None
            values = {
                "organization_id": organization_id,
                "name_it": v["name"],
                "alternate_name": v.get("alternate_name") or "",
                "description_it": v.get("description") or "",
                "url": v.get("url") or "",
                "email": v.get("email") or "",
                "status": v["status"],
                "interpretation_services": v.get("interpretation_services") or "",
                "application_process_it": v.get("application_process") or "",
                "fees_description_it": v.get("fees_description") or "",
                "eligibility_description_it": v.get("eligibility_description") or "",
                "alert_it": v.get("alert") or "",
                "assured_date": v.get("assured_date"),
                **ages,
            }
            if "attribute" in self.package.tables:
                for prop in hsds.PROPERTY_TERMS:
                    values[prop.field] = prop.field in self.flags[v["id"]]
            values.update(self.translated("service", v["id"], values))
            service = self.save("service", row, Service, v["id"], values)
            if service is None:
                self.failed.add(v["id"])
                continue
            self._touch("service", service.pk, service.pk)
            self.apply_links(service, ("service", service.pk) in self.new)

    def service_at_locations(self) -> None:
        services = self.in_package["service"] | self.known["service"]
        pairs = {
            (sal.service_id, sal.location_id): sal
            for sal in _rows_of(ServiceAtLocation.objects.all(), "service_id", services)
        }
        for row in self.rows("service_at_location"):
            self.step("writing")
            v = self.typed(row)
            if not v:
                continue
            service_id = self.reference(row, "service_id", "service", required=True)
            location_id = self.reference(row, "location_id", "location", required=True)
            if service_id is None or location_id is None:
                continue
            self.sal_service[v["id"]] = service_id
            existing = pairs.get((service_id, location_id))
            if existing is not None and existing.pk == v["id"]:
                existing = None  # the same row: found by its id
            if existing is not None:
                self.report.warn(
                    row.file,
                    row.line,
                    f"this service is already at this location (id {existing.pk}): that one is "
                    "updated.",
                )
            values = {
                "service_id": service_id,
                "location_id": location_id,
                "description": v.get("description") or "",
            }
            if self.save(
                "service_at_location", row, ServiceAtLocation, v["id"], values, existing=existing
            ):
                self._touch("service_at_location", v["id"], service_id)

    def _touch(self, table: str, pk: uuid.UUID, service_id: uuid.UUID | None) -> None:
        if service_id is None:
            return
        if (table, pk) in self.written:
            self.touched.add(service_id)

    def left_out(self, row: Row, message: str) -> None:
        """Warn about a row left out, unless it refers to a row in error (reported already)."""
        if not any(value in self.failed for value in self.typed(row).values()):
            self.report.warn(row.file, row.line, message)

    def _owner(self, row: Row, *names: str) -> dict[str, uuid.UUID | None]:
        tables = {
            "service_id": "service",
            "location_id": "location",
            "organization_id": "organization",
            "service_at_location_id": "service_at_location",
        }
        return {name: self.reference(row, name, tables[name], required=False) for name in names}

    def phones(self) -> None:
        types = {choice for choice, _label in Phone.Type.choices}
        for row in self.rows("phone"):
            self.step("writing")
            v = self.typed(row)
            if not v:
                continue
            owner = self._owner(
                row, "service_id", "location_id", "organization_id", "service_at_location_id"
            )
            sal = owner.pop("service_at_location_id")
            if not any(owner.values()) and sal is not None:
                owner["service_id"] = self.sal_service.get(sal)
            if not any(owner.values()):
                self.left_out(row, "no service, location or organization of ours: left out.")
                continue
            number = (v.get("number") or "").strip().strip("\"'").replace("(", "").replace(")", "")
            phone_type = (v.get("type") or "voice").lower()
            if phone_type not in types:
                self.report.warn(row.file, row.line, f"type “{phone_type}” unknown: voice.")
                phone_type = "voice"
            extension = v.get("extension")
            values = {
                **owner,
                "number": number.strip(),
                "extension": "" if extension is None else str(extension.normalize()),
                "type": phone_type,
                "description": (v.get("description") or "")[:200],
            }
            if len(v.get("description") or "") > 200:
                self.report.warn(row.file, row.line, "description shortened to 200 characters.")
            if self.save("phone", row, Phone, v["id"], values):
                self._touch("phone", v["id"], owner.get("service_id"))

    def schedules(self) -> None:
        for row in self.rows("schedule"):
            self.step("writing")
            v = self.typed(row)
            if not v:
                continue
            owner = self._owner(row, "service_id", "location_id", "service_at_location_id")
            if not any(owner.values()):
                self.left_out(row, "no service or location of ours: left out.")
                continue
            days = [d.strip().upper() for d in (v.get("byday") or "").split(",") if d.strip()]
            interval = v.get("interval")
            if (
                (v.get("freq") or "WEEKLY") != "WEEKLY"
                or not days
                or any(d not in hsds.WEEKDAYS for d in days)
                or (interval is not None and interval != 1)
                or v.get("opens_at") is None
                or v.get("closes_at") is None
            ):
                self.report.warn(
                    row.file,
                    row.line,
                    "only weekly opening hours (freq WEEKLY, byday, opens_at, closes_at) are "
                    "kept: left out.",
                )
                continue
            service_id = owner.get("service_id") or self.sal_service.get(
                owner.get("service_at_location_id")
            )
            for n, day in enumerate(days):
                pk = v["id"] if n == 0 else hsds.derived_id(v["id"], f"byday:{day}")
                values = {
                    **owner,
                    "weekday": hsds.WEEKDAYS.index(day) + 1,
                    "opens_at": v["opens_at"],
                    "closes_at": v["closes_at"],
                    "valid_from": v.get("valid_from"),
                    "valid_to": v.get("valid_to"),
                    "notes": (v.get("notes") or "")[:200],
                }
                if self.save("schedule", row, Schedule, pk, values):
                    self._touch("schedule", pk, service_id)
                    if service_id is None and owner.get("location_id"):
                        self.touched_locations.add(owner["location_id"])

    def languages(self) -> None:
        services = self.in_package["service"] | self.known["service"]
        spoken = {
            (lang.service_id, lang.code): lang
            for lang in _rows_of(ServiceLanguage.objects.all(), "service_id", services)
        }
        seen: set[tuple[uuid.UUID, str]] = set()
        for row in self.rows("language"):
            self.step("writing")
            v = self.typed(row)
            if not v:
                continue
            if v.get("service_id") is None:
                self.report.warn(row.file, row.line, "languages are kept for services only.")
                continue
            service_id = self.reference(row, "service_id", "service", required=True)
            code = (v.get("code") or "").split("-")[0].strip().lower()
            if service_id is None:
                continue
            if not code or len(code) > 3:
                self.report.warn(row.file, row.line, f"language code “{code}” left out.")
                continue
            if (service_id, code) in seen:
                self.report.warn(row.file, row.line, f"language “{code}” given twice: once kept.")
                continue
            seen.add((service_id, code))
            existing = spoken.get((service_id, code))
            if existing is not None and existing.pk == v["id"]:
                existing = None  # the same row: found by its id
            values = {
                "service_id": service_id,
                "code": code,
                "name": (v.get("name") or SPOKEN_LANGUAGES.get(code, code))[:60],
                "note": (v.get("note") or "")[:200],
            }
            if self.save("language", row, ServiceLanguage, v["id"], values, existing=existing):
                self._touch("language", v["id"], service_id)

    def simple_children(self) -> None:
        """Cost options, required documents and contacts."""
        for row in self.rows("cost_option"):
            self.step("writing")
            v = self.typed(row)
            service_id = self.reference(row, "service_id", "service", required=True) if v else None
            if service_id is None:
                continue
            values = {
                "service_id": service_id,
                "option": (v.get("option") or v.get("amount_description") or "—")[:200],
                "amount": v.get("amount"),
                "currency": (v.get("currency") or "EUR").upper(),
                "amount_description": v.get("amount_description") or "",
                "valid_from": v.get("valid_from"),
                "valid_to": v.get("valid_to"),
            }
            if self.save("cost_option", row, CostOption, v["id"], values):
                self._touch("cost_option", v["id"], service_id)
        for row in self.rows("required_document"):
            self.step("writing")
            v = self.typed(row)
            service_id = self.reference(row, "service_id", "service", required=True) if v else None
            if service_id is None:
                continue
            if not v.get("document"):
                self.report.warn(row.file, row.line, "no document named: left out.")
                continue
            values = {
                "service_id": service_id,
                "document_it": v["document"],
                "uri": v.get("uri") or "",
            }
            values.update(self.translated("required_document", v["id"], values))
            if self.save("required_document", row, RequiredDocument, v["id"], values):
                self._touch("required_document", v["id"], service_id)
        for row in self.rows("contact"):
            self.step("writing")
            v = self.typed(row)
            if not v:
                continue
            owner = self._owner(row, "service_id", "organization_id")
            if not any(owner.values()):
                self.left_out(row, "no service or organization of ours: left out.")
                continue
            values = {
                **owner,
                "name": v.get("name") or "",
                "title": v.get("title") or "",
                "department": v.get("department") or "",
                "email": v.get("email") or "",
            }
            if self.save("contact", row, Contact, v["id"], values):
                self._touch("contact", v["id"], owner.get("service_id"))

    def _terms(self) -> dict[uuid.UUID, TaxonomyTerm | hsds.PropertyTerm]:
        """HSDS term id → our category or property term (by id, or by code in our taxonomy)."""
        ours = {t.id: t for t in TaxonomyTerm.objects.all()}
        by_code: dict[str, TaxonomyTerm | hsds.PropertyTerm] = {t.code: t for t in ours.values()}
        for prop in hsds.PROPERTY_TERMS:
            ours[prop.id] = prop
            by_code[prop.code] = prop
        taxonomy_ids = {hsds.CATEGORIES.id, hsds.PROPERTIES.id, None}
        mapping: dict[uuid.UUID, TaxonomyTerm | hsds.PropertyTerm] = dict(ours)
        for row in self.rows("taxonomy_term"):
            v = self.typed(row)
            if not v or v["id"] in ours:
                continue
            term = by_code.get(v.get("code") or "")
            if term is not None and v.get("taxonomy_id") in taxonomy_ids:
                mapping[v["id"]] = term
            else:
                self.report.warn(
                    row.file,
                    row.line,
                    f"the term “{v.get('name')}” is not in our taxonomy: services are not "
                    "classified by it.",
                )
        return mapping

    def attributes(self) -> None:
        """Categories and yes/no properties of the services, applied as each is written."""
        if "attribute" not in self.package.tables:
            return
        terms = self._terms()
        for row in self.rows("attribute"):
            self.step("checking")
            v = self.typed(row)
            if not v:
                continue
            entity = (v.get("link_entity") or "service").lower()
            if entity != "service":
                self.report.ignore(
                    f"{row.file}: attributes with link_entity “{entity}” (only “service” is "
                    "kept), not imported."
                )
                continue
            link = v.get("link_id")
            if link is None or not self.exists("service", link):
                self.report.warn(
                    row.file, row.line, f"link_id {link} is not a service we know: left out."
                )
                continue
            term = terms.get(v.get("taxonomy_term_id"))
            if term is None:
                self.report.warn(
                    row.file,
                    row.line,
                    f"taxonomy_term_id {v.get('taxonomy_term_id')} is not one of our terms: "
                    "left out.",
                )
                continue
            if isinstance(term, hsds.PropertyTerm):
                if (v.get("value") or "true").lower() not in ("false", "0", "no"):
                    self.flags[link].add(term.field)
            else:
                self.categories[link].add(term.id)

    def service_areas(self) -> None:
        """Municipalities covered by the services, applied as each is written."""
        if "service_area" not in self.package.tables:
            return
        municipalities = {}
        for m in Municipality.objects.all():
            municipalities[_fold(m.name)] = m
            municipalities[m.slug] = m
        for row in self.rows("service_area"):
            self.step("checking")
            v = self.typed(row)
            service_id = self.reference(row, "service_id", "service", required=True) if v else None
            if service_id is None:
                continue
            name = _fold(
                re.sub(r"^(comune di|municipality of)\s+", "", v.get("name") or "", flags=re.I)
            )
            municipality = municipalities.get(name)
            if municipality is None:
                self.report.warn(
                    row.file,
                    row.line,
                    f"“{(v.get('name') or '')[:60]}” is not one of our municipalities: left out.",
                )
                continue
            self.areas[service_id].add(municipality.pk)

    def apply_links(self, service: Service, created: bool) -> None:
        """Categories, properties and areas of a service from the package (when it has them)."""
        wanted: dict[str, tuple[Any, set]] = {}
        if "attribute" in self.package.tables:
            wanted["categories"] = (service.categories, self.categories[service.pk])
        if "service_area" in self.package.tables:
            wanted["service_areas"] = (service.service_areas, self.areas[service.pk])
        for manager, ids in wanted.values():
            if created:
                if ids:
                    manager.add(*ids)
                    self.touched.add(service.pk)
            elif set(manager.values_list("pk", flat=True)) != ids:
                manager.set(ids)
                self.touched.add(service.pk)

    def languages_declared(self) -> None:
        """The root package is read as Italian, whatever its tables say they are in."""
        for row in self.rows("meta_table_description"):
            language = (self.typed(row).get("language") or "").lower()
            if language not in ("", "it", "ita"):
                self.report.warn(
                    row.file,
                    row.line,
                    f"the table “{row.get('name')}” says it is in “{language}”: its texts are "
                    "imported as the Italian (canonical) text.",
                )

    def prepare_translations(self) -> None:
        """Texts of the translation packages, by object: merged into the rows written."""
        for language, package in self.package.translations.items():
            self.check(package)
            for table, fields in TRANSLATED.items():
                for row in package.rows(table):
                    v = self.typed(row)
                    if v:
                        for name in fields:
                            self.texts[(table, v["id"])][f"{name}_{language}"] = row.get(name)
                        self.text_rows[(table, v["id"])] = row

    def translated(self, table: str, pk: uuid.UUID, italian: dict[str, Any]) -> dict[str, Any]:
        """{name_ar: text, …} for one object; a text equal to the Italian one is no translation
        (our export repeats the Italian text where a translation is missing)."""
        texts = self.texts.pop((table, pk), {})
        return {
            key: None if text in ("", italian.get(f"{key[:-3]}_it") or "") else text
            for key, text in texts.items()
        }

    def translations(self) -> None:
        """Translations of objects already in the directory whose Italian rows are not in the
        package."""
        models_of = {
            "organization": Organization,
            "service": Service,
            "required_document": RequiredDocument,
        }
        for table, pk in list(self.texts):
            self.step("writing")
            row = self.text_rows[(table, pk)]
            obj = models_of[table].objects.filter(pk=pk).first()
            if pk in self.failed:
                continue
            if obj is None:
                self.report.warn(row.file, row.line, f"{pk} is not in the directory: left out.")
                continue
            italian = {f"{name}_it": getattr(obj, f"{name}_it") for name in TRANSLATED[table]}
            values = self.translated(table, pk, italian)
            label = f"{table} (translations)"
            if self.save(table, row, models_of[table], pk, values, existing=obj, label=label):
                service_id = pk if table == "service" else getattr(obj, "service_id", None)
                self._touch(label, pk, service_id)

    def finish(self) -> None:
        """History and search index of every service the import created or changed."""
        from sportello.directory.search import search_index_update_many
        from sportello.directory.services import version_record

        touched = sorted(self.touched, key=str)
        changed = [pk for pk in touched if ("service", pk) not in self.new]
        now = timezone.now()
        for batch in _batches(changed):
            Service.objects.filter(pk__in=batch).update(
                version=models.F("version") + 1, last_modified=now
            )
        for batch in _batches(touched):
            for service in Service.objects.filter(pk__in=batch).select_related("organization"):
                self.step("history")
                version_record(service=service, by=self.by, summary="Imported from an HSDS package")
        # The index also holds what a service shows of its locations (towns, hours).
        at_locations = ServiceAtLocation.objects.filter(location_id__in=self.touched_locations)
        located = set(at_locations.values_list("service_id", flat=True)) - self.touched
        search_index_update_many([*touched, *sorted(located, key=str)])
        self.report.services = len(touched)

    def run(self, *, dry_run: bool) -> None:
        # Rows with errors are left out and the others written anyway (then rolled back), so
        # that one run reports every problem of the package.
        self.check()
        self.look_up_references()
        connection = connections["default"]
        try:
            with transaction.atomic():
                self.languages_declared()
                self.prepare_translations()
                self.attributes()
                self.service_areas()
                self.organizations()
                self.locations()
                self.services()
                self.service_at_locations()
                self.phones()
                self.schedules()
                self.languages()
                self.simple_children()
                self.translations()
                if not self.report.errors:
                    self.finish()
                    connection.check_constraints()
                if self.report.errors or dry_run:
                    transaction.set_rollback(True)
        except (IntegrityError, DatabaseError) as exc:
            self.report.error("", None, f"the database refused the import ({exc}).")
        self.report.applied = not dry_run and not self.report.errors
        self.progress(self.total, self.total, "done")


def import_package(
    source: Path | IO[bytes],
    *,
    dry_run: bool,
    by: User | None = None,
    progress: Progress = _no_progress,
) -> ImportReport:
    """Import an HSDS package (directory, ZIP or nested JSON): all of it, or nothing."""
    report = ImportReport(dry_run=dry_run)
    try:
        package = read_package(source, report)
    except PackageError as exc:
        report.error(getattr(source, "name", "") or "package", None, str(exc))
        return report
    if not any(package.tables.get(t) for t in IMPORTED):
        report.error("package", None, "no HSDS table we can import was found.")
        return report
    _Importer(package, report, by=by, progress=progress).run(dry_run=dry_run)
    if report.applied:
        audit(
            user=by,
            action=AuditEvent.Action.UPDATE,
            object_type="directory.hsds_package",
            detail=f"HSDS import: {report.summary()}",
        )
    return report
