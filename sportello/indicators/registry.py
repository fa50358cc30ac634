"""The indicators of the project, in one registry: what each one counts, how, its unit, the
project target it answers and whether it touches a sensitive category.

An indicator's value comes from one of the published tables (`cell`: measure, breakdown, key —
so the dashboard, the exports, the report and the public page show the same, suppressed, number)
or from its own `compute(report)` for rates, medians and figures another app will provide.
Adding an indicator is one entry here (CONTRIBUTING.md, "Adding an indicator").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from sportello.indicators.tables import Report


class NotAvailable:
    """The value of an indicator whose data is not recorded by the app yet."""

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return str(_("not available yet"))


NOT_AVAILABLE = NotAvailable()


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    how: str | Promise  # how it is computed, in a sentence or two
    unit: str | Promise
    target: str = ""  # territory.Target.Code of the project target it answers
    sensitive: bool = False
    cell: tuple[str, ...] = ()  # (measure,) its total; (measure, breakdown, key) one cell
    compute: Callable[[Report], object] | None = None  # for values that are not a table cell
    headline: bool = True  # shown among the headline figures


def not_available(report: Report) -> NotAvailable:
    return NOT_AVAILABLE


def _referral_completion(report: Report):
    return report.rate("referrals", "state", ["completed"], ["declined", "no_show", "withdrawn"])


def _follow_ups_on_time(report: Report):
    return report.rate("follow_ups", "outcome", ["on_time"], ["late", "not_done"])


def _median_days_received(report: Report):
    return report.median_days("days_to_received")


def _median_days_completed(report: Report):
    return report.median_days("days_to_completed")


def _l2_hours(report: Report):
    from sportello.core.suppression import show_exact
    from sportello.learning.selectors import l2_hours_held

    hours = l2_hours_held(report.period.start, report.period.end)
    # Hours, not people: nothing to hide.
    return show_exact(int(hours), threshold=0)


def _l2_attendance(report: Report):
    from sportello.core.suppression import Shown
    from sportello.learning.selectors import l2_attendance

    present, places = l2_attendance(report.period.start, report.period.end)
    if not places:
        return Shown(text="–", number=None)
    value = round(100 * present / places)
    return Shown(text=f"{value}%", number=value)


def _operators_trained(report: Report):
    from sportello.core.suppression import show_exact
    from sportello.learning.selectors import operators_trained

    # Association operators (staff of the partner associations, not people followed by the
    # desk): a public output of the project, shown exactly.
    return show_exact(operators_trained(report.period.start, report.period.end), threshold=0)


def _flyers_distributed(report: Report):
    from sportello.communication.selectors import copies_distributed
    from sportello.core.suppression import show_exact

    copies = copies_distributed(
        start=report.period.start, end=report.period.end, municipality=report.municipality
    )
    return show_exact(copies, threshold=0)  # copies, not people: nothing to hide


PEOPLE = _("people")
REGISTRY: list[Indicator] = [
    Indicator(
        "people_reached",
        _("People reached"),
        _(
            "People followed (with a code) who had at least one encounter in the period, each "
            "counted once; plus the people met anonymously: the anonymous contacts counted "
            "during visits and the encounters that stayed anonymous. Anonymous people cannot be "
            "told apart, so someone met anonymously and later registered counts twice: the "
            "figure is an upper bound."
        ),
        PEOPLE,
        target="people_reached",
        cell=("people",),
    ),
    Indicator(
        "people_in_path",
        _("People in an integration path"),
        _(
            "People with an integration path under way at some time in the period (active, "
            "completed or interrupted; proposed paths are not counted), each counted once."
        ),
        PEOPLE,
        target="people_in_path",
        cell=("in_path",),
    ),
    Indicator(
        "paths_completed",
        _("Paths completed"),
        _("Integration paths closed as completed within the period."),
        _("paths"),
        cell=("paths", "state", "completed"),
    ),
    Indicator(
        "paths_interrupted",
        _("Paths interrupted"),
        _("Integration paths closed as interrupted within the period."),
        _("paths"),
        cell=("paths", "state", "interrupted"),
    ),
    Indicator(
        "referrals",
        _("Referrals to services"),
        _(
            "Referrals created in the period, by their state today and by the category of the "
            "need (or of the service when no need is linked)."
        ),
        _("referrals"),
        sensitive=True,
        cell=("referrals",),
    ),
    Indicator(
        "referral_completion",
        _("Referral completion rate"),
        _(
            "Of the referrals of the period that reached an end, the share completed (the rest "
            "were declined, not attended or withdrawn)."
        ),
        "%",
        compute=_referral_completion,
    ),
    Indicator(
        "days_to_received",
        _("Median days from sent to received"),
        _("Median number of days between sending a referral and the service receiving it."),
        _("days"),
        compute=_median_days_received,
    ),
    Indicator(
        "days_to_completed",
        _("Median days from sent to completed"),
        _("Median number of days between sending a referral and its completion."),
        _("days"),
        compute=_median_days_completed,
    ),
    Indicator(
        "needs",
        _("Needs expressed"),
        _(
            "Needs recorded for people followed in the period, plus the main need of anonymous "
            "contacts and the needs of anonymous encounters."
        ),
        _("needs"),
        sensitive=True,
        cell=("needs",),
    ),
    Indicator(
        "encounters",
        _("Encounters"),
        _("Encounters recorded in the period, by who pointed the person to the desk."),
        _("encounters"),
        cell=("encounters",),
    ),
    Indicator(
        "visits",
        _("Visits to public places"),
        _("Visits of the diffuse desk in the period, by kind of place and municipality."),
        _("visits"),
        cell=("visits",),
    ),
    Indicator(
        "follow_ups_on_time",
        _("Follow-ups done on time"),
        _("Of the follow-ups due in the period, the share done by their due date."),
        "%",
        compute=_follow_ups_on_time,
    ),
    Indicator(
        "l2_hours",
        _("Hours of Italian L2 course"),
        _("Hours of Italian L2 lessons held (from the courses' registers)."),
        _("hours"),
        target="l2_hours",
        compute=_l2_hours,
    ),
    Indicator(
        "l2_attendance",
        _("Italian L2 attendance rate"),
        _("Share of enrolled learners present, over the lessons held."),
        "%",
        compute=_l2_attendance,
    ),
    Indicator(
        "operators_trained",
        _("Association operators trained"),
        _("Operators who completed the training module."),
        PEOPLE,
        target="operators_trained",
        compute=_operators_trained,
    ),
    Indicator(
        "flyers_distributed",
        _("Flyers distributed"),
        _("Copies of the multilingual flyer handed out, from the distribution records."),
        _("flyers"),
        target="flyers_distributed",
        compute=_flyers_distributed,
    ),
]

BY_CODE = {indicator.code: indicator for indicator in REGISTRY}
