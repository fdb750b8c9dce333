"""A report as PDF: the HTML writer's document printed by WeasyPrint.

A4 pages with the edition's marking at the top and bottom of every page and "Page n of m" in
the footer; paragraph numbers and list letters indented as the Word edition indents them, and
charts at the size they were drawn, as in Word. The PDF's title comes from ``<title>``, its
language from ``<html lang>``, and it is tagged (``pdf_tags``) so assistive technology can read
its structure.
"""

from __future__ import annotations

from typing import Any

from cspmonitor.reports.blocks import Document
from cspmonitor.reports.writers.html import write_html


def print_css(marking: str) -> str:
    quoted = marking.replace("\\", "\\\\").replace('"', '\\"')
    return f"""
@page {{
  size: A4;
  margin: 25mm 20mm 25mm 20mm;
  @top-center {{ content: "{quoted}"; font: bold 10pt Arial, "Liberation Sans", sans-serif; }}
  @bottom-center {{ content: "{quoted}"; font: bold 10pt Arial, "Liberation Sans", sans-serif; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages);
    font: 9pt Arial, "Liberation Sans", sans-serif; }}
}}
body {{ max-width: none; padding: 0; font-size: 11pt; }}
.csp-marking {{ display: none; }}
h1, h2, h3, h4, h5, h6, .csp-flag {{ break-after: avoid; }}
table, figure, tr {{ break-inside: avoid; }}
figure img {{ max-width: 100%; max-height: 180mm; object-fit: contain; }}
.csp-section > h2 {{ margin-top: 1.5em; }}
/* The Word edition's indents: numbers hang 15 mm, list letters sit under the paragraph text. */
.csp-para {{ padding-left: 15mm; text-indent: -15mm; }}
/* The negative margin takes back the space after the number, so a paragraph's first line starts
   where its other lines do (as after Word's tab). 0.278em: a space in Arial. */
.csp-number {{ min-width: 15mm; margin-right: -0.278em; }}
.csp-list {{ padding-left: 30mm; }}
.csp-list .csp-number {{ min-width: 15mm; margin-left: -15mm; }}
.csp-withheld p {{ margin: 0; }}
"""


def write_pdf(document: Document, **options: Any) -> bytes:
    """The report as tagged A4 PDF bytes; ``options`` go to WeasyPrint's ``write_pdf``."""
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import

    html = write_html(document, extra_css=print_css(document.marking))
    # Presentational hints: WeasyPrint then reads the width and height of each <img>, so a chart
    # prints at the size it was drawn (capped at the text width by the stylesheet).
    # PDF/UA-1: tagged, with the title shown, the language, and XMP metadata that identifies the
    # file as PDF/UA (pdfuaid:part 1) with its title and author.
    settings = {"pdf_tags": True, "presentational_hints": True, "pdf_variant": "pdf/ua-1", **options}
    pdf = HTML(string=html).write_pdf(**settings)
    assert pdf is not None
    return pdf
