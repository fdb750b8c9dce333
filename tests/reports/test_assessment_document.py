"""The strategic assessment document, built from the demo's finished 2022-23 assessment."""

from __future__ import annotations

import copy
import io

import docx
import pytest

from cspmonitor.analysis.names import ALL_AREAS, ALL_TYPES
from cspmonitor.crime.models import Assessment
from cspmonitor.plans.planning import regulation_5_for
from cspmonitor.reports.blocks import (
    OFFICIAL_SENSITIVE,
    Block,
    Document,
    Figure,
    ListBlock,
    Paragraph,
    Section,
    Table,
    Withheld,
)
from cspmonitor.reports.builders.assessment import (
    SECTION_TITLES,
    AssessmentNotFinished,
    build_assessment_document,
    latest_assessment,
)
from cspmonitor.reports.editions import SUPPRESSED, assert_publishable, public_edition
from cspmonitor.reports.writers import write_docx, write_html, write_pdf
from tests.reports.poppler import pdf_text

PNG = b"\x89PNG\r\n\x1a\n"


def text_of(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            parts += [block.intro, *block.items]
        elif isinstance(block, Table):
            parts += [block.caption, *(" ".join(cell.text for cell in row) for row in block.rows)]
    return "\n".join(parts)


def section(document: Document, title: str) -> Section:
    return next(s for s in document.sections if s.title == title)


def table(document: Document, caption_start: str) -> Table:
    return next(b for _, b in document.walk() if isinstance(b, Table) and b.caption.startswith(caption_start))


def figure(document: Document, caption_start: str) -> Figure:
    return next(
        b for _, b in document.walk() if isinstance(b, Figure) and b.caption.startswith(caption_start)
    )


def headline(result) -> dict:
    return next(t for t in result["totals"] if t["area"] == ALL_AREAS and t["crime_type"] == ALL_TYPES)


@pytest.fixture
def document(assessed) -> Document:
    return build_assessment_document(assessed)


def test_it_has_every_section_in_order_and_is_the_restricted_edition(assessed, document):
    assert document.edition == "restricted"
    assert document.title == f"{assessed.partnership.name} strategic assessment 2022-23"
    assert [s.title for s in document.sections] == SECTION_TITLES
    assert all(s.blocks for s in document.sections)


def test_the_summary_gives_the_years_total_against_last_years(assessed, document):
    total = headline(assessed.result)
    summary = text_of(section(document, "Summary").blocks)
    assert f"{total['current']:,} crimes and anti-social behaviour incidents" in summary
    assert f"against {total['previous']:,} the year before" in summary


def test_the_levels_table_gives_each_crime_types_count_and_rate_from_the_result(assessed, document):
    rates = [r for r in assessed.result["rates"]["rows"] if r["area"] == ALL_AREAS]
    levels = table(document, "Crimes and ASB by type")
    shown = {row[0].text: (row[1].count, row[2].text) for row in levels.rows}
    assert shown == {r["crime_type"]: (r["count"], f"{r['rate']:,.1f}") for r in rates}
    assert levels.rows[levels.total_rows[0]][0].text == ALL_TYPES
    # The total really is the sum of the rows above it, so secondary suppression is sound.
    body = [row[1].count for i, row in enumerate(levels.rows) if i not in levels.total_rows]
    assert sum(body) == levels.rows[levels.total_rows[0]][1].count


def test_each_significant_change_is_told_in_words_with_its_test_and_adjusted_p(assessed, document):
    significant = [r for r in assessed.result["changes"]["rows"] if r["wording"] != "within normal variation"]
    assert significant  # the demo plants a rise in shoplifting
    sentences = [
        b.text for b in section(document, "Changes since last year").blocks if isinstance(b, Paragraph)
    ]
    for row in significant:
        [sentence] = [s for s in sentences if s.startswith(row["crime_type"]) and f"{row['current']:,}" in s]
        assert "exact conditional binomial test, adjusted p" in sentence
        assert ("rose" if row["ratio"] > 1 else "fell") in sentence


def test_the_emerging_issues_are_the_flagged_rises(assessed, document):
    flagged = assessed.result["emerging"]["flagged"]
    rises = table(document, "Significant rises in the three months")
    assert [(row[1].text, row[2].count) for row in rises.rows] == [
        (r["crime_type"], r["current"]) for r in flagged
    ]
    assert "Shoplifting" in text_of(section(document, "Emerging issues").blocks)


def test_the_trend_chart_and_the_map_are_png_with_alt_text_and_their_figures(assessed, document):
    trend = figure(document, "Crimes and ASB a month")
    counts = next(
        s["counts"]
        for s in assessed.result["monthly"]["series"]
        if s["area"] == ALL_AREAS and s["crime_type"] == ALL_TYPES
    )
    assert trend.data_table is not None
    assert [row[1].count for row in trend.data_table.rows] == [c for c in counts if c]
    hotspot_map = figure(document, "Crimes and ASB per 1,000 residents by LSOA")
    assert hotspot_map.data_table is not None
    assert len(hotspot_map.data_table.rows) == len(assessed.result["hotspots_lsoa"]["rows"])
    assert str(assessed.result["hotspots_grid"]["hot"]) in hotspot_map.alt
    for chart in (trend, hotspot_map):
        assert chart.media_type == "image/png" and chart.image.startswith(PNG)
        assert "in the table that follows" in chart.alt


def test_near_repeats_give_each_crime_types_knox_table(assessed, document):
    by_type = assessed.result["near_repeats"]["by_type"]
    for crime_type, knox in by_type.items():
        pairs = table(document, f"{crime_type}: pairs of crimes")
        assert [[cell.count for cell in row[1:]] for row in pairs.rows] == knox["observed"]


def test_regulation_5_says_which_elements_are_missing(assessed, document):
    elements = regulation_5_for(assessed)
    shown = table(document, "Elements regulation 5 requires")
    assert [(row[0].text, row[1].text) for row in shown.rows] == [
        (e["element"], "Included" if e["present"] else "Missing") for e in elements
    ]
    summary = text_of(section(document, "Summary").blocks)
    assert all(e["element"] in summary for e in elements if not e["present"])


def test_it_lists_the_months_missing_from_the_data(assessed):
    coverage = assessed.result["coverage"]["suffolk"]
    coverage.update(missing=["2022-07"], complete=False, description="One month is missing.")
    text = text_of(section(build_assessment_document(assessed), "The data and its coverage").blocks)
    assert "July 2022" in text and "Changes are judged on the months held." in text
    assert "2022-07" not in text  # months as a board reads them
    assert (
        f"{assessed.result['excluded']['outside_the_partnership']:,} rows located in other districts" in text
    )


def test_a_small_count_is_suppressed_in_public_with_the_rate_that_would_give_it_away(assessed):
    result = copy.deepcopy(assessed.result)
    [row] = [r for r in result["rates"]["rows"] if r["area"] == ALL_AREAS and r["crime_type"] == "Robbery"]
    row["count"] = 3
    assessed.result = result
    public = public_edition(build_assessment_document(assessed))
    assert_publishable(public)
    [robbery] = [r for r in table(public, "Crimes and ASB by type").rows if r[0].text == "Robbery"]
    assert [cell.text for cell in robbery[1:]] == [SUPPRESSED, SUPPRESSED]


def test_sentences_leave_out_small_counts(assessed):
    [shoplifting] = [
        r
        for r in assessed.result["changes"]["rows"]
        if r["area"] == ALL_AREAS and r["crime_type"] == "Shoplifting"
    ]
    shoplifting["previous"] = 2
    sentences = text_of(section(build_assessment_document(assessed), "Changes since last year").blocks)
    assert "Shoplifting across the partnership rose" in sentences
    assert "from 2 to" not in sentences


def test_an_official_sensitive_assessment_is_withheld_whole_from_the_public_edition(assessed):
    assessed.classification = OFFICIAL_SENSITIVE
    document = build_assessment_document(assessed)
    assert all(block.restricted for _, block in document.walk())
    public = public_edition(document)
    assert_publishable(public)
    assert all(isinstance(block, Withheld) and block.schedule_12a == 7 for _, block in public.walk())


def test_the_public_edition_of_an_official_assessment_keeps_its_figures(assessed, document):
    public = public_edition(document)
    assert_publishable(public)
    assert not any(block.restricted or isinstance(block, Withheld) for _, block in public.walk())
    assert len([b for _, b in public.walk() if isinstance(b, Figure)]) == 2


def test_it_renders_in_word_pdf_and_html(assessed, document, tmp_path):
    public = public_edition(document)
    total = f"{headline(assessed.result)['current']:,}"
    word = docx.Document(io.BytesIO(write_docx(public)))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert [h.split("\t")[-1] for h in headings] == SECTION_TITLES
    assert len(word.inline_shapes) == 2
    path = tmp_path / "assessment.pdf"
    path.write_bytes(write_pdf(public))
    flat = " ".join(pdf_text(path).split())
    assert total in flat and "Regulation 5 completeness" in flat and "Shoplifting" in flat
    assert f"<title>{document.title}" in write_html(public)


def test_it_refuses_an_assessment_without_a_result(demo):
    queued = Assessment.objects.create(partnership=demo.partnership, year="2022-23")
    with pytest.raises(AssessmentNotFinished):
        build_assessment_document(queued)
    assert latest_assessment(demo.partnership, "2022-23") is None


def test_the_latest_finished_assessment_is_found_for_its_year(assessed):
    assert latest_assessment(assessed.partnership, "2022-23") == assessed
    assert latest_assessment(assessed.partnership, "2021-22") is None


@pytest.mark.parametrize("edition", ["restricted", "public"])
def test_the_assessment_document_passes_the_publication_check(assessed, edition):
    from cspmonitor.reports import services
    from cspmonitor.reports.publication_check import check

    document = services.build(assessed.partnership, "assessment", assessed.year, edition)
    assert [str(finding) for finding in check(document)] == []
