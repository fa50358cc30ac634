"""CSV and XLSX of the dashboard's tables (with the viewer's suppression), and the anonymised
record-level extract for the coordinator.

Spreadsheet safety: a text cell that starts with = + - @ (or a tab / carriage return) would run as
a formula in a spreadsheet program; it gets a leading apostrophe. Suppressed numbers are text
("<5", "*"); shown numbers are numbers. XLSX (XML) cannot hold most control characters: they
become U+FFFD. The anonymised extract is made of codes, but goes through the same check.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sportello.casework.models import Beneficiary, Encounter, Need, Path, Referral
from sportello.core.suppression import Shown
from sportello.indicators.countries import citizenship_group
from sportello.indicators.selectors import OTHER, Period, age_band, moments
from sportello.indicators.tables import Report, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: the control characters XML refuses become U+FFFD."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _cell(value: object) -> object:
    if isinstance(value, Shown):
        return value.number if value.number is not None else safe_text(value.text)
    if isinstance(value, int | float):
        return value
    return safe_text(value)


def _xlsx_cell(value: object) -> object:
    value = _cell(value)
    return xlsx_text(value) if isinstance(value, str) else value


def report_heading(report: Report) -> list[str]:
    lines = [
        _("Period: %(start)s – %(end)s")
        % {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
        _("Municipality: %(name)s")
        % {"name": report.municipality.name if report.municipality else _("All municipalities")},
    ]
    if report.exact:
        lines.append(_("Exact numbers: not for publication."))
    else:
        lines.append(
            _(
                "Small numbers are hidden: <5 means 0 to 4 (<10 for health, psychosocial, legal "
                "and documents); * hides a larger number so that totals do not reveal a small one."
            )
        )
    return lines


def table_rows(table: Table) -> Iterable[list[object]]:
    yield ["", *table.columns]
    if table.withheld:
        yield [_("Not published: too few people to show this table safely.")]
        return
    for row in table.rows:
        yield [row.label, *row.cells]
    if table.total is not None:
        yield [table.total.label, *table.total.cells]


def all_tables(report: Report) -> list[Table]:
    return ([report.trend] if report.trend else []) + report.tables


def table_csv(report: Report, table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_text(table.title)])
    for line in report_heading(report):
        writer.writerow([safe_text(line)])
    for row in table_rows(table):
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in all_tables(report):
        name = table.code[:31]
        while name in used:
            name = name[:28] + str(len(used))
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([_xlsx_cell(table.title)])
        sheet["A1"].font = Font(bold=True)
        for line in report_heading(report):
            sheet.append([_xlsx_cell(line)])
        sheet.append([])
        for row in table_rows(table):
            sheet.append([_xlsx_cell(v) for v in row])
        sheet.column_dimensions[get_column_letter(1)].width = 42
        for col in range(2, len(table.columns) + 2):
            sheet.column_dimensions[get_column_letter(col)].width = 16
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


EXTRACT_COLUMNS = [
    "row",
    "municipality",
    "gender",
    "age_band",
    "citizenship_group",
    "generation",
    "encounters_in_period",
    "needs",
    "in_path",
    "path_status",
    "referrals",
    "referrals_completed",
]


def record_extract(period: Period, *, seed: int | None = None) -> str:
    """One row per person followed who had an encounter in the period: codes only, no person
    code (rows are numbered in a random order), year of birth as an age band, citizenship
    grouped, and never a health, psychosocial, legal or documents need. Four queries."""
    start, end = period.start, period.end
    met = Encounter.objects.filter(beneficiary=OuterRef("pk"), date__range=(start, end))
    reached = Beneficiary.objects.filter(Exists(met))
    people = list(
        reached.annotate(
            n_encounters=Count(
                "encounters", filter=Q(encounters__date__range=(start, end)), distinct=True
            )
        )
        .values(
            "pk",
            "municipality__slug",
            "gender",
            "year_of_birth",
            "citizenship",
            "generation",
            "n_encounters",
        )
        .order_by()
    )
    ids = reached.values("pk")
    needs: dict[int, set[str]] = {}
    for pk, code in (
        Need.objects.filter(beneficiary__in=ids, category__sensitive=False)
        .values_list("beneficiary", "category__code")
        .order_by()
    ):
        needs.setdefault(pk, set()).add(code)
    paths: dict[int, str] = {}
    for pk, status in (
        Path.objects.filter(beneficiary__in=ids, start_date__lte=end)
        .order_by("beneficiary", "start_date")
        .values_list("beneficiary", "status")
    ):
        paths[pk] = status  # the latest path started by the end of the period
    referrals: dict[int, tuple[int, int]] = {}
    for row in (
        Referral.objects.filter(path__beneficiary__in=ids)
        .filter(**{f"created_at__{op}": v for op, v in moments(period).items()})
        .values("path__beneficiary")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(state=Referral.State.COMPLETED)))
        .order_by()
    ):
        referrals[row["path__beneficiary"]] = (row["n"], row["done"])
    random.Random(seed).shuffle(people)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXTRACT_COLUMNS)
    for number, p in enumerate(people, start=1):
        n, done = referrals.get(p["pk"], (0, 0))
        row = (
            number,
            p["municipality__slug"] or OTHER,
            p["gender"],
            age_band(p["year_of_birth"], end),
            citizenship_group(p["citizenship"]),
            p["generation"],
            p["n_encounters"],
            ";".join(sorted(needs.get(p["pk"], ()))),
            "yes" if p["pk"] in paths else "no",
            paths.get(p["pk"], ""),
            n,
            done,
        )
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()
