"""manage.py build_report: the annual report from the command line, in each format and edition."""

from __future__ import annotations

from io import StringIO

import docx
import pytest
from django.core.management import CommandError, call_command

from cspmonitor.reports.models import GeneratedReport
from tests.reports.poppler import pdf_text
from tests.reports.word_numbering import labels

# Figures the 2022/23 report gives, each of which must come from the records.
SEED_FIGURES = ["15 staff", "20 school staff", "43 staff", "84 parents and carers", "over 110", "1,250", "59"]


def _command(tmp_path, kind="annual", **options):
    """Run build_report; options default to the demo's public 2022-23 PDF. Returns the file."""
    options = {"partnership": "western-suffolk", "edition": "public", "format": "pdf", **options}
    if "quarter" not in options:
        options.setdefault("year", "2022-23")
    out = tmp_path / f"report.{options['format']}"
    call_command("build_report", kind, out=out, stdout=StringIO(), **options)
    return out


def _build(tmp_path, edition, file_format):
    return _command(tmp_path, edition=edition, format=file_format)


def test_the_restricted_word_report_has_word_headings_the_seed_figures_and_the_reviews(demo, tmp_path):
    document = docx.Document(str(_build(tmp_path, "restricted", "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Recommendations"  # on the front sheet, before the numbered sections
    # Word numbers the sections itself (numbering.xml), so the numbers are not in the text.
    numbered = [
        (label, text) for label, text, _hidden in labels(document) if "." not in label and text in headings
    ]
    assert [label for label, _ in numbered] == [str(n) for n in range(1, 9)]
    assert numbered[0][1] == "Background"
    assert numbered[-1][1] == "Background documents associated with this report"
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for figure in SEED_FIGURES:
        assert figure in text, figure
    assert "WS-DHR-2021-01" in text
    assert "OFFICIAL-SENSITIVE" in document.sections[0].header.paragraphs[0].text


def test_the_public_pdf_leaves_out_restricted_parts(demo, tmp_path):
    pdf = _build(tmp_path, "public", "pdf")
    text = pdf_text(pdf)
    for figure in SEED_FIGURES:
        assert figure in text, figure
    assert "WS-DHR" not in text
    assert "Schedule 12A" in text
    assert "OFFICIAL-SENSITIVE" not in text.replace("OFFICIAL-SENSITIVE material", "")


def test_each_run_is_kept_as_a_version(demo, tmp_path):
    _build(tmp_path, "public", "html")
    assert GeneratedReport.objects.get().status == "done"


def test_it_refuses_an_unknown_partnership_and_a_malformed_year(demo, tmp_path):
    with pytest.raises(CommandError, match="No partnership has the slug 'nowhere'"):
        _command(tmp_path, partnership="nowhere")
    with pytest.raises(CommandError, match="like 2022-23"):
        _command(tmp_path, year="2022")


def test_the_quarterly_update_takes_a_quarter_and_every_other_report_a_year(demo, tmp_path):
    out = _command(tmp_path, "quarterly", quarter="2022-23 Q3", edition="restricted", format="html")
    assert "<h1" in out.read_text() and GeneratedReport.objects.get().year == "2022-23 Q3"
    with pytest.raises(CommandError, match="The quarterly update takes --quarter"):
        _command(tmp_path, "quarterly", year="2022-23", format="html")
    with pytest.raises(CommandError, match="every other report takes --year"):
        _command(tmp_path, "asb", quarter="2022-23 Q3", format="html")


def test_the_assessment_document_without_a_finished_assessment_is_refused_with_the_reason(demo, tmp_path):
    with pytest.raises(CommandError, match="no finished strategic assessment for 2022-23"):
        _command(tmp_path, "assessment")
