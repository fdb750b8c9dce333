"""The ASB Case Review annual publication, built from the demo's 2022-23 applications."""

from __future__ import annotations

import io

import docx
import pytest

from cspmonitor.periods import FinancialYear
from cspmonitor.reports.blocks import Document, ListBlock, Paragraph, Table
from cspmonitor.reports.builders.asb import build_asb_publication
from cspmonitor.reports.editions import assert_publishable, public_edition
from cspmonitor.reports.writers import write_docx, write_html, write_pdf
from cspmonitor.reviews.asb.models import CaseReviewApplication
from cspmonitor.reviews.rules.rulesets import current_ruleset
from tests.reports.poppler import pdf_text

YEAR = FinancialYear(2022)
SECTIONS = ["The figures for 2022-23", "What an ASB Case Review is", "The threshold", "How to apply"]


def expected_figures(partnership, year: FinancialYear) -> list[int]:
    """The four statutory figures counted straight from the applications, one by one."""

    def within(day) -> bool:
        return day is not None and year.start <= day <= year.end

    applications = list(CaseReviewApplication.objects.filter(partnership=partnership))
    reviews = [a for a in applications if a.decision in ("met", "met_by_discretion") and within(a.meeting_on)]
    return [
        sum(1 for a in applications if within(a.received_on)),
        sum(1 for a in applications if a.decision == "not_met" and within(a.decided_on)),
        len(reviews),
        sum(1 for a in reviews if a.recommendations.exists()),
    ]


def figures_table(document: Document) -> Table:
    [table] = [b for _, b in document.walk() if isinstance(b, Table)]
    return table


def text(document: Document) -> str:
    parts = []
    for _, block in document.walk():
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            parts += [block.intro, *block.items]
    return "\n".join(parts)


@pytest.fixture
def publication(demo) -> Document:
    return build_asb_publication(demo.partnership, YEAR)


def test_it_has_its_sections_in_order(demo, publication):
    assert publication.title == f"{demo.partnership.name}: anti-social behaviour (ASB) Case Reviews 2022-23"
    assert [s.title for s in publication.sections] == SECTIONS


def test_the_four_figures_match_the_applications(demo, publication):
    expected = expected_figures(demo.partnership, YEAR)
    assert [int(row[1].text) for row in figures_table(publication).rows] == expected
    applications, _not_met, reviews, with_recommendations = expected
    # Small counts are written as words in the sentence; the table keeps the figures.
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    assert f"received {words[applications]} applications" in text(publication)
    assert f"carried out {words[reviews]} reviews, and {words[with_recommendations]} of those" in text(
        publication
    )


def test_the_figures_are_published_whole_even_when_small(demo, publication):
    expected = expected_figures(demo.partnership, YEAR)
    assert any(0 < value < 5 for value in expected)  # the demo does hold small figures
    public = public_edition(publication)
    assert_publishable(public)
    assert [int(row[1].text) for row in figures_table(public).rows] == expected
    assert not any(block.restricted for _, block in public.walk())


def test_a_year_without_applications_publishes_zeros(demo):
    empty = FinancialYear(2020)
    assert expected_figures(demo.partnership, empty) == [0, 0, 0, 0]
    document = build_asb_publication(demo.partnership, empty)
    assert [row[1].text for row in figures_table(document).rows] == ["0", "0", "0", "0"]
    assert "received no applications" in text(document)


def test_the_threshold_and_timescales_come_from_the_rule_set_in_force(publication):
    ruleset = current_ruleset("asb", YEAR.end)
    assert ruleset.threshold is not None
    words = text(publication)
    assert f"{ruleset.threshold.complaints} or more qualifying complaints" in words
    assert all(alternative.label in words for alternative in ruleset.threshold.alternatives)
    assert all(f"{stage.label}: within {stage.target_label}" in words for stage in ruleset.stages)
    # The built-in default rules are named as the Act's procedure, not by their data-entry title.
    assert ruleset.title not in words
    assert (
        "follows the Anti-social Behaviour, Crime and Policing Act 2014 and the partnership's standard"
        in words
    )


def test_it_says_who_may_apply_and_how(publication):
    words = text(publication)
    assert (
        "The victim can apply, or someone can apply for them: a family member, an MP or councillor" in words
    )
    assert (
        "Apply to the partnership by online form, phone, email, letter, in person or through an agency"
        in words
    )


def test_it_renders_in_word_pdf_and_html(demo, publication, tmp_path):
    public = public_edition(publication)
    word = docx.Document(io.BytesIO(write_docx(public)))
    headings = [p.text.split("\t")[-1] for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS
    path = tmp_path / "asb.pdf"
    path.write_bytes(write_pdf(public))
    flat = " ".join(pdf_text(path).split())
    labels = [row[0].text for row in figures_table(public).rows]
    for label, value in zip(labels, expected_figures(demo.partnership, YEAR), strict=True):
        assert f"{label} {value}" in flat
    assert f"<title>{publication.title}" in write_html(public)
