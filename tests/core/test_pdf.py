"""The shared typst PDF helper: data comes out verbatim, Arabic is shaped right-to-left."""

import shutil
import subprocess

import pytest

from sportello.core.pdf import PdfError, font_paths, render_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_fonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def test_typst_special_characters_come_out_verbatim(tmp_path):
    tricky = 'Ahmed #strong[x] $a^2$ *bold* [link] _u_ "q" \\ @ref <lbl> // not a comment'
    pdf = render_pdf("core/plain.typ", {"title": tricky, "sections": [{"paragraphs": [tricky]}]})

    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf, tmp_path).split())  # the big title wraps
    assert text.count(tricky) == 2


def test_arabic_is_set_with_the_noto_arabic_font_from_pip(tmp_path):
    pdf = render_pdf("core/plain.typ", {"lang": "ar", "title": "ورقة الإحالة", "sections": []})

    assert "الإحالة" in pdf_text(pdf, tmp_path)
    fonts = pdf_fonts(pdf, tmp_path)
    assert "NotoSansArabic" in fonts
    assert all("site-packages" in path or "dist-packages" in path for path in font_paths())


def test_an_unknown_template_is_refused():
    with pytest.raises(PdfError):
        render_pdf("core/../../etc/passwd", {})
    with pytest.raises(PdfError):
        render_pdf("core/missing.typ", {})
