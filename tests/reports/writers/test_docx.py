from __future__ import annotations

import io
import re

import docx
from docx.oxml.ns import qn
from docx.shared import Inches, Mm

from cspmonitor.reports.writers import write_docx, write_html
from tests.reports.word_numbering import labels, visible_labels

from .conftest import png_chart
from .test_html import html_numbers

NUMBER = re.compile(r"^(\d+(?:\.\d+)*|[a-z]+\))\t")


def open_docx(document):
    return docx.Document(io.BytesIO(write_docx(document)))


def docx_numbers(word) -> list[str]:
    """The numbers Word shows, from its numbering definitions (not typed text); list letters
    are written "a)" as the HTML writes them."""
    return visible_labels(word)


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
        ("Heading 1", "Purpose of the report"),
        ("Heading 1", "Findings"),
        ("Heading 2", "Violence"),
        ("Heading 1", "Recommendations"),
    ]
    assert word.paragraphs[0].style.name == "Title"
    by_number = {label: text for label, text, hidden in labels(word) if not hidden}
    assert by_number["1"] == "Purpose of the report"
    assert by_number["2.2"] == "Violence"
    assert by_number["2.2.1"] == "Violence against the person is the largest category."
    assert by_number["2.2.2"] == "Operation Larch targets two addresses in Haverhill."
    assert not any(NUMBER.match(p.text) for p in word.paragraphs)  # no number typed as text
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


def test_inserting_a_paragraph_renumbers_the_ones_after_it(document):
    """An officer copies paragraph 2.2.1 and edits it: Word's numbering gives the copy 2.2.2 and
    moves the old 2.2.2 on to 2.2.3, with nothing retyped."""
    import copy

    word = open_docx(document)
    before = {text: label for label, text, hidden in labels(word) if not hidden}
    assert before["Operation Larch targets two addresses in Haverhill."] == "2.2.2"
    first = next(
        p for p in word.paragraphs if p.text == "Violence against the person is the largest category."
    )
    inserted = copy.deepcopy(first._p)
    first._p.addnext(inserted)
    saved = io.BytesIO()
    word.save(saved)
    after = docx.Document(io.BytesIO(saved.getvalue()))
    numbers = {text: label for label, text, hidden in labels(after) if not hidden}
    assert numbers["Operation Larch targets two addresses in Haverhill."] == "2.2.3"
    assert [label for label, text, _ in labels(after) if text.startswith("Violence against")] == [
        "2.2.1",
        "2.2.2",
    ]
    assert numbers["Recommendations"] == "3"  # the next section is untouched


def test_core_properties_name_the_partnership_title_and_time_made(document):
    document.author = "Western Suffolk Community Safety Partnership"
    word = open_docx(document)
    props = word.core_properties
    assert props.author == "Western Suffolk Community Safety Partnership"
    assert props.last_modified_by == "Western Suffolk Community Safety Partnership"
    assert props.title == document.title
    assert props.created is not None and props.created.year >= 2025  # not the template's 2013


def _luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_every_text_colour_has_at_least_4_5_to_1_contrast_on_white(document):
    word = open_docx(document)
    colours = set()
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "Normal"):
        rgb = word.styles[name].font.color.rgb
        colours.add(str(rgb) if rgb is not None else "000000")
    colours |= {str(run.font.color.rgb) for p in word.paragraphs for run in p.runs if run.font.color.rgb}
    for colour in colours:
        assert (1.05) / (_luminance(colour) + 0.05) >= 4.5, colour


def test_tables_keep_rows_whole_repeat_headers_and_size_columns_to_content(document):
    word = open_docx(document)
    table = word.tables[1]  # the first body table, after the front sheet
    rows = table._tbl.findall(qn("w:tr"))
    assert all(row.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for row in rows)
    assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(set(widths)) > 1  # not equal widths
    assert abs(sum(widths) - Mm(170).twips) < 20
