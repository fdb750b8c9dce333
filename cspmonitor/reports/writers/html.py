"""A report as a standalone, accessible HTML document (and the fragment for a GOV.UK page).

``write_html`` gives a whole document (``<html lang>``, ``<title>``, its own stylesheet); the
PDF writer prints it. ``render_article`` gives only the ``<article>``, with GOV.UK Frontend
classes, to place inside ``base.html`` (whose CSP forbids inline styles, so the fragment uses
classes only; images are ``data:`` URIs, so the page's ``img-src`` must allow ``data:``).

Numbers come from ``numbering.number_document`` and are written as text (``2.1.1``, ``a)``),
exactly as the Word writer writes them.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from html import escape

from PIL import Image

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
from cspmonitor.reports.writers.numbering import Numbering, letter, number_document, restriction_label

SUPPRESSED = "[c]"
SUPPRESSED_NOTE = "[c] Not shown: a small number that could identify the people it describes."

#: Stylesheet of the standalone document (the GOV.UK page brings its own).
SCREEN_CSS = """
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; color: #0b0c0c; line-height: 1.4;
  margin: 0 auto; max-width: 50em; padding: 1em; }
.csp-marking { font-weight: bold; text-align: center; letter-spacing: 0.05em; border: 2px solid #0b0c0c;
  padding: 0.2em; margin: 0 0 1em; }
