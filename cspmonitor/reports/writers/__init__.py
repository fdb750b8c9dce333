"""Writers turn a ``blocks.Document`` into Word, PDF and HTML, numbered alike.

``write_docx(document) -> bytes``, ``write_pdf(document) -> bytes``, ``write_html(document) -> str``
(and ``render_article(document) -> str`` for the GOV.UK page). Each refuses a public edition
that still holds restricted content (``RestrictedContentError``).
"""

from cspmonitor.reports.writers.docx import write_docx
from cspmonitor.reports.writers.html import render_article, write_html
from cspmonitor.reports.writers.numbering import RestrictedContentError, letter, number_document
from cspmonitor.reports.writers.pdf import write_pdf

__all__ = [
    "RestrictedContentError",
    "letter",
    "number_document",
    "render_article",
    "write_docx",
    "write_html",
    "write_pdf",
]
