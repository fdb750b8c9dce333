from __future__ import annotations

import io
import re

import docx
from docx.shared import Inches, Mm

from cspmonitor.reports.writers import write_docx, write_html

from .conftest import png_chart
from .test_html import html_numbers

NUMBER = re.compile(r"^(\d+(?:\.\d+)*|[a-z]+\))\t")


def open_docx(document):
    return docx.Document(io.BytesIO(write_docx(document)))


def docx_numbers(word) -> list[str]:
    numbers = []
    for paragraph in word.paragraphs:
        match = NUMBER.match(paragraph.text)
        if match:
            numbers.append(match.group(1))
    return numbers


def test_page_is_a4_with_marking_and_page_numbers(document):
    word = open_docx(document)
    section = word.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert section.footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert not section.different_first_page_header_footer  # the marking is on every page
    assert word.core_properties.title == "Strategic assessment 2025 to 2026"
    assert word.core_properties.language == "en-GB"


def test_headings_and_numbering(document):
    word = open_docx(document)
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Recommendations"),
        ("Heading 1", "1\tPurpose of the report"),
        ("Heading 1", "2\tFindings"),
        ("Heading 2", "2.2\tViolence"),
        ("Heading 1", "3\tRecommendations"),
    ]
    assert word.paragraphs[0].style.name == "Title"
    by_number = {NUMBER.match(p.text).group(1): p.text for p in word.paragraphs if NUMBER.match(p.text)}
    assert by_number["2.2.1"] == "2.2.1\tViolence against the person is the largest category."
    assert by_number["2.2.2"] == "2.2.2\tOperation Larch targets two addresses in Haverhill."
    assert any(p.text.startswith("OFFICIAL-SENSITIVE – exempt under Schedule 12A") for p in word.paragraphs)


def test_docx_numbers_match_html(document, public_document):
    for doc in (document, public_document):
        assert docx_numbers(open_docx(doc)) == html_numbers(write_html(doc))


def test_table_and_figure(document):
    word = open_docx(document)
    assert len(word.inline_shapes) == 1
    assert 'descr="Bar chart' in word.inline_shapes[0]._inline.xml
    # Front sheet, table 1 and the figure's data table.
    assert len(word.tables) == 3
    table = word.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["Area", "Offences", "Victims under 18"]
    assert "w:tblHeader" in table.rows[0]._tr.xml
    assert [c.text for c in table.rows[2].cells] == ["Sudbury", "95", "[c]"]
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions == ["Table 1: Offences by area", "Figure 1: Offences by area", "Data for figure 1"]


def test_a_chart_is_placed_at_the_size_it_was_drawn(document):
    [shape] = open_docx(document).inline_shapes
    assert (shape.width, shape.height) == (Inches(4), Inches(2.5))  # conftest's chart


def test_a_chart_wider_than_the_text_is_shrunk_to_fit_keeping_its_shape(document):
    figure = document.sections[1].subsections[0].blocks[3]
    figure.image = png_chart(width=10)  # 10 by 2.5 inches
    [shape] = open_docx(document).inline_shapes
    assert shape.width == Mm(170)
    assert abs(shape.height - Mm(170) / 4) < Mm(0.1)


def test_a_restricted_flag_stays_on_the_page_of_what_it_flags(document):
    word = open_docx(document)
    flags = [p for p in word.paragraphs if p.text.startswith("OFFICIAL-SENSITIVE \N{EN DASH}")]
    assert flags and all(p.paragraph_format.keep_with_next for p in flags)


def test_svg_figure_falls_back_to_data_table(document):
    figure = document.sections[1].subsections[0].blocks[3]
    figure.media_type = "image/svg+xml"
    figure.image = b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    word = open_docx(document)
    assert len(word.inline_shapes) == 0
    assert len(word.tables) == 3
    assert any("data it shows follows" in p.text for p in word.paragraphs)


def test_public_edition(public_document):
    word = open_docx(public_document)
    assert word.sections[0].header.paragraphs[0].text == "OFFICIAL"
    text = "\n".join(p.text for p in word.paragraphs)
    assert "OFFICIAL-SENSITIVE" not in text and "Operation Larch" not in text
    assert "withheld under Schedule 12A" in text
