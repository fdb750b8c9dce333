from __future__ import annotations

import pytest

from cspmonitor.reports.writers import RestrictedContentError, write_pdf
from tests.reports.poppler import run, tool


@pytest.fixture
def pdf(document, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(write_pdf(document))
    return path


def test_pdf_text_numbers_and_marking_on_every_page(pdf):
    info = run(tool("pdfinfo"), str(pdf)).decode()
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2
    assert "Title:" in info and "Strategic assessment 2025 to 2026 (OFFICIAL-SENSITIVE)" in info
    assert "A4" in info
    assert "Tagged:          yes" in info
    text = run(tool("pdftotext"), "-layout", str(pdf), "-").decode()
    page_texts = text.split("\f")[:pages]
    for number, page in enumerate(page_texts, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2, f"page {number} lacks the marking top and bottom"
        assert f"Page {number} of {pages}" in page
    flat = " ".join(text.split())
    for numbered in (
        "1.1 This report sets out",
        "2.1 Recorded crime fell",
        "2.2.1 Violence against the person",
        "2.2.2 Operation Larch",
        "3.1 The partnership is asked",
        "a) serious violence",
    ):
        assert numbered in flat


def test_pdf_renders_page_one(pdf, tmp_path):
    run(tool("pdftoppm"), "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page"))
    pngs = list(tmp_path.glob("page*.png"))
    assert len(pngs) == 1
    assert pngs[0].read_bytes().startswith(b"\x89PNG")


def test_a_chart_prints_at_the_size_it_was_drawn(pdf):
    # conftest's chart is drawn at 72 dpi; printed larger or smaller it would show another resolution.
    listed = run(tool("pdfimages"), "-list", str(pdf)).decode().splitlines()[2:]
    images = [line.split() for line in listed if line.split()[2] == "image"]
    assert [(row[3], row[4], row[12], row[13]) for row in images] == [("288", "180", "72", "72")]


def test_pdf_language(document):
    # WeasyPrint writes /Lang from <html lang> into the catalog; pdfinfo does not show it, so read
    # it from an uncompressed PDF.
    assert b"/Lang (en-GB)" in write_pdf(document, uncompressed_pdf=True)


def test_public_edition_pdf(public_document, tmp_path):
    path = tmp_path / "public.pdf"
    path.write_bytes(write_pdf(public_document))
    text = run(tool("pdftotext"), str(path), "-").decode()
    assert "OFFICIAL-SENSITIVE" not in text
    assert "OFFICIAL" in text


def test_public_edition_with_restricted_content_is_refused(document):
    document.edition = "public"
    with pytest.raises(RestrictedContentError):
        write_pdf(document)


def test_pdf_meets_the_pdf_ua_basics_tagged_language_title_and_xmp(document, tmp_path):
    import pypdf

    document.author = "Western Suffolk Community Safety Partnership"
    path = tmp_path / "ua.pdf"
    path.write_bytes(write_pdf(document))
    reader = pypdf.PdfReader(path)
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])  # tagged
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title == f"{document.title} (OFFICIAL-SENSITIVE)"
    assert reader.metadata.author == "Western Suffolk Community Safety Partnership"
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp or "<pdfuaid:part>1</pdfuaid:part>" in xmp  # PDF/UA-1
    assert document.title in xmp  # dc:title
