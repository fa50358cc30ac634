"""The evaluation report (PDF, typst): always suppressed — it is made to be shown and handed out.

`evaluation_report(period, family, lang)` → (pdf bytes, seconds spent on figures and suppression).
"""

from __future__ import annotations

import time

from babel.dates import format_date
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sportello.core.demo import is_demo
from sportello.core.pdf import render_pdf
from sportello.indicators.registry import REGISTRY
from sportello.indicators.selectors import Period
from sportello.indicators.tables import Headline, Report, Table, prepare, report_for

REPORT_LANGUAGES = ("it", "en")

MUNICIPAL_TABLES = ("people-gender", "people-age", "people-citizenship", "needs-category")

METHOD = [
    gettext_lazy(
        "Every figure comes from what the desk records in its daily work (visits, encounters, "
        "people followed, paths, referrals, follow-ups): nothing is typed twice."
    ),
    gettext_lazy(
        "Small numbers are hidden to protect the people behind them: a count from 1 to 4 is "
        "shown as <5, and from 1 to 9 as <10 for health, psychosocial, legal and documents "
        "needs. <5 means 0 to 4. When a total would let a reader work a hidden number out, "
        "other numbers are hidden too and shown as *. Each year after the project hides the "
        "same numbers, so years cannot be compared to reveal them. No table crosses "
        "municipality, citizenship and need."
    ),
    gettext_lazy(
        "Citizenship is grouped: Romania, Albania and Morocco (the main communities of the "
        "province) by name, every other country by continent. Age bands come from the year of "
        "birth at the end of the period."
    ),
]


def _rows(table: Table) -> dict:
    return {
        "title": table.title,
        "columns": [str(c) for c in table.columns],
        "rows": [[row.label, *(c.text for c in row.cells)] for row in table.rows],
        "total": [table.total.label, *(c.text for c in table.total.cells)] if table.total else None,
        "withheld": table.withheld,
        "note": table.note,
        "chart": "",
    }


def _value(headline: Headline) -> str:
    value = headline.value
    text = str(value)
    if headline.indicator.unit == "%" or not getattr(value, "number", None):
        return text
    return text


def _headlines(report: Report) -> list[list[str]]:
    return [
        [str(h.indicator.label), _value(h)]
        for h in report.headlines
        if h.indicator.headline and not h.indicator.target
    ]


def report_data(report: Report, municipal: list[Report], *, charts: dict[str, str]) -> dict:
    project = report.project
    lang = translation.get_language() or "it"

    def day(value) -> str:
        return format_date(value, "d MMMM y", locale=lang)

    frame = []
    if project:
        frame = [
            [_("Project"), project.name],
            [_("Period of the project"), f"{day(project.start_date)} – {day(project.end_date)}"],
            [_("Lead municipality"), project.lead_municipality.name],
            [
                _("Partner municipalities"),
                ", ".join(m.name for m in project.partner_municipalities.all()),
            ],
            [_("Funders"), project.funders],
        ]
    frame.append(
        [_("Period of this report"), f"{day(report.period.start)} – {day(report.period.end)}"]
    )
    targets = []
    for h in report.headlines:
        if h.indicator.target and h.target:
            status = (
                _("not available yet")
                if h.met is None and not getattr(h.value, "hidden", False)
                else (_("met") if h.met else _("not met") if h.met is False else "–")
            )
            targets.append([str(h.indicator.label), str(h.target), str(h.value), status])
    tables = []
    for table in report.tables:
        entry = _rows(table)
        if table.chart:
            name = f"chart-{len(charts) + 1}"
            charts[name] = table.chart
            entry["chart"] = name
        tables.append(entry)
    trend = _rows(report.trend) if report.trend else {"title": "", "rows": [], "columns": []}
    if report.trend and report.trend.chart:
        charts["chart-trend"] = report.trend.chart
        trend["chart"] = "chart-trend"
    outcomes = next((t for t in report.tables if t.code == "referrals-outcomes"), None)
    demo = _("Demonstration data: every figure here is fictional.") if is_demo() else ""
    return {
        "lang": lang,
        "title": _("Evaluation report"),
        "subtitle": project.name if project else "",
        "frame": frame,
        "suppression_note": _(
            "Figures for publication: small numbers are hidden (<5, <10 for sensitive "
            "categories; * hides a larger number that would reveal a small one)."
        ),
        "labels": {
            "targets": _("Targets and results"),
            "target_columns": [_("Indicator"), _("Target"), _("Result"), _("Status")],
            "headlines": _("Other indicators"),
            "breakdowns": _("Who was reached and what for"),
            "method": _("Method and suppression of small numbers"),
            "withheld": _("Not published: too few people to show this table safely."),
        },
        "targets": targets,
        "headlines": _headlines(report),
        "trend": trend,
        "tables": [t for t in tables if t["title"] != (outcomes.title if outcomes else None)],
        "outcomes": _rows(outcomes) if outcomes else {"title": "", "rows": [], "columns": []},
        "municipalities": [
            {
                "name": m.municipality.name,
                "headlines": [
                    [str(h.indicator.label), str(h.value)]
                    for h in m.headlines
                    if h.indicator.cell and len(h.indicator.cell) == 1
                ],
                "tables": [_rows(t) for t in m.tables if t.code in MUNICIPAL_TABLES],
            }
            for m in municipal
        ],
        "method": [str(p) for p in METHOD],
        "definitions": [[str(i.label), str(i.unit), str(i.how)] for i in REGISTRY],
        "footer": " · ".join(x for x in [_("Evaluation report"), demo] if x),
        "built": "",
    }


def evaluation_report(period: Period, *, family: list[Period], lang: str) -> tuple[bytes, float]:
    started = time.perf_counter()
    with translation.override(lang):
        prepared = prepare(period, exact=False, family=family)
        report = report_for(prepared)
        municipal = [report_for(prepared, m) for m in prepared.vocab.municipalities]
        charts: dict[str, str] = {}
        data = report_data(report, municipal, charts=charts)
        seconds = time.perf_counter() - started
        data["built"] = _("Built on %(date)s; figures computed in %(seconds).1f s.") % {
            "date": format_date(timezone.localdate(), "d MMMM y", locale=lang),
            "seconds": seconds,
        }
        pdf = render_pdf("indicators/report.typ", data, inputs=charts)
    return pdf, time.perf_counter() - started
