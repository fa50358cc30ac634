"""The operator's day on a phone (360×740), through the pages only: open "today", log a visit with
two anonymous contacts, register a person with consent, add two needs, pick a suggested service,
send the referral, print the slip in Arabic, let the service answer through its one-time link in
an anonymous browser (received, then completed), and close the path with an outcome."""

import re
import shutil
import subprocess

import pytest

from tests.browser.conftest import login

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
CODE = re.compile(r"SM-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}")
PERSON_URL = re.compile(r".*/app/people/SM-[^/]+/(#[a-z-]+)?$")
VISIT_URL = re.compile(r".*/app/visits/[0-9a-f-]{36}/$")
REFERRAL_URL = re.compile(r".*/app/referrals/[0-9a-f-]{36}/$")
NAME = ("Zahra", "Ipotetica Demo")


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def arabic_letters(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "slip.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return sum("\u0600" <= ch <= "\u06ff" for ch in text)


def log_a_visit(page) -> None:
    page.get_by_role("main").get_by_role("link", name="Registra una visita").click()
    page.select_option("select[name='place']", index=1)
    page.get_by_role("button", name="60′").click()
    for index, (gender, age_band, language) in enumerate(
        [("female", "30-49", "ar"), ("male", "18-29", "ro")]
    ):
        if index:
            page.locator("[data-add-contact]").click()
        page.locator(f"input[name='contacts-{index}-gender'][value='{gender}']").check()
        page.locator(f"input[name='contacts-{index}-age_band'][value='{age_band}']").check()
        page.select_option(f"select[name='contacts-{index}-language']", language)
    page.get_by_role("button", name="Salva la visita").click()
    page.wait_for_url(VISIT_URL)
    assert page.locator("table tbody tr").count() == 2


def register_a_person(page) -> str:
    nav = page.get_by_role("navigation", name="Navigazione principale")
    nav.get_by_role("link", name="Persone", exact=True).click()
    page.get_by_role("link", name="Registra una persona").click()
    page.locator("input[name='gender'][value='female']").check()
    page.get_by_label("Anno di nascita").fill("1991")
    page.locator("input[name='languages'][value='ar']").check()
    page.get_by_label("Comune di residenza o frequentato").select_option(label="Fubine Monferrato")
    page.locator("summary").filter(has_text="Identit").click()
    page.locator("#id_first_name").fill(NAME[0])
    page.locator("#id_family_name").fill(NAME[1])
    page.locator("#id_consent_follow_up").check()
    page.get_by_role("button", name="Registra", exact=True).click()
    page.wait_for_url(PERSON_URL)
    code = CODE.search(page.url).group(0)
    assert NAME[1] not in page.content()  # the name is shown only on request
    return code


def add_a_need(page, label: str) -> None:
    page.get_by_role("link", name="Aggiungi un bisogno").first.click()
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Salva e vedi i servizi").click()
    page.get_by_role("heading", name="Servizi adatti").wait_for()


def test_the_operators_day(server, browser, page, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    login(page, server, "operatore")

    # Today, then a visit with two anonymous contacts.
    nav = page.get_by_role("navigation", name="Navigazione principale")
    nav.get_by_role("link", name="Oggi", exact=True).click()
    page.get_by_role("heading", name="Oggi", level=1).wait_for()
    assert fits_the_phone(page)
    log_a_visit(page)

    # A person with their consent, and two needs.
    code = register_a_person(page)
    add_a_need(page, "Lingua italiana (L2)")
    page.goto(f"{server.url}/app/people/{code}/")
    add_a_need(page, "Accesso alla salute")

    # Pick a suggested service: the referral is prepared as a draft.
    page.get_by_role("link", name="Invia", exact=True).first.click()
    service = page.locator("#id_service option:checked").inner_text()
    page.get_by_role("button", name="Prepara l'invio").click()
    page.wait_for_url(REFERRAL_URL)
    referral_url = page.url
    assert fits_the_phone(page)

    # Sending needs the person's consent to share with this service: record it, then send.
    page.get_by_role("button", name="Invia al servizio").click()
    assert page.get_by_role("link", name="Registra il consenso").is_visible()
    assert page.locator("#referral-state").inner_text() == "Bozza"
    page.get_by_role("link", name="Registra il consenso").click()
    page.locator("#id_agreed").check()
    page.get_by_role("button", name="Registra il consenso").click()
    page.wait_for_url(PERSON_URL)
    page.locator("#paths").get_by_role("link", name=service).click()
    page.wait_for_url(referral_url)
    page.get_by_role("button", name="Invia al servizio").click()
    provider_url = page.locator("#provider-link").input_value()
    assert re.search(r"/r/[\w-]{40,}/$", provider_url)
    assert page.locator("#referral-state").inner_text() == "Inviato"

    # The slip, in Arabic: a PDF with Arabic text and the person's code, never the name.
    page.get_by_label("Lingua del foglio").select_option("ar")
    with page.expect_response(lambda response: "slip.pdf" in response.url) as slip:
        page.get_by_role("button", name="Stampa il foglio").click()
    pdf = page.request.get(slip.value.url).body()
    assert pdf.startswith(b"%PDF") and b"/Lang(ar)" in pdf
    assert arabic_letters(pdf, tmp_path) > 30

    # The service, in an anonymous browser, without an account.
    service_side = browser.new_context(viewport=PHONE, locale="it-IT")
    try:
        provider = service_side.new_page()
        provider.goto(provider_url)
        assert provider.locator("#person-code").inner_text() == code
        assert NAME[0] not in provider.content() and NAME[1] not in provider.content()
        assert fits_the_phone(provider)
        provider.get_by_label("Ricevuto").check()
        provider.get_by_role("button", name="Invia", exact=True).click()
        provider.get_by_label("Completato").check()
        provider.get_by_label("Nota").fill("Iscritta al corso del lunedì")
        provider.get_by_role("button", name="Invia", exact=True).click()
        provider.get_by_role("heading", name="Grazie").wait_for()
        # Used up: the link now reveals nothing.
        response = provider.goto(provider_url)
        assert response.status == 410
        assert code not in provider.content()
    finally:
        service_side.close()

    # Back at the desk: the loop is closed; close the path with an outcome.
    page.goto(referral_url)
    assert page.locator("#referral-state").inner_text() == "Completato"
    assert "Iscritta al corso del lunedì" in page.content()
    page.get_by_role("link", name=re.compile("Percorso di integrazione")).click()
    page.get_by_role("link", name="Chiudi il percorso").click()
    page.get_by_label("Completato").check()
    page.get_by_label("Esito").fill("Iscritta al corso di italiano e al medico di base")
    page.get_by_role("button", name="Chiudi il percorso").click()
    page.get_by_text("Percorso chiuso.").wait_for()
    assert "Iscritta al corso di italiano e al medico di base" in page.content()
    assert fits_the_phone(page)
