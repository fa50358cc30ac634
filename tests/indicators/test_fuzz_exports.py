"""Spreadsheet safety of the exports meant for people (indicators XLSX, each table as CSV, the
anonymised extract), as a property: whatever text sits where someone can type it — the name of a
need category, of a municipality — a cell never starts with = + - @ tab or carriage return, no
XLSX cell is a formula, control characters never break the XLSX, and the text is otherwise kept.

The HSDS package is not a spreadsheet but data: see tests/directory/test_fuzz_hsds_export.py."""

import csv
import io

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportello.accounts.models import Role
from sportello.directory.models import TaxonomyTerm
from sportello.indicators.exports import FORMULA_STARTS, safe_text, xlsx_text
from sportello.territory.models import Municipality
from tests.fuzz import FUZZ, FUZZ_SLOW, NASTY, rolled_back

pytestmark = pytest.mark.django_db

# Text as it can be typed or imported: anything but NUL (refused everywhere), often formula-like.
typed = st.one_of(
    st.sampled_from([n for n in NASTY if "\x00" not in n and n.strip()]),
    st.tuples(st.sampled_from(FORMULA_STARTS), st.text(min_size=1, max_size=40)).map("".join),
    st.text(min_size=1, max_size=80),
).filter(lambda s: "\x00" not in s and s.strip())


def unsafe(cell) -> bool:
    return isinstance(cell, str) and cell.startswith(FORMULA_STARTS)


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode())) for cell in row]


def xlsx_cells(content: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


@FUZZ_SLOW
@given(need=typed, town=typed)
def test_no_exported_cell_can_run_as_a_formula(world, client_for, need, town):
    coordinator = client_for(Role.COORDINATOR)
    with rolled_back():
        need = need[: TaxonomyTerm._meta.get_field("name_it").max_length]
        term = world["terms"]["job"]
        term.name_it = need
        term.save(update_fields=["name_it"])
        town = town[: Municipality._meta.get_field("name").max_length]
        Municipality.objects.filter(slug="ottiglio").update(name=town)

        book = coordinator.get("/app/indicators/indicators.xlsx")
        assert book.status_code == 200
        cells = xlsx_cells(book.content)
        assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula cell"
        values = [c.value for c in cells]
        assert not [v for v in values if unsafe(v)]
        kept = xlsx_text(safe_text(need))  # kept, only neutralised (XML reads \r as \n)
        assert kept.replace("\r\n", "\n").replace("\r", "\n") in values

        for table in ("needs-category", "people-municipality"):
            response = coordinator.get(f"/app/indicators/tables/{table}.csv")
            assert response.status_code == 200
            assert not [c for c in csv_cells(response.content) if unsafe(c)]
        extract = coordinator.get("/app/indicators/extract.csv")
        assert not [c for c in csv_cells(extract.content) if unsafe(c)]


@settings(FUZZ, max_examples=200)  # no database: fast
@given(text=st.text(max_size=60))
def test_safe_text_neutralises_and_keeps(text):
    safe = safe_text(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (text, "'" + text)
    cell = xlsx_text(safe)
    assert not cell.startswith(FORMULA_STARTS)
    book = openpyxl.Workbook()
    book.active.append([cell])  # openpyxl refuses control characters: none are left
    assert book.active["A1"].data_type == "s" or cell == ""


def test_a_category_name_with_control_characters_does_not_break_the_xlsx(world, client_for):
    term = world["terms"]["job"]
    term.name_it = "Lavoro\x01\x0b\x1b[0m"
    term.save(update_fields=["name_it"])
    response = client_for(Role.COORDINATOR).get("/app/indicators/indicators.xlsx")
    assert response.status_code == 200
    labels = [c.value for c in xlsx_cells(response.content)]
    assert "Lavoro\ufffd\ufffd\ufffd[0m" in labels
