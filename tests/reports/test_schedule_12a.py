"""Schedule 12A done properly: withheld notes say what kind of information was withheld and how
members may see it; the restricted front sheet states the exempt paragraphs and the public
interest test; every printed page of the restricted web page carries its marking."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from cspmonitor.reports import services
from cspmonitor.reports.blocks import Withheld
from cspmonitor.reports.writers import write_html
from tests.reports.poppler import run, tool

YEAR = "2022-23"


def test_each_withheld_note_says_what_was_withheld_and_how_members_may_see_it(demo):
    public = services.build(demo.partnership, "annual", YEAR, "public")
    notes = [block for _, block in public.walk() if isinstance(block, Withheld)]
    assert len(notes) >= 3
    for note in notes:
        assert note.note.startswith("Withheld from this edition: ")
        assert "Some information" not in note.note
        assert f"paragraph {note.schedule_12a} of Part 1 of Schedule 12A" in note.note
        assert "may read it in the restricted edition" in note.note
        assert (
            "the lead officer, the Director (Families and Communities), or Democratic Services" in note.note
        )
    texts = " ".join(note.note for note in notes)
    assert "the stage each Domestic Homicide Review has reached" in texts
    assert "the table ‘Referrals by route and quarter, 2022-23’" in texts


def test_the_restricted_front_sheet_states_the_exempt_paragraphs_and_the_public_interest_test(demo):
    restricted = services.build(demo.partnership, "annual", YEAR, "restricted")
    assert restricted.front_sheet is not None
    rows = dict(restricted.front_sheet.rows)
    assert "paragraph 2 (information which is likely to reveal the identity" in rows["Exempt information"]
    assert "paragraph 7 (information relating to any action taken" in rows["Exempt information"]
    assert "public interest in keeping this information exempt outweighs" in rows["Public interest test"]

    public = services.build(demo.partnership, "annual", YEAR, "public")
    assert public.front_sheet is not None
    assert "Exempt information" not in dict(public.front_sheet.rows)


def test_every_printed_page_of_the_restricted_web_page_carries_its_marking(demo, tmp_path):
    chromium = shutil.which("chromium") or pytest.fail("chromium not found: install it (make test does)")
    page = tmp_path / "restricted.html"
    page.write_text(write_html(services.build(demo.partnership, "annual", YEAR, "restricted")))
    printed = tmp_path / "restricted.pdf"
    subprocess.run(  # noqa: S603
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={printed}",
            page.as_uri(),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    pages = run(tool("pdftotext"), "-layout", str(printed), "-").decode().split("\f")
    pages = [text for text in pages if text.strip()]
    assert len(pages) > 5
    unmarked = [number for number, text in enumerate(pages, start=1) if "OFFICIAL-SENSITIVE" not in text]
    assert unmarked == []
