from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from cspmonitor.reports.writers import RestrictedContentError, render_article, write_html


class Collector(HTMLParser):
    """Collects tags with their attributes, and the text of number spans and paragraphs."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.numbers: list[str] = []
        self._in_number = False
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in ("img", "meta", "br"):
            self.stack.append(tag)
        self._in_number = tag == "span" and "csp-number" in (attributes.get("class") or "")

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()
        self._in_number = False

    def handle_data(self, data):
        if self._in_number:
            self.numbers.append(data.strip())


def html_numbers(html: str) -> list[str]:
    parser = Collector()
    parser.feed(html)
    return parser.numbers


def parse(html: str) -> Collector:
    parser = Collector()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return parser


def test_html_document_structure(document):
    html = write_html(document)
    assert html.startswith("<!DOCTYPE html>")
    parser = parse(html)
    tags = [tag for tag, _ in parser.tags]
    assert dict(parser.tags)["html"]["lang"] == "en-GB"
    assert tags.count("h1") == 1
    assert tags.count("title") == 1
    assert "<title>Strategic assessment 2025 to 2026 (OFFICIAL-SENSITIVE)</title>" in html
    # Numbered paragraphs, sections, sub-sections and the lettered list, in reading order.
    assert parser.numbers == [
        "a)", "b)",  # front-sheet recommendations
        "1", "1.1", "1.2", "2", "2.1", "2.2", "2.2.1", "a)", "b)", "c)", "2.2.2", "3", "3.1",
    ]  # fmt: skip
    assert re.search(r'<span class="csp-number">2\.2\.1</span> Violence against the person', html)
    assert '<h3 class="govuk-heading-m" id="section-2-2"><span class="csp-number">2.2</span> Violence' in html


def test_html_tables_figures_and_marking(document):
    html = write_html(document)
    parser = parse(html)
    tags = [tag for tag, _ in parser.tags]
    assert tags.count("table") == tags.count("caption") == 2
    scopes = [attrs.get("scope") for tag, attrs in parser.tags if tag == "th"]
    assert scopes and all(scope in ("col", "row") for scope in scopes)
    assert "<caption" in html and "Table 1: Offences by area</caption>" in html
    # The suppressed count is never shown; the marker and its note are.
    assert 'numeric">12</td>' in html
    assert 'numeric">3</td>' not in html and 'numeric">15</td>' not in html
    assert html.count('numeric">[c]</td>') == 4
    assert "[c]" in html and "Not shown" in html
    images = [attrs for tag, attrs in parser.tags if tag == "img"]
    assert len(images) == 1
    assert images[0]["alt"].startswith("Bar chart")
    assert images[0]["src"].startswith("data:image/png;base64,")
    assert "<figcaption>Figure 1: Offences by area</figcaption>" in html
    assert html.count('class="csp-marking') == 2
    assert "Schedule 12A, paragraph 7" in html
    assert "Operation Larch" in html


def test_a_png_chart_carries_the_size_it_was_drawn_at(document):
    # conftest's chart: 4 by 2.5 inches at 72 dpi, so 384 by 240 CSS pixels (96 to the inch).
    [image] = [attrs for tag, attrs in parse(write_html(document)).tags if tag == "img"]
    assert (image["width"], image["height"]) == ("384", "240")


def test_an_svg_chart_has_no_size_of_its_own(document):
    figure = document.sections[1].subsections[0].blocks[3]
    figure.media_type, figure.image = "image/svg+xml", b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    [image] = [attrs for tag, attrs in parse(write_html(document)).tags if tag == "img"]
    assert "width" not in image and "height" not in image


def test_public_edition_html(public_document):
    html = write_html(public_document)
    assert "OFFICIAL-SENSITIVE" not in html
    assert "(OFFICIAL)</title>" in html
    assert "withheld under Schedule 12A" in html
    assert "Operation Larch" not in html
    # The withheld note takes no number.
    assert html_numbers(html)[-6:] == ["2.2.1", "a)", "b)", "c)", "3", "3.1"]


def test_article_fragment_has_no_styles_or_document_wrapper(document):
    article = render_article(document)
    assert article.startswith('<article class="csp-report" lang="en-GB">')
    assert "<style" not in article and "style=" not in article and "<html" not in article
    parse(article)


def test_public_edition_with_restricted_content_is_refused(document):
    document.edition = "public"
    with pytest.raises(RestrictedContentError):
        write_html(document)


def test_text_is_escaped(document):
    document.sections[0].blocks[0].text = "<script>alert(1)</script> & more"  # type: ignore[attr-defined]
    html = write_html(document)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
