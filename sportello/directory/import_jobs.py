"""Import jobs of the staff page: an HSDS import running in a thread of the web process.

Each job is a folder VAR_DIR/hsds-imports/<id>/ holding the uploaded package and `job.json`
(state, progress, report). Any request — from any worker — can read it, so the page polls it
while the import runs; progress is written at most a few times a second. This suits one server
and a demonstration (docs/hsds.md): a restart of the web process abandons a running job, and
the command line (`sportello hsds_import`) is the tool for very large packages.
"""

import json
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from sportello.accounts.models import User
from sportello.directory.datapackage import ImportReport, import_package

KEEP_DAYS = 7
ABANDONED_AFTER = 6 * 3600  # seconds without progress: the process that ran it has gone
_lock = threading.Lock()


@dataclass
class ImportJob:
    id: str
    by: int | None
    filename: str
    dry_run: bool
    created_at: str
    state: str = "queued"  # queued → running → done | failed
    stage: str = ""
    done: int = 0
    total: int = 0
    report: dict | None = None
    error: str = ""
    finished_at: str = ""
    updated_at: float = 0.0
    applied_as: str = ""  # the job that imported this dry run's package

    @property
    def started(self):
        return timezone.localtime(datetime.fromisoformat(self.created_at))

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    def get_report(self) -> ImportReport | None:
        return ImportReport.from_dict(self.report) if self.report else None


def jobs_dir() -> Path:
    """VAR_DIR/hsds-imports (tests point HSDS_IMPORTS_DIR elsewhere)."""
    return Path(
        getattr(settings, "HSDS_IMPORTS_DIR", "") or Path(settings.VAR_DIR) / "hsds-imports"
    )


def _folder(job_id: str) -> Path:
    return jobs_dir() / str(uuid.UUID(str(job_id)))


def _package_path(job: ImportJob) -> Path:
    suffix = ".json" if job.filename.lower().endswith(".json") else ".zip"
    return _folder(job.id) / f"package{suffix}"


def job_save(job: ImportJob) -> None:
    job.updated_at = time.time()
    folder = _folder(job.id)
    temporary = folder / "job.json.tmp"
    temporary.write_text(json.dumps(asdict(job), ensure_ascii=False))
    temporary.replace(folder / "job.json")


def job_get(job_id) -> ImportJob | None:
    try:
        path = _folder(job_id) / "job.json"
    except ValueError:
        return None
    if not path.exists():
        return None
    job = ImportJob(**json.loads(path.read_text()))
    if not job.finished and time.time() - job.updated_at > ABANDONED_AFTER:
        job.state, job.error = "failed", "The import stopped (the server was restarted)."
    return job


def job_list(limit: int = 10) -> list[ImportJob]:
    if not jobs_dir().exists():
        return []
    jobs = [job_get(folder.name) for folder in jobs_dir().iterdir() if folder.is_dir()]
    jobs = [job for job in jobs if job is not None]
    return sorted(jobs, key=lambda job: job.created_at, reverse=True)[:limit]


def job_running() -> bool:
    return any(not job.finished for job in job_list(limit=50))


def jobs_prune(*, days: int = KEEP_DAYS) -> None:
    limit = time.time() - days * 86400
    for job in job_list(limit=1000):
        if job.finished and job.updated_at < limit:
            shutil.rmtree(_folder(job.id), ignore_errors=True)


def job_create(*, by: User, filename: str, payload: bytes, dry_run: bool) -> ImportJob:
    jobs_prune()
    job = ImportJob(
        id=str(uuid.uuid4()),
        by=by.pk if by is not None else None,
        filename=Path(filename).name[:200],
        dry_run=dry_run,
        created_at=timezone.now().isoformat(),
    )
    _folder(job.id).mkdir(parents=True)
    _package_path(job).write_bytes(payload)
    job_save(job)
    return job


def job_apply(*, dry_job: ImportJob, by: User) -> ImportJob:
    """A real import of the package a dry run checked."""
    job = job_create(
        by=by,
        filename=dry_job.filename,
        payload=_package_path(dry_job).read_bytes(),
        dry_run=False,
    )
    dry_job.applied_as = job.id
    job_save(dry_job)
    return job


def job_run(job_id: str) -> None:
    job = job_get(job_id)
    if job is None:
        return
    job.state = "running"
    job_save(job)
    last = {"at": 0.0}

    def progress(done: int, total: int, stage: str) -> None:
        now = time.monotonic()
        if now - last["at"] < 0.3 and done < total:
            return
        last["at"] = now
        job.done, job.total, job.stage = done, total, stage
        job_save(job)

    try:
        user = User.objects.filter(pk=job.by).first() if job.by else None
        report = import_package(_package_path(job), dry_run=job.dry_run, by=user, progress=progress)
        job.report = report.to_dict()
        job.state = "done"
    except Exception as exc:  # the job must end, whatever happened; the page shows it
        job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"[:500]
        raise
    finally:
        job.finished_at = timezone.now().isoformat()
        job_save(job)


def run_in_background(work: Callable[[], None]) -> None:
    """Run `work` in a daemon thread with its own database connection."""

    def target() -> None:
        try:
            work()
        finally:
            connections.close_all()

    threading.Thread(target=target, daemon=True, name="hsds-import").start()


def job_start(job: ImportJob) -> None:
    with _lock:
        run_in_background(lambda: job_run(job.id))
