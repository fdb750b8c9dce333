"""A report as a Word document (python-docx).

A4 pages; the edition's marking in the header and footer of every page, with "Page n of m"
(PAGE and NUMPAGES fields) in the footer; the document title and language in the core
properties and the language on the Normal style. Section titles use Word's built-in
"Heading 1/2/3" styles, so the navigation pane and accessibility checker see the structure.

Numbers are real Word numbering (``docx_numbering``): headings and numbered paragraphs point at
one multilevel list, lettered lists at their own a) lists, so Word renumbers them after an edit;
the numbers come out as ``numbering.number_document`` gives the HTML and PDF editions (a withheld
paragraph keeps its number's place as a hidden numbered paragraph). Tables take column widths
from their content, repeat their header row on each page and keep each row whole; text colours
reach 4.5:1 contrast; the core properties name the partnership as author, the title and the
time made. PNG figures are embedded with their alternative text;
SVG figures cannot be embedded by python-docx, so they appear as their caption, a note and
their data table.
"""

from __future__ import annotations

import datetime as dt
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
from cspmonitor.reports.writers.docx_numbering import WordNumbering, hide
from cspmonitor.reports.writers.html import SUPPRESSED_NOTE, cell_text
from cspmonitor.reports.writers.numbering import Numbering, number_document, restriction_label

HANGING = Cm(1.5)
TEXT_WIDTH = Mm(170)  # A4 less 20 mm margins
TEXT_COLOUR = RGBColor(0x0B, 0x0C, 0x0C)  # GOV.UK text colour: 19:1 on white
#: The largest a figure is drawn: the text width of the page, and most of its height.
FIGURE_WIDTH, FIGURE_HEIGHT = Mm(170), Mm(180)
SVG_NOTE = "This chart is shown in the web and PDF editions; the data it shows follows."


def write_docx(document: Document) -> bytes:
    """The report as .docx bytes."""
    numbering = number_document(document)
    doc = new_docx()
    _setup(doc, document)
    word = WordNumbering(doc)
    doc.add_paragraph(document.title, style="Title")
    if document.front_sheet is not None:
        _front_sheet(doc, document.front_sheet, word)
    for section in document.sections:
        _section(doc, section, numbering, word, level=1)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _setup(doc: DocxDocument, document: Document) -> None:
    props = doc.core_properties
    props.title = document.title
    props.author = props.last_modified_by = document.author or "Community safety partnership"
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.revision = 1
    props.comments = ""
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

    # Word's built-in headings and captions are blue-grey (Heading 2 about 4:1 on white); the
    # partnership's documents use near-black text everywhere, well over 4.5:1.
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Caption"):
        doc.styles[name].font.color.rgb = TEXT_COLOUR  # type: ignore[attr-defined]

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


def _numbered(doc: DocxDocument, word: WordNumbering, level: int, text: str) -> DocxParagraph:
    """A paragraph numbered by Word at ``level`` of the outline, hanging as the list defines."""
    paragraph = doc.add_paragraph(text)
    word.number(paragraph, level)
    return paragraph


def _flag(doc: DocxDocument, item: Block | Section) -> None:
    label = restriction_label(item)
    if label:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True  # never a flag at the foot of a page
        run = paragraph.add_run(label)
        run.bold = True
        run.font.color.rgb = RGBColor(0x94, 0x25, 0x14)


def _front_sheet(doc: DocxDocument, sheet: FrontSheet, word: WordNumbering) -> None:
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
            row = table.add_row()
            _keep_whole(row)
            row.cells[0].paragraphs[0].add_run(label).bold = True
            row.cells[1].text = value
        _widths(table, [[label for label, _ in rows], [value for _, value in rows]])
    if sheet.recommendations:
        doc.add_heading("Recommendations", level=1)
        _list(doc, ListBlock(items=sheet.recommendations, lettered=True), word)


