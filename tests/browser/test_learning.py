"""Courses in the browser: the trainer marks attendance on a phone and sees a learner cross the
completion threshold; the coordinator downloads a certificate and the signature register.

Selectors use the page structure (links, the toggles' pressed state, the "completed" badge), not
UI wording, so the test holds whatever the catalogue says.
"""

import subprocess

from tests.browser.conftest import login

L2_COURSE = "Italiano L2 – livello A1 (demo)"


def pdf_text(download, tmp_path, name: str) -> str:
    path = tmp_path / name
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_trainer_marks_attendance_and_a_learner_completes(page, server):
    login(page, server, "formatore")
    page.goto(f"{server.url}/app/courses/")
    page.get_by_role("link", name=L2_COURSE).click()
    # The last lesson: the demo's first learner has 40 of the 42 hours needed, absent there.
    page.locator("a[href*='/app/sessions/']").last.click()
    row = page.locator(".register-row", has=page.locator(".progress", has_text="40 "))
    row = row.filter(has_not=page.locator(".badge.done")).first
    toggle = row.locator("button.toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    box = toggle.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300  # one big target per person on a phone
    row_id = row.get_attribute("id")
    toggle.click()
    marked = page.locator(f"#{row_id}")
    marked.locator("button[aria-pressed='true']").wait_for()
    # The new toggle has the focus again (htmx keeps it by id): a keyboard user goes on from there.
    assert page.evaluate("document.activeElement.closest('.register-row')?.id") == row_id
    assert marked.locator(".badge.done").count() == 1
    assert "42" in marked.locator(".progress").inner_text()
    # Saved: still there after a reload.
    page.reload()
    assert page.locator(f"#{row_id} button").get_attribute("aria-pressed") == "true"


def test_the_coordinator_downloads_a_certificate_and_the_signature_register(page, server, tmp_path):
    login(page, server, "coordinatore")
    page.goto(f"{server.url}/app/courses/")
    page.get_by_role("link", name=L2_COURSE).click()
    with page.expect_download() as download:
        page.locator("a[href$='/certificate.pdf']").first.click()
    certificate = pdf_text(download, tmp_path, "certificate.pdf")
    assert "Attestato di frequenza" in certificate
    assert L2_COURSE in certificate.replace("\n", " ")
    with page.expect_download() as download:
        page.locator("a[href$='/signatures.pdf']").first.click()
    register = pdf_text(download, tmp_path, "register.pdf")
    assert "Registro firme" in register and "Firma" in register
