"""What the published files say: the demo 2022-23 annual report in both editions, read back from
the Word and PDF files (and the web page) rather than from the document data.

What must not be published is worked out from the restricted document itself (its restricted
blocks, and the cells the public edition suppresses), not listed by hand, so the checks follow
the data. Each check that something is absent from the public edition is paired with the check
that it is present in the restricted one, so a text extraction that read nothing would fail.

The files are built once for the module: a PDF takes seconds to write.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

import docx
import pytest
from django.db import transaction
from django.test import override_settings

from cspmonitor.accounts.models import Classification
from cspmonitor.activity.models import Referral
from cspmonitor.demo.loader import load_western_suffolk
from cspmonitor.reports import services
from cspmonitor.reports.blocks import OFFICIAL, Block, Document, Figure, ListBlock, Paragraph, Section, Table
from cspmonitor.reports.editions import DEFAULT_THRESHOLD, SUPPRESSED
from cspmonitor.reports.writers.html import SUPPRESSED_NOTE
from tests.reports.poppler import run, tool

#: pytest-django sets up the test database only when a collected test asks for it; without this
#: mark the module fixture below would find the development database instead.
pytestmark = pytest.mark.django_db

EDITIONS = ("restricted", "public")
PAGE_NUMBER = re.compile(r"^Page \d+ of \d+$")


@dataclass
class Published:
    """One edition: its document and the text of its files."""

    document: Document
    word: docx.document.Document
    pdf: Path
    pdf_pages: list[str]  # the text of each page, as pdftotext gives it
    html: str

    def word_text(self) -> str:
        rows = [" ".join(cell.text for cell in row.cells) for table in self.word.tables for row in table.rows]
        return flat("\n".join([*(p.text for p in self.word.paragraphs), *rows]))

    def pdf_text(self) -> str:
        """The body text: the page markings and numbers are dropped, so a paragraph that runs on
        to the next page reads as one."""
        marking = self.document.marking
        lines = [line for page in self.pdf_pages for line in page.splitlines()]
        return flat("\n".join(line for line in lines if line != marking and not PAGE_NUMBER.match(line)))

    def text(self, file_format: str) -> str:
        return self.word_text() if file_format == "docx" else self.pdf_text()


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Published]:
    folder = tmp_path_factory.mktemp("published")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=hashers), transaction.atomic():
        partnership = load_western_suffolk()
        # The demo's referral counts are all OFFICIAL-SENSITIVE, so its public edition would have no
        # small count left to suppress. The Home Office publishes NRM referrals by council, so a
        # partnership may well publish its own: that gives a public table of small counts.
        Referral.objects.filter(route=Referral.Route.NRM).update(classification=Classification.OFFICIAL)
        documents = {
            edition: services.build(partnership, "annual", "2022-23", edition) for edition in EDITIONS
        }
        transaction.set_rollback(True)  # the tests that follow start from an empty database
    editions = {}
    for edition, document in documents.items():
        pdf = folder / f"{edition}.pdf"
        pdf.write_bytes(services.render(document, "pdf"))
        editions[edition] = Published(
            document=document,
            word=docx.Document(io.BytesIO(services.render(document, "docx"))),
            pdf=pdf,
            pdf_pages=run(tool("pdftotext"), str(pdf), "-").decode().split("\f")[:-1],
            html=services.render(document, "html").decode(),
        )
    return editions


def restricted_blocks(sections: list[Section], withheld: bool = False) -> Iterator[Block]:
    """Every block the public edition must leave out: restricted blocks, and every block of a
    restricted section."""
    for section in sections:
        hidden = withheld or section.classification != OFFICIAL
        for block in section.blocks:
            tables = [block.data_table] if isinstance(block, Figure) and block.data_table else []
            for item in [block, *tables]:
                if hidden or item.restricted:
                    yield item
        yield from restricted_blocks(section.subsections, hidden)


def restricted_text(document: Document) -> list[str]:
    """The words of the restricted blocks: paragraphs, list items and table rows."""
    found: list[str] = []
    for block in restricted_blocks(document.sections):
        if isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, ListBlock):
            found.extend(block.items)
        elif isinstance(block, Table):
            found.extend(" ".join(cell.text for cell in row) for row in block.rows)
    return [flat(text) for text in found]


def suppressed_tables(published: dict[str, Published]) -> list[tuple[Table, Table]]:
    """(public table, the same table in the restricted edition) for each table with a suppressed cell."""
    restricted = [b for _s, b in published["restricted"].document.walk() if isinstance(b, Table)]
    pairs = []
    for _section, table in published["public"].document.walk():
        if isinstance(table, Table) and any(cell.suppressed for row in table.rows for cell in row):
            [original] = [t for t in restricted if t.caption == table.caption and labels(t) == labels(table)]
            pairs.append((table, original))
    return pairs


def labels(table: Table) -> list[str]:
    return [row[0].text for row in table.rows]


def word_table(word, table: Table):
    """The Word table showing ``table``: the same headings and row labels."""
    [found] = [
        t
        for t in word.tables
        if [c.text for c in t.rows[0].cells] == table.headers
        and [r.cells[0].text for r in t.rows[1:]] == labels(table)
    ]
    return found


def test_the_demo_has_restricted_content_and_small_counts_to_check(published):
    text = restricted_text(published["restricted"].document)
    assert any("WS-DHR-" in line for line in text)  # the homicide reviews' case references
    assert any(line.startswith("Channel") for line in text)  # Prevent's referral counts
    assert suppressed_tables(published)


@pytest.mark.parametrize("file_format", ["docx", "pdf"])
def test_the_public_edition_holds_none_of_the_restricted_content(published, file_format):
    public = published["public"].text(file_format)
    leaked = [line for line in restricted_text(published["restricted"].document) if line in public]
    assert not leaked
    assert "WS-DHR" not in public
    assert "Schedule 12A" in public  # each withheld part says why


@pytest.mark.parametrize("file_format", ["docx", "pdf"])
def test_the_restricted_edition_holds_all_of_it(published, file_format):
    restricted = published["restricted"].text(file_format)
    missing = [line for line in restricted_text(published["restricted"].document) if line not in restricted]
    assert not missing


def test_the_public_word_tables_show_no_count_below_the_threshold(published):
    word = published["public"].word
    for table, original in suppressed_tables(published):
        shown = word_table(word, table)
        for r, row in enumerate(original.rows):
            for c, cell in enumerate(row):
                text = shown.rows[r + 1].cells[c].text
                if cell.count is not None and 0 < cell.count < DEFAULT_THRESHOLD:
                    assert text == SUPPRESSED, f"{table.caption}: {cell.text} shown"
                elif table.rows[r][c].suppressed:
                    assert text == SUPPRESSED  # hidden as well, so the total gives nothing away
                else:
                    assert text == cell.text


def test_the_public_pdf_marks_each_suppressed_cell(published):
    public, restricted = published["public"].pdf_text(), published["restricted"].pdf_text()
    assert SUPPRESSED_NOTE in public
    for table, original in suppressed_tables(published):
        for shown, row in zip(table.rows, original.rows, strict=True):
            if any(cell.suppressed for cell in shown):
                assert " ".join(cell.text for cell in shown) in public
                values = " ".join(cell.text for cell in row)
                assert values not in public and values in restricted


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_of_the_pdf_carries_the_marking_top_and_bottom(published, edition):
    report = published[edition]
    info = run(tool("pdfinfo"), str(report.pdf)).decode()
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    assert len(report.pdf_pages) == pages > 1
    markings = [page.splitlines().count(report.document.marking) for page in report.pdf_pages]
    assert markings == [2] * pages
    numbers = [sum(bool(PAGE_NUMBER.match(line)) for line in page.splitlines()) for page in report.pdf_pages]
    assert numbers == [1] * pages


def test_the_public_pdf_never_says_official_sensitive(published):
    assert not any("OFFICIAL-SENSITIVE" in page for page in published["public"].pdf_pages)
    assert any("OFFICIAL-SENSITIVE –" in page for page in published["restricted"].pdf_pages)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_word_file_carries_the_marking_in_its_header_and_footer(published, edition):
    report = published[edition]
    section = report.word.sections[0]
    assert section.header.paragraphs[0].text == report.document.marking
    assert section.footer.paragraphs[0].text == report.document.marking


def figures(document: Document) -> list[Figure]:
    return [block for _section, block in document.walk() if isinstance(block, Figure)]


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_chart_is_the_same_picture_with_the_same_alternative_text_in_every_format(published, edition):
    report = published[edition]
    charts = figures(report.document)
    assert len(charts) == 2
    shapes = report.word.inline_shapes
    assert [shape._inline.docPr.get("descr") for shape in shapes] == [chart.alt for chart in charts]
    parts = report.word.part.related_parts
    blobs = [parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob for shape in shapes]
    assert blobs == [chart.image for chart in charts]
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)"[^>]* alt="([^"]*)">', report.html)
    assert [(base64.b64decode(data), alt) for data, alt in images] == [
        (chart.image, escape(chart.alt)) for chart in charts
    ]
    listed = run(tool("pdfimages"), "-list", str(report.pdf)).decode().splitlines()[2:]
    assert [line.split()[2] for line in listed].count("image") == len(charts)
