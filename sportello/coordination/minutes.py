"""The minutes of a coordination meeting as a PDF (typst, core.pdf): where and when, who was
there, the agenda (with the embedded headline figures), the minutes and the decisions."""

from babel.dates import format_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sportello.coordination import selectors
from sportello.coordination.models import Meeting
from sportello.core.pdf import render_pdf


def minutes_data(meeting: Meeting) -> dict:
    lang = (get_language() or "it")[:2]
    when = format_date(meeting.date, "full", locale=lang)
    if meeting.starts_at:
        when = f"{when}, {meeting.starts_at:%H:%M}"
    return {
        "lang": lang,
        "title": _("Minutes of the coordination group"),
        "meeting": meeting.title,
        "when": when,
        "where": meeting.where,
        "labels": {
            "when": _("Date"),
            "where": _("Place"),
            "attendees": _("Attendees"),
            "agenda": _("Agenda"),
            "headlines": _("Headline figures (suppressed)"),
            "minutes": _("Minutes"),
            "decisions": _("Decisions"),
            "owner": _("Owner"),
            "due": _("Due"),
            "status": _("Status"),
            "none": _("None recorded."),
            "figure": _("Indicator"),
            "value": _("Value"),
            "target": _("Target"),
        },
        "attendees": [
            {
                "seat": a.member.seat_name,
                "name": (
                    a.member.substitute.display_name
                    if a.status == a.Status.SUBSTITUTE and a.member.substitute_id
                    else a.member.user.display_name
                ),
                "status": a.get_status_display(),
            }
            for a in meeting.attendances.all()
        ],
        "agenda": [item.text for item in meeting.agenda.all()],
        "headlines_period": (meeting.headlines or {}).get("period", ""),
        "headlines": [
            {
                "label": row["label"],
                "value": f"{row['value']} {row['unit']}".strip(),
                "target": str(row["target"]) if row.get("target") else "",
            }
            for row in selectors.headline_rows(meeting.headlines)
        ],
        "minutes": meeting.minutes,
        "decisions": [
            {
                "text": d.text,
                "owner": d.owner.seat_name if d.owner_id else _("The whole group"),
                "due": format_date(d.due_date, "short", locale=lang) if d.due_date else "",
                "status": d.get_status_display(),
            }
            for d in meeting.decisions.all()
        ],
    }


def minutes_pdf(meeting: Meeting) -> bytes:
    return render_pdf("coordination/minutes.typ", minutes_data(meeting))
