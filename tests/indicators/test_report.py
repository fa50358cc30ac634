"""The evaluation report (PDF): suppressed, in Italian and English; text checked with pdftotext."""

import shutil
import subprocess

import pytest

from sportello.accounts.models import AuditEvent, Role

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext is missing")


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_report_is_built_suppressed_with_a_page_per_municipality(
    lang, world, client_for, tmp_path
):
    response = client_for(Role.COORDINATOR).get(f"/app/indicators/report.pdf?lang={lang}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert float(response["X-Build-Seconds"]) < 60
    text = pdf_text(response.content, tmp_path)
    assert "Sportello migrante" in text  # the project frame
    for town in ("Ottiglio", "Fubine Monferrato", "Villadeati", "Alfiano Natta"):
        assert town in text
    assert "<10" in text  # Ottiglio's three health needs, even for the coordinator
    assert "150" in text and "30" in text  # the targets
    assert AuditEvent.objects.filter(object_code="report").exists()


def test_the_english_report_speaks_english(world, client_for, tmp_path):
    text = pdf_text(
        client_for(Role.COORDINATOR).get("/app/indicators/report.pdf?lang=en").content, tmp_path
    )
    assert "Evaluation report" in text
    assert "Targets and results" in text
    assert "Method and suppression of small numbers" in text


def test_targets_and_results_side_by_side(world, client_for, tmp_path):
    text = pdf_text(
        client_for(Role.MUNICIPAL_OFFICER).get("/app/indicators/report.pdf?lang=en").content,
        tmp_path,
    )
    line = next(line for line in text.splitlines() if "People reached" in line)
    assert line.split()[-4:] == ["150", "18", "not", "met"]
    line = next(line for line in text.splitlines() if "People in an integration path" in line)
    assert line.split()[-4:] == ["30", "7", "not", "met"]
