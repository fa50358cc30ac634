"""Reads of the coordination group: members, meetings, decisions, and the headline figures a
meeting can embed (the dashboard's, suppressed, as a municipal officer sees them)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sportello.coordination.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    Meeting,
    Member,
)
from sportello.indicators.forms import fixed_periods
from sportello.indicators.registry import BY_CODE, NotAvailable
from sportello.indicators.selectors import busy_years, current_project
from sportello.indicators.tables import build_report


def members() -> QuerySet[Member]:
    """The coordinator's seat first, then the municipalities by name."""
    return Member.objects.select_related("municipality", "user", "substitute").order_by(
        "municipality__name"
    )


def member_list() -> list[Member]:
    seats = list(members())
    return [m for m in seats if m.municipality_id is None] + [
        m for m in seats if m.municipality_id is not None
    ]


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("place__municipality").annotate(
        open_decisions=Count("decisions", filter=Q(decisions__status=Decision.Status.OPEN))
    )


def get_meeting(code) -> Meeting:
    meeting = (
        Meeting.objects.select_related("place__municipality")
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("position")),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related(
                    "member__municipality", "member__user", "member__substitute"
                ),
            ),
            Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "id")),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("owner__municipality").order_by("id"),
            ),
        )
        .filter(code=code)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def get_object(model, code):
    found = model.objects.filter(code=code).first()
    if found is None:
        raise Http404
    return found


def open_decisions() -> list[Decision]:
    today = timezone.localdate()
    decisions = list(
        Decision.objects.filter(status=Decision.Status.OPEN)
        .select_related("owner__municipality", "meeting")
        .order_by("due_date", "id")
    )
    for decision in decisions:
        decision.overdue = bool(decision.due_date and decision.due_date < today)
    # Decisions without a due date come last.
    return [d for d in decisions if d.due_date] + [d for d in decisions if not d.due_date]


def headline_figures() -> dict:
    """The dashboard's headline figures for the project period, suppressed exactly as a municipal
    officer sees them by default (same period, same suppression pattern). A snapshot: plain
    strings, so a meeting keeps what was discussed even when the data change later."""
    project = current_project()
    choices = fixed_periods(project, busy_years=busy_years(project.end_date) if project else set())
    _value, label, period = choices[0]
    report = build_report(period, exact=False, family=[period], project=project)
    figures = [
        {
            "code": h.indicator.code,
            "label": str(h.indicator.label),
            "value": str(h.value),
            "unit": str(h.indicator.unit),
            "target": h.target,
        }
        for h in report.headlines
        if h.indicator.headline and not isinstance(h.value, NotAvailable)
    ]
    return {
        "period": f"{label}: {period.start:%d/%m/%Y}–{period.end:%d/%m/%Y}",
        "taken_at": timezone.localtime().isoformat(timespec="minutes"),
        "figures": figures,
    }


def headline_rows(snapshot: dict | None) -> list[dict]:
    """The snapshot's rows, labelled in the reader's language when the indicator still exists."""
    if not snapshot:
        return []
    rows = []
    for figure in snapshot.get("figures", []):
        indicator = BY_CODE.get(figure.get("code"))
        rows.append(
            {
                **figure,
                "label": str(indicator.label) if indicator else figure["label"],
                "unit": str(indicator.unit) if indicator else figure["unit"],
            }
        )
    return rows
