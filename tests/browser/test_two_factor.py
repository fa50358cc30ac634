"""Two-step sign-in through the browser, on a phone-sized screen: a user turns it on from the
account page with the key typed "by hand" into a (computed) authenticator app, keeps the recovery
codes, and signs in again with password and code."""

import re

import pytest

from tests.accounts.two_factor_helpers import app_code, key_on_page
from tests.browser.conftest import login

pytestmark = pytest.mark.browser

# A user of its own: the demo users of the other tests keep signing in with the password only.
USERNAME = "verifica.due.passaggi"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_turning_on_two_step_sign_in_and_signing_in_with_a_code(server, page):
    server.manage(
        "shell",
        "-c",
        "from sportello.accounts.models import User, Role; "
        f"u = User(username='{USERNAME}', role=Role.TRAINER); "
        f"u.set_password('{server.password}'); u.save()",
    )
    login(page, server, USERNAME)
    page.get_by_role("link", name="Il tuo account").click()
    page.get_by_role("link", name="Attiva la verifica in due passaggi").click()
    assert page.locator(".qr svg").is_visible()
    assert fits_the_screen(page)
    key = key_on_page(page.content())
    page.get_by_label("Codice mostrato dall'app").fill(app_code(key))
    page.get_by_role("button", name="Attiva la verifica in due passaggi").click()

    assert "/app/account/recovery-codes/" in page.url
    codes = page.locator("ol.codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", c) for c in codes)
    assert fits_the_screen(page)
    page.get_by_role("button", name="Li ho conservati: continua").click()
    assert page.get_by_text("10 codici di recupero rimasti").is_visible()

    page.get_by_role("button", name="Esci").click()
    login(page, server, USERNAME)
    assert "/app/login/code/" in page.url
    assert fits_the_screen(page)
    # The next code of the app (the one used to turn it on cannot be used twice).
    page.get_by_label("Codice").fill(app_code(key, steps_ahead=1))
    page.get_by_role("button", name="Conferma").click()
    page.wait_for_url(f"{server.url}/app/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Ciao")
