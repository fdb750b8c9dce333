"""A report as a Word document (python-docx).

A4 pages; the edition's marking in the header and footer of every page, with "Page n of m"
(PAGE and NUMPAGES fields) in the footer; the document title and language in the core
properties and the language on the Normal style. Section titles use Word's built-in
"Heading 1/2/3" styles, so the navigation pane and accessibility checker see the structure.

Numbers are written as text (``2.1.1<tab>…``, ``a)<tab>…``) from ``numbering.number_document``,
as the HTML and PDF editions write them. PNG figures are embedded with their alternative text;
SVG figures cannot be embedded by python-docx, so they appear as their caption, a note and
their data table.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from cspmonitor.reports.blocks import (
    Block,
    Document,
    Figure,
    FrontSheet,
    ListBlock,
    Paragraph,
    Section,
    Table,
    Withheld,
)
from cspmonitor.reports.writers.html import SUPPRESSED_NOTE, cell_text
from cspmonitor.reports.writers.numbering import Numbering, letter, number_document, restriction_label

HANGING = Cm(1.5)
#: The largest a figure is drawn: the text width of the page, and most of its height.
FIGURE_WIDTH, FIGURE_HEIGHT = Mm(170), Mm(180)
SVG_NOTE = "This chart is shown in the web and PDF editions; the data it shows follows."


def write_docx(document: Document) -> bytes:
    """The report as .docx bytes."""
    numbering = number_document(document)
    doc = new_docx()
    _setup(doc, document)
    doc.add_paragraph(document.title, style="Title")
    if document.front_sheet is not None:
        _front_sheet(doc, document.front_sheet)
    for section in document.sections:
        _section(doc, section, numbering, level=1)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _setup(doc: DocxDocument, document: Document) -> None:
    props = doc.core_properties
    props.title = document.title
    props.language = document.language
    props.subject = document.marking
    props.keywords = document.marking

    normal = doc.styles["Normal"]
    normal.font.name = "Arial"  # type: ignore[attr-defined]
    normal.font.size = Pt(11)  # type: ignore[attr-defined]
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), document.language)
    lang.set(qn("w:eastAsia"), document.language)
    lang.set(qn("w:bidi"), document.language)
    rpr.append(lang)

    for page in doc.sections:
        page.page_width, page.page_height = Mm(210), Mm(297)
        page.top_margin = page.bottom_margin = Mm(25)
        page.left_margin = page.right_margin = Mm(20)
        page.header_distance = page.footer_distance = Mm(10)

        header = page.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.add_run(document.marking).bold = True

        footer = page.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(document.marking).bold = True
        pages = page.footer.add_paragraph()
        pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pages.add_run("Page ")
        _field(pages, "PAGE", "1")
        pages.add_run(" of ")
        _field(pages, "NUMPAGES", "1")


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""

    def fld_char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(fld_char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(fld_char("end"))


def _numbered(doc: DocxDocument, label: str, text: str, style: str = "Normal") -> DocxParagraph:
    """A paragraph with a hanging number: ``label<tab>text``."""
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(label).bold = True
    paragraph.add_run(f"\t{text}")
    fmt = paragraph.paragraph_format
    fmt.left_indent = HANGING
    fmt.first_line_indent = -HANGING
    fmt.tab_stops.add_tab_stop(HANGING)
    return paragraph


def _flag(doc: DocxDocument, item: Block | Section) -> None:
    label = restriction_label(item)
    if label:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True  # never a flag at the foot of a page
        run = paragraph.add_run(label)
        run.bold = True
        run.font.color.rgb = RGBColor(0x94, 0x25, 0x14)


def _front_sheet(doc: DocxDocument, sheet: FrontSheet) -> None:
    rows = [
        ("Committee", sheet.committee),
        ("Date of meeting", sheet.meeting_date),
        ("Report number", sheet.report_number),
        ("Report title", sheet.title),
        *sheet.rows,
    ]
    rows = [(label, value) for label, value in rows if value]
    if rows:
        table = doc.add_table(rows=0, cols=2)
        table.style = doc.styles["Table Grid"]
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].text = value
    if sheet.recommendations:
        doc.add_heading("Recommendations", level=1)
        _list(doc, ListBlock(items=sheet.recommendations, lettered=True))


def _section(doc: DocxDocument, section: Section, numbering: Numbering, level: int) -> None:
    number = numbering.section(section)
    title = f"{number}\t{section.title}" if number else section.title
    doc.add_heading(title, level=min(level, 9))
    _flag(doc, section)
    for block in section.blocks:
        _block(doc, block, numbering)
    for child in section.subsections:
        _section(doc, child, numbering, level + 1)


def _block(doc: DocxDocument, block: Block, numbering: Numbering) -> None:
    if isinstance(block, Paragraph):
        _flag(doc, block)
        number = numbering.block(block)
        if number:
            _numbered(doc, number, block.text)
        else:
            doc.add_paragraph(block.text)
    elif isinstance(block, ListBlock):
        _flag(doc, block)
        _list(doc, block)
    elif isinstance(block, Table):
        _flag(doc, block)
        _table(doc, block)
    elif isinstance(block, Figure):
        _flag(doc, block)
        _figure(doc, block)
    elif isinstance(block, Withheld):
        _flag(doc, block)
        paragraph = doc.add_paragraph()
        paragraph.add_run(block.note).italic = True
        paragraph.paragraph_format.left_indent = HANGING
    else:
        raise TypeError(f"no Word output for {type(block).__name__}")


def _list(doc: DocxDocument, block: ListBlock) -> None:
    if block.intro:
        doc.add_paragraph(block.intro)
    for index, item in enumerate(block.items):
        if block.lettered:
            paragraph = _numbered(doc, letter(index), item, style="List Paragraph")
            paragraph.paragraph_format.left_indent = HANGING + HANGING
        else:
            doc.add_paragraph(item, style="List Bullet")


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _table(doc: DocxDocument, table: Table) -> None:
    caption = doc.add_paragraph(table.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    columns = max([len(table.headers), *(len(row) for row in table.rows)])
    word_table = doc.add_table(rows=1, cols=columns)
    word_table.style = doc.styles["Table Grid"]
    word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _repeat_header(word_table.rows[0])

    def put(cell, text: str, column: int, bold: bool) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.add_run(text).bold = bold
        if column in table.numeric_columns:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    for column, header in enumerate(table.headers):
        put(word_table.rows[0].cells[column], header, column, bold=True)
    for index, row in enumerate(table.rows):
        cells = word_table.add_row().cells
        for column, cell in enumerate(row):
            put(cells[column], cell_text(cell.text, cell.suppressed), column, bold=index in table.total_rows)
    if any(cell.suppressed for row in table.rows for cell in row):
        doc.add_paragraph(SUPPRESSED_NOTE).runs[0].font.size = Pt(9)


def _figure(doc: DocxDocument, figure: Figure) -> None:
    if figure.media_type == "image/png" and figure.image:
        # At the size it was drawn (from its resolution), as the HTML and PDF show it, unless
        # that is larger than the page allows.
        shape = doc.add_picture(io.BytesIO(figure.image))
        scale = min(1.0, FIGURE_WIDTH / shape.width, FIGURE_HEIGHT / shape.height)
        shape.width, shape.height = Emu(round(shape.width * scale)), Emu(round(shape.height * scale))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", figure.alt)
        doc_pr.set("title", figure.caption)
        picture_paragraph = doc.paragraphs[-1]
        picture_paragraph.paragraph_format.keep_with_next = True
        doc.add_paragraph(figure.caption, style="Caption")
    else:
        doc.add_paragraph(figure.caption, style="Caption")
        doc.add_paragraph(figure.alt)
        doc.add_paragraph(SVG_NOTE if figure.data_table is not None else "This chart is not in this edition.")
    if figure.data_table is not None:
        _table(doc, figure.data_table)
