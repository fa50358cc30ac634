"""Exports: every table as CSV and XLSX with the viewer's suppression, spreadsheet-safe text,
the coordinator's anonymised record extract, and an audit row for each."""

import csv
import io

import openpyxl
import pytest

from sportello.accounts.models import AuditEvent, Role
from sportello.indicators.exports import safe_text
from tests.indicators.conftest import EXPECTED, PEOPLE_BY_GENDER


def sheet_rows(content: bytes, name: str) -> dict:
    book = openpyxl.load_workbook(io.BytesIO(content))
    rows = list(book[name].iter_rows(values_only=True))
    return {row[0]: row[1:] for row in rows if row and row[0]}


def test_the_coordinator_downloads_every_table_with_exact_numbers(world, client_for):
    response = client_for(Role.COORDINATOR).get(
        "/app/indicators/indicators.xlsx", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert {"trend", "people-gender", "needs-category", "referrals-outcomes"} <= set(
        book.sheetnames
    )
    gender = sheet_rows(response.content, "people-gender")
    values = [row[0] for row in gender.values() if isinstance(row[0], int) and row[0]]
    assert sorted(values) == sorted([*PEOPLE_BY_GENDER.values(), EXPECTED["people_reached"]])
    assert any("not for publication" in str(key).lower() for key in gender)


def test_a_municipal_officer_downloads_suppressed_numbers(world, client_for):
    response = client_for(Role.MUNICIPAL_OFFICER).get(
        "/app/indicators/indicators.xlsx?municipality=ottiglio"
    )
    gender = sheet_rows(response.content, "people-gender")
    cells = [row[0] for row in gender.values()]
    assert "<5" in cells and 3 not in cells
    needs = [row[0] for row in sheet_rows(response.content, "needs-category").values()]
    assert "<10" in needs


def test_a_csv_per_table(world, client_for):
    response = client_for(Role.MUNICIPAL_OFFICER).get(
        "/app/indicators/tables/people-gender.csv?municipality=ottiglio"
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["<5"] in [row[1:] for row in rows]
    assert client_for(Role.COORDINATOR).get("/app/indicators/tables/nope.csv").status_code == 404


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised(world, client_for):
    term = world["terms"]["job"]
    term.name_it = term.name_en = '=HYPERLINK("http://example.org","x")'
    term.save()
    response = client_for(Role.COORDINATOR).get("/app/indicators/indicators.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    labels = [row[0] for row in book["needs-category"].iter_rows(values_only=True)]
    assert '\'=HYPERLINK("http://example.org","x")' in labels
    assert not any(str(label).startswith("=") for label in labels if label)
    csv_text = (
        client_for(Role.COORDINATOR)
        .get("/app/indicators/tables/needs-category.csv")
        .content.decode()
    )
    assert "'=HYPERLINK" in csv_text


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_safe_text(value):
    assert safe_text(value) == "'" + value
    assert safe_text("Ottiglio") == "Ottiglio"


def test_every_export_writes_an_audit_row(world, client_for):
    client = client_for(Role.MUNICIPAL_OFFICER)
    client.get("/app/indicators/indicators.xlsx")
    client.get("/app/indicators/tables/people-age.csv")
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, object_type="indicators")
    assert [e.object_code for e in events.order_by("at", "id")] == ["tables", "people-age"]
    assert all("suppressed" in e.detail for e in events)


def test_the_record_extract_holds_codes_only(world, client_for):
    response = client_for(Role.COORDINATOR).get("/app/indicators/extract.csv")
    assert response.status_code == 200
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 15  # the people followed met in the project period
    assert {row["age_band"] for row in rows} == {"30-49", "18-29"}
    assert "year_of_birth" not in rows[0] and "1980" not in text and "1990" not in text
    for person in world["a"] + world["b"]:
        assert person.code not in text
    assert "health" not in text and "documents" not in text  # sensitive needs never leave
    assert {row["citizenship_group"] for row in rows} == {"RO", "MA"}
    assert AuditEvent.objects.filter(object_code="extract").count() == 1


def test_only_the_coordinator_gets_the_record_extract(world, client_for):
    assert client_for(Role.MUNICIPAL_OFFICER).get("/app/indicators/extract.csv").status_code == 403
    assert client_for(Role.OPERATOR).get("/app/indicators/extract.csv").status_code == 403
