"""The coordinator's and operators' page to import and export the directory as HSDS 3.0:
/app/directory/import/ (upload, dry run, progress, report) and /app/directory/export/."""

import io
import tempfile

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sportello.accounts.access import roles
from sportello.accounts.models import AuditEvent, Role
from sportello.accounts.services import audit
from sportello.directory import import_jobs
from sportello.directory.datapackage import export_json, export_package
from sportello.directory.datapackage_forms import ExportForm, ImportForm

EXCHANGERS = (Role.COORDINATOR, Role.OPERATOR)


@roles(*EXCHANGERS)
def import_page(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if import_jobs.job_running():
            form.add_error(None, _("Another import is running: wait until it has finished."))
        else:
            upload = form.cleaned_data["package"]
            job = import_jobs.job_create(
                by=request.user,
                filename=upload.name,
                payload=upload.read(),
                dry_run=form.cleaned_data["dry_run"],
            )
            import_jobs.job_start(job)
            return redirect("datapackage:job", job_id=job.id)
    return render(
        request,
        "directory/datapackage/import.html",
        {"form": form, "export_form": ExportForm(), "jobs": import_jobs.job_list()},
    )


def _job_or_404(job_id) -> import_jobs.ImportJob:
    job = import_jobs.job_get(job_id)
    if job is None:
        raise Http404
    return job


def _job_page(request: HttpRequest, job: import_jobs.ImportJob) -> HttpResponse:
    return render(
        request,
        "directory/datapackage/job.html",
        {"job": job, "report": job.get_report()},
    )


@roles(*EXCHANGERS)
def import_job(request: HttpRequest, job_id) -> HttpResponse:
    return _job_page(request, _job_or_404(job_id))


@roles(*EXCHANGERS)
def import_job_progress(request: HttpRequest, job_id) -> HttpResponse:
    """The progress bar alone, polled by htmx; once the job has ended the page reloads. Opened
    as a page (a bookmark, a reload), it is the whole job page."""
    job = _job_or_404(job_id)
    if request.headers.get("HX-Request") != "true":
        response = _job_page(request, job)
    else:
        response = render(request, "directory/datapackage/_progress.html", {"job": job})
        if job.finished:
            response["HX-Refresh"] = "true"
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
@roles(*EXCHANGERS)
def import_apply(request: HttpRequest, job_id) -> HttpResponse:
    job = _job_or_404(job_id)
    report = job.get_report()
    if not (job.dry_run and report and report.ok) or job.applied_as:
        messages.error(request, _("Only a dry run without errors can be imported."))
        return redirect("datapackage:job", job_id=job.id)
    if import_jobs.job_running():
        messages.error(request, _("Another import is running: wait until it has finished."))
        return redirect("datapackage:job", job_id=job.id)
    applied = import_jobs.job_apply(dry_job=job, by=request.user)
    import_jobs.job_start(applied)
    return redirect("datapackage:job", job_id=applied.id)


@roles(*EXCHANGERS)
def export_download(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.GET or None)
    choice = form.cleaned_data if form.is_valid() else {"format": "zip", "lang": "it"}
    stamp = timezone.localdate().isoformat()
    if choice["format"] == "json":
        stream = io.StringIO()
        count = export_json(stream, language=choice["lang"])
        body: io.IOBase = io.BytesIO(stream.getvalue().encode("utf-8"))
        filename = f"sportello-hsds-{stamp}-{choice['lang']}.json"
        detail = f"nested JSON ({choice['lang']}): {count} services"
    else:
        body = tempfile.SpooledTemporaryFile(max_size=8 * 2**20)  # noqa: SIM115 (FileResponse closes it)
        counts = export_package(body)
        body.seek(0)
        filename = f"sportello-hsds-{stamp}.zip"
        detail = f"tabular package: {counts.get('service', 0)} services"
    audit(
        user=request.user,
        action=AuditEvent.Action.EXPORT,
        object_type="directory.hsds_package",
        detail=detail,
    )
    return FileResponse(body, as_attachment=True, filename=filename)
