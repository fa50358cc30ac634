"""The indicator pages: the dashboard (/app/indicators/), its CSV/XLSX exports, the coordinator's
record-level extract, the evaluation report (PDF) and the public open indicators.

Who sees what (docs/indicators.md): the coordinator sees exact numbers, marked "not for
publication"; operators and municipal officers see the suppressed figures only; trainers and
partner staff have no indicator pages. The report and the public page are always suppressed.
"""

from __future__ import annotations

import time

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sportello.accounts.access import public, recent_auth, roles
from sportello.accounts.models import AuditEvent, Role
from sportello.accounts.services import audit
from sportello.indicators import exports, selectors
from sportello.indicators.forms import (
    ExactFilterForm,
    FixedFilterForm,
    fixed_periods,
    project_period,
)
from sportello.indicators.report import REPORT_LANGUAGES, evaluation_report
from sportello.indicators.tables import Report, build_report

VIEWERS = (Role.COORDINATOR, Role.OPERATOR, Role.MUNICIPAL_OFFICER)


def _fixed_form(request: HttpRequest, project, *, municipality: bool = True) -> FixedFilterForm:
    busy = selectors.busy_years(project.end_date) if project else set()
    return FixedFilterForm(
        request.GET or None,
        choices=fixed_periods(project, busy_years=busy),
        municipality=municipality,
    )


def _report(request: HttpRequest) -> tuple[Report, ExactFilterForm | FixedFilterForm]:
    project = selectors.current_project()
    if request.user.role == Role.COORDINATOR:
        form = ExactFilterForm(request.GET or None, default=project_period(project))
        municipality = form.cleaned_data.get("municipality") if form.is_valid() else None
        report = build_report(form.period(), municipality=municipality, exact=True, project=project)
        return report, form
    fixed = _fixed_form(request, project)
    municipality = fixed.cleaned_data.get("municipality") if fixed.is_valid() else None
    report = build_report(
        fixed.period(),
        municipality=municipality,
        exact=False,
        family=fixed.family(),
        project=project,
    )
    return report, fixed


def _describe(report: Report, fmt: str) -> str:
    return (
        f"{fmt} {report.period.start:%Y-%m-%d}..{report.period.end:%Y-%m-%d} "
        f"{report.municipality.slug if report.municipality else 'all'} "
        f"{'exact' if report.exact else 'suppressed'}"
    )


@roles(*VIEWERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    started = time.perf_counter()
    report, form = _report(request)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "report": report,
            "form": form,
            "query": request.GET.urlencode(),
            "seconds": time.perf_counter() - started,
            "targets": [h for h in report.headlines if h.indicator.target],
            "others": [h for h in report.headlines if not h.indicator.target],
            "can_extract": request.user.role == Role.COORDINATOR,
        },
    )


@roles(*VIEWERS)
@recent_auth
def export_xlsx(request: HttpRequest) -> HttpResponse:
    report, _form = _report(request)
    audit(
        user=request.user,
        action=AuditEvent.Action.EXPORT,
        object_type="indicators",
        object_code="tables",
        detail=_describe(report, "xlsx"),
    )
    response = HttpResponse(
        exports.report_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="indicatori.xlsx"'
    return response


@roles(*VIEWERS)
@recent_auth
def export_csv(request: HttpRequest, table: str) -> HttpResponse:
    report, _form = _report(request)
    found = next((t for t in exports.all_tables(report) if t.code == table), None)
    if found is None:
        raise Http404
    audit(
        user=request.user,
        action=AuditEvent.Action.EXPORT,
        object_type="indicators",
        object_code=table,
        detail=_describe(report, "csv"),
    )
    response = HttpResponse(exports.table_csv(report, found), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{table}.csv"'
    return response


@roles(Role.COORDINATOR)
@recent_auth
def extract(request: HttpRequest) -> HttpResponse:
    """The anonymised record-level extract, for external analysis."""
    form = ExactFilterForm(request.GET or None, default=project_period(selectors.current_project()))
    period = form.period()
    audit(
        user=request.user,
        action=AuditEvent.Action.EXPORT,
        object_type="indicators",
        object_code="extract",
        detail=f"records {period.start:%Y-%m-%d}..{period.end:%Y-%m-%d}",
    )
    response = HttpResponse(exports.record_extract(period), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="estratto-anonimo.csv"'
    return response


@roles(*VIEWERS)
@never_cache
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The evaluation report, suppressed, for one of the fixed periods; ?lang=en for English."""
    lang = request.GET.get("lang", "it")
    if lang not in REPORT_LANGUAGES:
        lang = "it"
    form = _fixed_form(request, selectors.current_project(), municipality=False)
    pdf, seconds = evaluation_report(form.period(), family=form.family(), lang=lang)
    audit(
        user=request.user,
        action=AuditEvent.Action.EXPORT,
        object_type="indicators",
        object_code="report",
        detail=f"pdf {lang} {form.period().start:%Y-%m-%d}..{form.period().end:%Y-%m-%d}",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _("evaluation-report") if lang == "en" else "rapporto-di-valutazione"
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{timezone.localdate():%Y%m%d}.pdf"'
    )
    response["Server-Timing"] = f"report;dur={seconds * 1000:.0f}"
    response["X-Build-Seconds"] = f"{seconds:.2f}"
    return response


@public
def open_indicators(request: HttpRequest) -> HttpResponse:
    """The public page: suppressed headline indicators and charts, in every public language."""
    project = selectors.current_project()
    form = _fixed_form(request, project, municipality=False)
    report = build_report(form.period(), exact=False, family=form.family(), project=project)
    shown = {"people-gender", "people-age", "people-citizenship", "needs-category", "visits-kind"}
    return render(
        request,
        "indicators/public.html",
        {
            "report": report,
            "form": form,
            "targets": [h for h in report.headlines if h.indicator.target],
            "tables": [t for t in report.tables if t.code in shown],
        },
    )