def _section(
    doc: DocxDocument, section: Section, numbering: Numbering, word: WordNumbering, level: int
) -> None:
    heading = doc.add_heading(section.title, level=min(level, 9))
    if numbering.section(section):
        word.number(heading, level - 1)
    _flag(doc, section)
    for block in section.blocks:
        _block(doc, block, numbering, word, level)
    for child in section.subsections:
        _section(doc, child, numbering, word, level + 1)


def _block(doc: DocxDocument, block: Block, numbering: Numbering, word: WordNumbering, level: int) -> None:
    if isinstance(block, Paragraph):
        _flag(doc, block)
        if numbering.block(block):
            _numbered(doc, word, level, block.text)
        else:
            doc.add_paragraph(block.text)
    elif isinstance(block, ListBlock):
        _flag(doc, block)
        _list(doc, block, word)
    elif isinstance(block, Table):
        _flag(doc, block)
        _table(doc, block)
    elif isinstance(block, Figure):
        _flag(doc, block)
        _figure(doc, block)
    elif isinstance(block, Withheld):
        _flag(doc, block)
        for _ in range(block.replaces):
            # Keeps the withheld paragraph's number taken, so later numbers match the other edition.
            placeholder = doc.add_paragraph()
            word.number(placeholder, level)
            hide(placeholder)
        paragraph = doc.add_paragraph()
        paragraph.add_run(block.note).italic = True
        paragraph.paragraph_format.left_indent = HANGING
    else:
        raise TypeError(f"no Word output for {type(block).__name__}")


def _list(doc: DocxDocument, block: ListBlock, word: WordNumbering) -> None:
    if block.intro:
        doc.add_paragraph(block.intro).paragraph_format.keep_with_next = True
    num_id = word.new_lettered_list() if block.lettered else 0
    for item in block.items:
        if block.lettered:
            word.letter(doc.add_paragraph(item, style="List Paragraph"), num_id)
        else:
            doc.add_paragraph(item, style="List Bullet")


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _keep_whole(row) -> None:
    """A row is never split across two pages."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def column_widths(columns: list[list[str]], total: int = TEXT_WIDTH) -> list[int]:
    """Widths (EMU) in proportion to each column's longest word-wrapped need: a column gets at
    least its longest word and at most what its longest text asks for, the rest shared by length."""
    longest = [max((len(text) for text in column), default=1) or 1 for column in columns]
    word = [max((len(w) for text in column for w in text.split()), default=1) or 1 for column in columns]
    # Three characters more than the text for the cell's padding, so a short bold header such as
    # "Red" is not broken across lines.
    need = [max(w, min(n, 60)) + 3 for w, n in zip(word, longest, strict=True)]
    share = sum(need)
    return [round(total * n / share) for n in need]


def _widths(word_table, columns: list[list[str]]) -> None:
    widths = column_widths(columns)
    word_table.autofit = False
    grid = word_table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(Emu(width).twips)))
    for row in word_table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Emu(width)


def _table(doc: DocxDocument, table: Table) -> None:
    caption = doc.add_paragraph(table.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    columns = max([len(table.headers), *(len(row) for row in table.rows)])
    word_table = doc.add_table(rows=1, cols=columns)
    word_table.style = doc.styles["Table Grid"]
    word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _repeat_header(word_table.rows[0])
    _keep_whole(word_table.rows[0])

    def put(cell, text: str, column: int, bold: bool) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.add_run(text).bold = bold
        if column in table.numeric_columns:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    for column, header in enumerate(table.headers):
        put(word_table.rows[0].cells[column], header, column, bold=True)
    for index, row in enumerate(table.rows):
        word_row = word_table.add_row()
        _keep_whole(word_row)
        for column, cell in enumerate(row):
            put(
                word_row.cells[column],
                cell_text(cell.text, cell.suppressed),
                column,
                bold=index in table.total_rows,
            )
    texts = [
        [*table.headers[i : i + 1], *(r[i].text for r in table.rows if i < len(r))] for i in range(columns)
    ]
    _widths(word_table, texts)
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