.csp-number { display: inline-block; min-width: 3.2em; font-weight: bold; text-indent: 0; }
.csp-para { padding-left: 3.2em; text-indent: -3.2em; }
.csp-list { list-style: none; padding-left: 3.2em; }
.csp-list .csp-number { min-width: 2em; margin-left: -2em; }
.csp-flag { display: block; font-weight: bold; color: #942514; text-indent: 0; }
.csp-withheld { border-left: 5px solid #b1b4b6; padding: 0.5em 1em; margin: 1em 0; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; }
caption { break-after: avoid; font-weight: bold; text-align: left; padding-bottom: 0.3em; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.3em 0.6em 0.3em 0; text-align: left;
  vertical-align: top; }
.csp-numeric { text-align: right; }
.csp-total th, .csp-total td { font-weight: bold; }
figure { margin: 1em 0; }
figure img { max-width: 100%; height: auto; }
figcaption { break-after: avoid; font-weight: bold; }
.csp-front-sheet dt { font-weight: bold; }
.csp-front-sheet dd { margin: 0 0 0.5em; }
"""


def page_marking_css(marking: str) -> str:
    """Print rules that put the edition's marking at the top and bottom of every printed page, so
    a restricted edition printed from a browser is marked on each sheet, not only the first and
    last (page margin boxes; Chromium and WeasyPrint both honour them)."""
    quoted = marking.replace("\\", "\\\\").replace('"', '\\"')
    box = f'content: "{quoted}"; font: bold 10pt Arial, "Liberation Sans", sans-serif;'
    boxes = f"@top-center {{ {box} }} @bottom-center {{ {box} }}"
    return f"\n@media print {{ @page {{ margin: 20mm 15mm; {boxes} }} }}\n"


def write_html(document: Document, *, extra_css: str = "") -> str:
    """The whole report as a standalone HTML document."""
    title = f"{document.title} ({document.marking})"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(document.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        + (f'<meta name="author" content="{escape(document.author)}">\n' if document.author else "")
        + f'<meta name="dcterms.created" content="{dt.date.today().isoformat()}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{SCREEN_CSS}{page_marking_css(document.marking)}{extra_css}</style>\n</head>\n<body>\n<main>\n"
        f"{render_article(document)}\n</main>\n</body>\n</html>\n"
    )


def render_article(document: Document) -> str:
    """The report as an ``<article>``: fits in the GOV.UK page's main content."""
    numbering = number_document(document)
    marking = f'<p class="csp-marking govuk-body govuk-!-font-weight-bold">{escape(document.marking)}</p>'
    parts = [
        f'<article class="csp-report" lang="{escape(document.language)}">',
        marking.replace('class="csp-marking', 'id="marking-top" class="csp-marking', 1),
        f'<h1 class="govuk-heading-xl">{escape(document.title)}</h1>',
    ]
    if document.front_sheet is not None:
        parts.append(_front_sheet(document.front_sheet))
    for section in document.sections:
        parts.append(_section(section, numbering, level=2))
    parts.append(marking)
    parts.append("</article>")
    return "\n".join(parts)


def _front_sheet(sheet: FrontSheet) -> str:
    rows = [
        ("Committee", sheet.committee),
        ("Date of meeting", sheet.meeting_date),
        ("Report number", sheet.report_number),
        ("Report title", sheet.title),
        *sheet.rows,
    ]
    items = "".join(
        f'<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{escape(label)}</dt>'
        f'<dd class="govuk-summary-list__value">{escape(value)}</dd></div>'
        for label, value in rows
        if value
    )
    out = [f'<dl class="csp-front-sheet govuk-summary-list">{items}</dl>']
    if sheet.recommendations:
        out.append('<h2 class="govuk-heading-l">Recommendations</h2>')
        out.append(_list(ListBlock(items=sheet.recommendations, lettered=True)))
    return "\n".join(out)


def _section(section: Section, numbering: Numbering, level: int) -> str:
    tag = f"h{min(level, 6)}"
    size = {2: "l", 3: "m"}.get(level, "s")
    number = numbering.section(section)
    slug = f"section-{number.replace('.', '-')}" if number else ""
    number_html = f'<span class="csp-number">{number}</span> ' if number else ""
    labelled = f' aria-labelledby="{slug}"' if slug else ""
    heading_id = f' id="{slug}"' if slug else ""
    out = [
        f'<section class="csp-section"{labelled}>',
        f'<{tag} class="govuk-heading-{size}"{heading_id}>{number_html}{escape(section.title)}</{tag}>',
    ]
    flag = restriction_label(section)
    if flag:
        out.append(f'<p class="csp-flag govuk-body">{escape(flag)}</p>')
    for block in section.blocks:
        out.append(_block(block, numbering))
    for child in section.subsections:
        out.append(_section(child, numbering, level + 1))
    out.append("</section>")
    return "\n".join(out)


def _flag(block: Block) -> str:
    label = restriction_label(block)
    return f'<strong class="csp-flag">{escape(label)}</strong>' if label else ""


def _block(block: Block, numbering: Numbering) -> str:
    if isinstance(block, Paragraph):
        number = numbering.block(block)
        if number:
            return (
                f'<p class="csp-para govuk-body">{_flag(block)}<span class="csp-number">{number}</span> '
                f"{escape(block.text)}</p>"
            )
        return f'<p class="govuk-body">{_flag(block)}{escape(block.text)}</p>'
    if isinstance(block, ListBlock):
        return _list(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return _figure(block)
    if isinstance(block, Withheld):
        return f'<div class="csp-withheld govuk-inset-text">{_flag(block)}<p>{escape(block.note)}</p></div>'
    raise TypeError(f"no HTML for {type(block).__name__}")


def _list(block: ListBlock) -> str:
    out = []
    if block.intro:
        out.append(f'<p class="govuk-body">{_flag(block)}{escape(block.intro)}</p>')
    elif _flag(block):
        out.append(f'<p class="govuk-body">{_flag(block)}</p>')
    if block.lettered:
        items = "".join(
            f'<li><span class="csp-number">{letter(i)}</span> {escape(item)}</li>'
            for i, item in enumerate(block.items)
        )
        out.append(f'<ol class="csp-list govuk-list">{items}</ol>')
    else:
        items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
        out.append(f'<ul class="govuk-list govuk-list--bullet">{items}</ul>')
    return "\n".join(out)


def cell_text(cell_text: str, suppressed: bool) -> str:
    """What a cell shows: a suppressed cell never shows its value."""
    return SUPPRESSED if suppressed else cell_text


def _table(table: Table) -> str:
    def numeric(index: int) -> str:
        return " csp-numeric govuk-table__header--numeric" if index in table.numeric_columns else ""

    head = "".join(
        f'<th scope="col" class="govuk-table__header{numeric(i)}">{escape(header)}</th>'
        for i, header in enumerate(table.headers)
    )
    body = []
    for r, row in enumerate(table.rows):
        cells = []
        for i, cell in enumerate(row):
            text = escape(cell_text(cell.text, cell.suppressed))
            if i == 0 and 0 not in table.numeric_columns:
                cells.append(f'<th scope="row" class="govuk-table__header">{text}</th>')
            else:
                cls = " csp-numeric govuk-table__cell--numeric" if i in table.numeric_columns else ""
                cells.append(f'<td class="govuk-table__cell{cls}">{text}</td>')
        total = " csp-total" if r in table.total_rows else ""
        body.append(f'<tr class="govuk-table__row{total}">{"".join(cells)}</tr>')
    out = [_flag(table)] if _flag(table) else []
    out.append(
        '<table class="govuk-table csp-table">'
        f'<caption class="govuk-table__caption govuk-table__caption--s">{escape(table.caption)}</caption>'
        f'<thead class="govuk-table__head"><tr class="govuk-table__row">{head}</tr></thead>'
        f'<tbody class="govuk-table__body">{"".join(body)}</tbody></table>'
    )
    if any(cell.suppressed for row in table.rows for cell in row):
        out.append(f'<p class="csp-table-note govuk-body-s">{escape(SUPPRESSED_NOTE)}</p>')
    return "\n".join(out)


def image_size(figure: Figure) -> tuple[int, int] | None:
    """A PNG's size in CSS pixels (96 to the inch) from its resolution, so every format shows a
    chart at the size it was drawn (the Word writer uses the same resolution); None for SVG."""
    if figure.media_type != "image/png" or not figure.image:
        return None
    with Image.open(io.BytesIO(figure.image)) as image:
        dpi = image.info.get("dpi", (96, 96))
        return round(image.width * 96 / dpi[0]), round(image.height * 96 / dpi[1])


def _figure(figure: Figure) -> str:
    data = base64.b64encode(figure.image).decode("ascii")
    size = image_size(figure)
    # Width and height let the page keep the chart's place before it loads; the stylesheet's
    # max-width and height: auto still shrink it to a narrow screen, keeping its proportions.
    dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
    out = [
        '<figure class="csp-figure">',
        _flag(figure),
        f'<img src="data:{figure.media_type};base64,{data}"{dimensions} alt="{escape(figure.alt)}">',
        f"<figcaption>{escape(figure.caption)}</figcaption>",
        "</figure>",
    ]
    if figure.data_table is not None:
        out.append(_table(figure.data_table))
    return "\n".join(part for part in out if part)
