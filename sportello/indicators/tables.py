"""The published report: every table of the dashboard (and of the exports, the PDF and the public
page), exact for the coordinator, suppressed for everyone else.

Each measure (people reached, paths, needs, encounters, referrals, visits, follow-ups) is
published as linked tables: the measure by municipality, and each breakdown as a
municipality × category grid whose row totals are those same municipal numbers. The suppression
of core.suppression protects all of them together, so that showing one municipality (a row) or
all of them (the totals row) never reveals a small number another view hides. Referral outcomes
per service category (category × state) are linked to the referrals by category and by state.
No table crosses municipality × citizenship × need.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field

from babel.dates import format_date
from django.core.cache import cache
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sportello.casework.models import AgeBand, Beneficiary, Gender, Referral, ReferralSource
from sportello.core import charts
from sportello.core.suppression import (
    Grid,
    Protection,
    Shown,
    protect,
    protect_series,
    show_exact,
    threshold_for,
)
from sportello.directory.models import TaxonomyTerm
from sportello.indicators import selectors
from sportello.indicators.countries import GROUP_LABELS, GROUPS
from sportello.indicators.registry import REGISTRY, Indicator, NotAvailable
from sportello.indicators.selectors import OTHER, Figures, Period
from sportello.territory.models import Municipality, Place, Project

HIDDEN_RATE = "–"
PROTECTION_CACHE_SECONDS = 24 * 3600

# Categories: (key, label, sensitive)
Keys = list[tuple[str, str, bool]]


@dataclass
class Vocabulary:
    municipalities: list[Municipality]
    terms: list[TaxonomyTerm]

    def municipality_keys(self) -> Keys:
        keys = [(m.slug, m.name, False) for m in self.municipalities]
        return [*keys, (OTHER, _("Elsewhere or not recorded"), False)]

    def term_keys(self) -> Keys:
        return [(t.code, t.name, t.sensitive) for t in self.terms]


def vocabulary() -> Vocabulary:
    return Vocabulary(
        municipalities=selectors.project_municipalities(),
        terms=list(TaxonomyTerm.objects.order_by("position", "code")),
    )


def _choices(choices) -> Keys:
    return [(str(value), str(label), False) for value, label in choices]


PATH_STATES = [
    ("open", gettext_lazy("Under way at the end of the period")),
    ("completed", gettext_lazy("Completed")),
    ("interrupted", gettext_lazy("Interrupted")),
]
FOLLOW_UP_OUTCOMES = [
    ("on_time", gettext_lazy("Done on time")),
    ("late", gettext_lazy("Done late")),
    ("not_done", gettext_lazy("Not done")),
]


@dataclass
class Breakdown:
    code: str
    title: str
    keys: Keys
    counts: Counter  # (municipality, key) → n
    chart: bool = False


@dataclass
class Measure:
    code: str
    title: str
    unit: str
    by_municipality: Counter
    breakdowns: list[Breakdown] = field(default_factory=list)
    trend: Counter | None = None  # (month, municipality) → n
    additive_trend: bool = True


def _marginal(counter: Counter, *index: int) -> Counter:
    out: Counter = Counter()
    for key, n in counter.items():
        out[tuple(key[i] for i in index) if len(index) > 1 else key[index[0]]] += n
    return out


def measures(f: Figures, vocab: Vocabulary) -> list[Measure]:
    terms = vocab.term_keys()
    people = f.people
    referral_states = _choices(Referral.State.choices)
    return [
        Measure(
            "people",
            _("People reached"),
            _("people"),
            _marginal(people, 0),
            [
                Breakdown(
                    "gender", _("Gender"), _choices(Gender.choices), _marginal(people, 0, 1), True
                ),
                Breakdown(
                    "age",
                    _("Age band"),
                    _choices(AgeBand.choices),
                    _marginal(people, 0, 2),
                    True,
                ),
                Breakdown(
                    "citizenship",
                    _("Citizenship"),
                    [(g, str(GROUP_LABELS[g]), False) for g in GROUPS],
                    _marginal(people, 0, 3),
                    True,
                ),
                Breakdown(
                    "generation",
                    _("Generation"),
                    _choices(Beneficiary.Generation.choices),
                    _marginal(people, 0, 4),
                ),
            ],
            trend=f.people_months,
            additive_trend=False,
        ),
        Measure("in_path", _("People in an integration path"), _("people"), f.in_path),
        Measure(
            "paths",
            _("Integration paths"),
            _("paths"),
            _marginal(f.paths, 0),
            [Breakdown("state", _("State"), _choices(PATH_STATES), f.paths)],
        ),
        Measure(
            "needs",
            _("Needs expressed"),
            _("needs"),
            _marginal(f.needs, 0),
            [Breakdown("category", _("Category"), terms, f.needs, True)],
        ),
        Measure(
            "encounters",
            _("Encounters"),
            _("encounters"),
            _marginal(f.encounters, 0),
            [
                Breakdown(
                    "source",
                    _("Who pointed the person to the desk"),
                    _choices(ReferralSource.choices),
                    f.encounters,
                    True,
                )
            ],
            trend=f.encounter_months,
        ),
        Measure(
            "referrals",
            _("Referrals to services"),
            _("referrals"),
            _marginal(f.referrals, 0),
            [
                Breakdown("state", _("State"), referral_states, _marginal(f.referrals, 0, 2), True),
                Breakdown("category", _("Service category"), terms, _marginal(f.referrals, 0, 1)),
            ],
            trend=f.referral_months,
        ),
        Measure(
            "visits",
            _("Visits to public places"),
            _("visits"),
            _marginal(f.visits, 0),
            [Breakdown("kind", _("Kind of place"), _choices(Place.Kind.choices), f.visits, True)],
            trend=f.visit_months,
        ),
        Measure(
            "follow_ups",
            _("Follow-ups due"),
            _("follow-ups"),
            _marginal(f.follow_ups, 0),
            [Breakdown("outcome", _("Outcome"), _choices(FOLLOW_UP_OUTCOMES), f.follow_ups)],
        ),
    ]


def months_of(period: Period, trends: list[Counter]) -> list[dt.date]:
    """The months of the period (or, past two years, only the months with something in them)."""
    months = []
    day = period.start.replace(day=1)
    while day <= period.end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    if len(months) > 24:
        busy = {month for counter in trends for (month, _m), n in counter.items() if n}
        months = [month for month in months if month in busy]
    return months


# --- grids -----------------------------------------------------------------------------------


@dataclass
class Layout:
    """Where each published table sits among the grids handed to the suppression."""

    grids: list[Grid] = field(default_factory=list)
    master: dict[str, int] = field(default_factory=dict)  # measure → grid index
    breakdown: dict[tuple[str, str], int] = field(default_factory=dict)
    trend: dict[str, int] = field(default_factory=dict)
    outcomes: int | None = None  # referrals: category × state
    months: list[dt.date] = field(default_factory=list)


def layout(
    ms: list[Measure], vocab: Vocabulary, months: list[dt.date], referrals: Counter
) -> Layout:
    """The grids of a period; `referrals` is the (municipality, category, state) cube."""
    munis = [key for key, _l, _s in vocab.municipality_keys()]
    out = Layout(months=months)
    R = len(munis)
    for m in ms:
        out.master[m.code] = len(out.grids)
        out.grids.append(
            Grid(
                values=[[m.by_municipality.get(slug, 0)] for slug in munis],
                row_totals=False,
                keys={(i, 0): (m.code, "m", slug) for i, slug in enumerate(munis)}
                | {(R, 0): (m.code, "all")},
            )
        )
        for b in m.breakdowns:
            C = len(b.keys)
            keys = {(i, C): (m.code, "m", slug) for i, slug in enumerate(munis)}
            keys |= {(R, j): (m.code, b.code, key) for j, (key, _l, _s) in enumerate(b.keys)}
            keys[(R, C)] = (m.code, "all")
            out.breakdown[(m.code, b.code)] = len(out.grids)
            out.grids.append(
                Grid(
                    values=[
                        [b.counts.get((slug, key), 0) for key, _l, _s in b.keys] for slug in munis
                    ],
                    thresholds=[[threshold_for(s) for _k, _l, s in b.keys] for _m in munis],
                    keys=keys,
                )
            )
        if m.trend is not None:
            keys = {}
            for i, month in enumerate(months):
                keys[(i, R)] = (m.code, "month", month)
                for j, slug in enumerate(munis):
                    keys[(i, j)] = (m.code, "month", month, slug)
            if m.additive_trend:
                keys |= {(len(months), j): (m.code, "m", slug) for j, slug in enumerate(munis)}
                keys[(len(months), R)] = (m.code, "all")
            out.trend[m.code] = len(out.grids)
            out.grids.append(
                Grid(
                    values=[[m.trend.get((month, slug), 0) for slug in munis] for month in months]
                    or [[0] * R],
                    col_totals=m.additive_trend and bool(months),
                    keys=keys,
                )
            )
    terms = vocab.term_keys()
    states = _choices(Referral.State.choices)
    cross = _marginal(referrals, 1, 2)
    keys = {
        (i, len(states)): ("referrals", "category", code) for i, (code, _l, _s) in enumerate(terms)
    }
    keys |= {(len(terms), j): ("referrals", "state", s) for j, (s, _l, _x) in enumerate(states)}
    keys[(len(terms), len(states))] = ("referrals", "all")
    out.outcomes = len(out.grids)
    out.grids.append(
        Grid(
            values=[[cross.get((code, s), 0) for s, _l, _x in states] for code, _l, _s in terms],
            thresholds=[[threshold_for(sens)] * len(states) for _c, _l, sens in terms],
            keys=keys,
        )
    )
    return out


# --- the report ------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    cells: list[Shown]


@dataclass
class Table:
    code: str
    title: str
    columns: list[str]
    rows: list[Row]
    total: Row | None = None
    note: str = ""
    withheld: bool = False
    chart: str = ""


@dataclass
class Headline:
    indicator: Indicator
    value: Shown | NotAvailable
    target: int | None = None

    @property
    def progress(self) -> int | None:
        """Percent of the target reached (capped at 100 for the bar), when both are known."""
        if not self.target or not isinstance(self.value, Shown) or self.value.number is None:
            return None
        return min(100, round(100 * self.value.number / self.target))

    @property
    def met(self) -> bool | None:
        if not self.target or not isinstance(self.value, Shown) or self.value.number is None:
            return None
        return self.value.number >= self.target


@dataclass
class Report:
    period: Period
    municipality: Municipality | None
    exact: bool
    project: Project | None
    figures: Figures
    tables: list[Table] = field(default_factory=list)
    headlines: list[Headline] = field(default_factory=list)
    trend: Table | None = None
    _cells: dict = field(default_factory=dict)  # (measure, breakdown, key) → Shown

    def cell(self, *path: str) -> Shown | None:
        return self._cells.get(path)

    def rate(self, measure: str, breakdown: str, good: list[str], bad: list[str]) -> Shown:
        """good ÷ (good + bad) in percent. Shown only when every count behind it is shown (a
        rate over published counts would otherwise give a hidden count away)."""
        parts = [self.cell(measure, breakdown, key) for key in good + bad]
        if any(p is None or p.number is None for p in parts):
            return Shown(text=HIDDEN_RATE, number=None, hidden=True)
        total = sum(p.number for p in parts)
        if not total:
            return Shown(text=HIDDEN_RATE, number=None)
        value = round(100 * sum(p.number for p in parts[: len(good)]) / total)
        return Shown(text=f"{value}%", number=value)

    def median_days(self, name: str) -> Shown:
        """The median of the days (whole days); needs at least 5 referrals when suppressed."""
        counter: Counter = getattr(self.figures, name)
        slug = self.municipality.slug if self.municipality else None
        days: Counter = Counter()
        for (m, d), n in counter.items():
            if slug is None or m == slug:
                days[d] += n
        n = sum(days.values())
        if not n or (not self.exact and n < 5):
            return Shown(text=HIDDEN_RATE, number=None, hidden=bool(n))
        middle, seen = (n + 1) / 2, 0
        for d in sorted(days):
            seen += days[d]
            if seen >= middle:
                return Shown(text=str(d), number=d)
        return Shown(text=HIDDEN_RATE, number=None)


class _Exact:
    def __init__(self, grids: list[Grid]):
        self.grids = grids

    def shown(self, g: int, pos) -> Shown:
        grid = self.grids[g]
        return show_exact(grid.value(pos), grid.threshold(pos))

    withheld: frozenset = frozenset()


def month_label(month: dt.date) -> str:
    return format_date(month, "MMM yy", locale=(get_language() or "it").replace("-", "_"))


def _protected(series: list[list[Grid]], index: int) -> Protection:
    """The suppression of period `index` of the series. The result depends only on the counts,
    so it is cached under a hash of them: any new record changes the hash, so a cached pattern is
    never stale (the counts themselves are always queried afresh)."""
    fingerprint = hashlib.sha256(
        repr(
            [
                [
                    (
                        g.values,
                        g.thresholds,
                        g.row_totals,
                        g.col_totals,
                        sorted(g.keys.items(), key=repr),
                    )
                    for g in grids
                ]
                for grids in series
            ]
        ).encode()
    ).hexdigest()
    key = f"indicators:protection:{fingerprint}:{index}"
    cached = cache.get(key)
    if cached is not None:
        hidden, withheld, thresholds = cached
        return Protection(series[index], hidden, withheld, thresholds)
    result = (protect_series(series) if len(series) > 1 else [protect(series[0])])[index]
    cache.set(key, (result.hidden, result.withheld, result.thresholds), PROTECTION_CACHE_SECONDS)
    return result


@dataclass
class Prepared:
    """The figures and the suppression of one period, ready to show for any municipality."""

    period: Period
    exact: bool
    figures: Figures
    measures: list[Measure]
    layout: Layout
    published: Protection | _Exact
    vocab: Vocabulary
    project: Project | None


def prepare(
    period: Period,
    *,
    exact: bool,
    family: list[Period] | None = None,
    project: Project | bool | None = False,
) -> Prepared:
    """Exact for the coordinator; otherwise suppressed, with the pattern shared by every period
    of `family` (the periods a suppressed viewer can choose)."""
    vocab = vocabulary()
    periods = family if family and not exact and period in family else [period]
    index = periods.index(period)
    all_figures = [selectors.figures_for(p, municipalities=vocab.municipalities) for p in periods]
    layouts = []
    for f in all_figures:
        ms = measures(f, vocab)
        trends = [m.trend for m in ms if m.trend is not None]
        layouts.append((ms, layout(ms, vocab, months_of(f.period, trends), f.referrals)))
    ms, lay = layouts[index]
    if exact:
        published: Protection | _Exact = _Exact(lay.grids)
    else:
        published = _protected([lt.grids for _ms, lt in layouts], index)
    return Prepared(
        period=period,
        exact=exact,
        figures=all_figures[index],
        measures=ms,
        layout=lay,
        published=published,
        vocab=vocab,
        project=selectors.current_project() if project is False else project,
    )


def report_for(prepared: Prepared, municipality: Municipality | None = None) -> Report:
    report = Report(
        period=prepared.period,
        municipality=municipality,
        exact=prepared.exact,
        project=prepared.project,
        figures=prepared.figures,
    )
    _assemble(report, prepared.measures, prepared.layout, prepared.published, prepared.vocab)
    return report


def build_report(
    period: Period,
    *,
    municipality: Municipality | None = None,
    exact: bool,
    family: list[Period] | None = None,
    project: Project | bool | None = False,
) -> Report:
    """`project`: the current project when the caller has it already (False: look it up)."""
    prepared = prepare(period, exact=exact, family=family, project=project)
    return report_for(prepared, municipality)


def _assemble(report: Report, ms: list[Measure], lay: Layout, pub, vocab: Vocabulary) -> None:
    munis = vocab.municipality_keys()
    R = len(munis)
    row = None
    if report.municipality is not None:
        row = next(i for i, (slug, _l, _s) in enumerate(munis) if slug == report.municipality.slug)
    for m in ms:
        g = lay.master[m.code]
        report._cells[(m.code,)] = pub.shown(g, (R if row is None else row, 0))
        if row is None:
            report.tables.append(
                Table(
                    code=f"{m.code}-municipality",
                    title=_("%(measure)s by municipality") % {"measure": m.title},
                    columns=[m.unit],
                    rows=[
                        Row(k, label, [pub.shown(g, (i, 0))])
                        for i, (k, label, _s) in enumerate(munis)
                    ],
                    total=Row("total", _("Total"), [pub.shown(g, (R, 0))]),
                    withheld=g in pub.withheld,
                )
            )
        for b in m.breakdowns:
            g = lay.breakdown[(m.code, b.code)]
            C = len(b.keys)
            i = R if row is None else row
            cells = [pub.shown(g, (i, j)) for j in range(C)]
            for j, (key, _l, _s) in enumerate(b.keys):
                report._cells[(m.code, b.code, key)] = cells[j]
            table = Table(
                code=f"{m.code}-{b.code}",
                title=f"{m.title}: {b.title.lower()}"
                if m.code != "people"
                else _("People reached by %(breakdown)s") % {"breakdown": b.title.lower()},
                columns=[m.unit],
                rows=[Row(key, label, [cells[j]]) for j, (key, label, _s) in enumerate(b.keys)],
                total=Row("total", _("Total"), [pub.shown(g, (i, C))]),
                withheld=g in pub.withheld,
            )
            if b.chart and not table.withheld:
                table.chart = charts.bar_chart(
                    table.title, [(r.label, r.cells[0]) for r in table.rows]
                )
            report.tables.append(table)
    if row is None and lay.outcomes is not None:
        g = lay.outcomes
        terms = vocab.term_keys()
        states = _choices(Referral.State.choices)
        report.tables.append(
            Table(
                code="referrals-outcomes",
                title=_("Referral outcomes per service category"),
                columns=[label for _k, label, _s in states] + [_("Total")],
                rows=[
                    Row(code, label, [pub.shown(g, (i, j)) for j in range(len(states) + 1)])
                    for i, (code, label, _s) in enumerate(terms)
                ],
                total=Row(
                    "total",
                    _("Total"),
                    [pub.shown(g, (len(terms), j)) for j in range(len(states) + 1)],
                ),
                withheld=g in pub.withheld,
            )
        )
    # Trend: months × (people, encounters, referrals, visits).
    trend_measures = [m for m in ms if m.code in lay.trend]
    column = R if row is None else row
    rows = []
    for i, month in enumerate(lay.months):
        rows.append(
            Row(
                month.isoformat()[:7],
                month_label(month),
                [pub.shown(lay.trend[m.code], (i, column)) for m in trend_measures],
            )
        )
    report.trend = Table(
        code="trend",
        title=_("Month by month"),
        columns=[m.title for m in trend_measures],
        rows=rows,
        withheld=any(lay.trend[m.code] in pub.withheld for m in trend_measures),
        note=_("A person met in several months counts in each of them."),
    )
    if rows and not report.trend.withheld:
        report.trend.chart = charts.column_chart(
            _("People reached month by month"), [(r.label, r.cells[0]) for r in rows]
        )
    targets = {t.code: t.value for t in report.project.targets.all()} if report.project else {}
    for indicator in REGISTRY:
        if indicator.compute is not None:
            value = indicator.compute(report)
        else:
            value = report.cell(*indicator.cell)
        report.headlines.append(Headline(indicator, value, targets.get(indicator.target)))
