"""docs/privacy.md: its tables are generated from the code (bin/privacy-doc), and nothing is stored
or shown without being classified in sportello/core/privacy.py."""

import dataclasses

from sportello.core import privacy, privacydoc


def test_every_field_of_every_model_is_classified():
    assert privacydoc.problems() == [], "classify these in sportello/core/privacy.py"


def test_every_page_says_what_personal_data_it_shows():
    assert privacydoc.page_problems() == [], "classify these in sportello/core/privacy.py"


def test_the_committed_privacy_page_is_what_the_code_says():
    committed = privacydoc.DOC.read_text(encoding="utf-8")
    fresh = privacydoc.render(committed)
    assert fresh == committed, "docs/privacy.md is stale: run bin/privacy-doc"


def test_a_field_nobody_reviewed_fails(monkeypatch):
    spec = privacy.MODELS["casework.Beneficiary"]
    fields = {name: entry for name, entry in spec.fields.items() if name != "citizenship"}
    monkeypatch.setitem(
        privacy.MODELS, "casework.Beneficiary", dataclasses.replace(spec, fields=fields)
    )
    assert privacydoc.problems() == ["casework.Beneficiary.citizenship: field not classified"]


def test_a_name_stored_in_clear_about_a_person_followed_fails(monkeypatch):
    spec = privacy.MODELS["casework.Beneficiary"]
    fields = {**spec.fields, "gender": privacy.IDENT}  # as if gender were a name in clear
    monkeypatch.setitem(
        privacy.MODELS, "casework.Beneficiary", dataclasses.replace(spec, fields=fields)
    )
    assert privacydoc.problems() == [
        "casework.Beneficiary.gender: identifying stored in clear; encrypt it "
        "(EncryptedTextField) or say why not (clear_text)"
    ]


def test_the_access_table_marks_who_opens_a_persons_identity():
    rows = [line for line in privacydoc.access_section().splitlines() if "/identity/" in line]
    assert len(rows) == 1
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")]
    # area, pages, data, then coordinator, operator, officer, trainer, partner, public
    assert "with identity" in cells[2]
    assert cells[3:] == ["✓", "own", "", "", "", ""]


def test_special_categories_are_listed_with_what_they_reveal():
    table = privacydoc.special_section()
    assert "| `casework.Need.category` | health, psychosocial, legal" in table
    assert "| `casework.Beneficiary.citizenship` | ethnic origin, by proxy | no |" in table
