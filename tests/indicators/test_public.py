"""The public open indicators: suppressed, in the six public languages, Arabic right to left."""

import pytest
from django.conf import settings

from tests.indicators.html_tables import page_tables


@pytest.mark.parametrize("lang", settings.PUBLIC_LANGUAGES)
def test_the_open_indicators_in_every_public_language(lang, world, client):
    response = client.get(f"/{lang}/indicators/")
    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert 'role="img"' in html and "<title" in html and "<desc" in html  # accessible charts


def test_the_public_sees_no_small_number(world, client):
    html = client.get("/en/indicators/").content.decode()
    tables = page_tables(html)
    # 3 Romanian citizens: hidden; the total of the table is published.
    assert tables["people-citizenship"]["RO"] == ["<5"]
    assert tables["people-citizenship"]["total"] == ["18"]
    assert "not for publication" not in html.lower()
    for table in tables.values():
        for cells in table.values():
            for cell in cells:
                assert not (cell.isdigit() and 0 < int(cell) < 5), table
