"""The foundation seen through a browser: sign-in per role, navigation, Arabic, page weight."""

import pytest

from tests.browser.conftest import login

pytestmark = pytest.mark.browser

# The navigation each demo user must see (Italian labels), and what they must not see.
NAVIGATION = {
    "coordinatore": (["Home", "Luoghi", "Progetto", "Utenti", "Registro accessi"], []),
    "operatore": (["Home", "Luoghi", "Progetto"], ["Utenti", "Registro accessi"]),
    "comune": (["Home", "Luoghi", "Progetto"], ["Utenti", "Registro accessi"]),
    "formatore": (["Home", "Progetto"], ["Luoghi", "Utenti"]),
    "partner": (["Home"], ["Luoghi", "Progetto", "Utenti"]),
}


@pytest.mark.parametrize("username", NAVIGATION)
def test_each_role_signs_in_and_sees_its_navigation(server, page, username):
    login(page, server, username)
    # Operators land on their day; everyone else on the staff home.
    landing = "/app/today/" if username == "operatore" else "/app/"
    assert page.url == f"{server.url}{landing}"
    nav = page.get_by_role("navigation", name="Navigazione principale")
    shown, hidden = NAVIGATION[username]
    for label in shown:
        assert nav.get_by_role("link", name=label, exact=True).is_visible(), label
    for label in hidden:
        assert nav.get_by_role("link", name=label, exact=True).count() == 0, label
    # The logins are printed on the console only: never in a page.
    assert server.password not in page.content()


def test_a_wrong_password_gets_a_message_that_does_not_say_which_part_was_wrong(server, page):
    page.goto(f"{server.url}/app/login/")
    page.get_by_label("Nome utente").fill("operatore")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Accedi").click()
    alert = page.get_by_role("alert")
    assert "nome utente e password corretti" in alert.inner_text()
    assert page.get_by_label("Nome utente").input_value() == "operatore"


def test_the_public_site_switches_to_arabic_right_to_left(server, page):
    page.goto(f"{server.url}/it/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(f"{server.url}/ar/")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ar"
    assert "مكتب" in page.locator("h1").inner_text()


def test_a_staff_page_stays_within_its_page_weight_budget(server, browser):
    """≤ 60 KB transferred on the first load of a staff page, ≤ 15 KB on the next one."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="it-IT")
    page = context.new_page()
    login(page, server, "operatore")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    transferred = []
    cdp.on("Network.loadingFinished", lambda event: transferred.append(event["encodedDataLength"]))

    page.goto(f"{server.url}/app/places/")
    page.wait_for_load_state("networkidle")
    first = sum(transferred)
    transferred.clear()
    page.goto(f"{server.url}/app/project/")
    page.wait_for_load_state("networkidle")
    second = sum(transferred)
    context.close()

    print(
        f"\nstaff page weight: first load {first / 1024:.1f} KB, next page {second / 1024:.1f} KB"
    )
    assert first <= 60 * 1024
    assert second <= 15 * 1024


def test_error_pages_speak_the_readers_language_and_show_no_trace(server, page):
    page.goto(f"{server.url}/ar/no-such-page/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "Traceback" not in page.content()
    response = page.goto(f"{server.url}/app/users/")  # anonymous → sign-in page
    assert response.ok
    login(page, server, "formatore")
    response = page.goto(f"{server.url}/app/users/")
    assert response.status == 403
    assert "Accesso negato" in page.locator("h1").inner_text()
