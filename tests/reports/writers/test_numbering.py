from __future__ import annotations

import pytest

from cspmonitor.reports.blocks import OFFICIAL_SENSITIVE, Document, ListBlock, Paragraph, Section, Withheld
from cspmonitor.reports.writers.numbering import (
    RestrictedContentError,
    letter,
    number_document,
    restriction_label,
)


def test_letters():
    assert [letter(i) for i in (0, 1, 2, 25, 26, 27, 51, 52)] == [
        "a)", "b)", "c)", "z)", "aa)", "ab)", "az)", "ba)",
    ]  # fmt: skip
    with pytest.raises(ValueError):
        letter(-1)


def test_sections_paragraphs_and_subsections_share_one_sequence():
    p11, p12, p21, p221, p222, p2231 = (Paragraph(text=str(i)) for i in range(6))
    deep = Section(title="Deep", blocks=[p2231])
    sub = Section(title="Sub", blocks=[p221, ListBlock(items=["x"]), p222], subsections=[deep])
    first = Section(title="One", blocks=[p11, Paragraph(text="aside", numbered=False), p12])
    second = Section(title="Two", blocks=[p21, Withheld(note="withheld")], subsections=[sub])
    numbering = number_document(Document(title="T", edition="public", sections=[first, second]))
    assert [numbering.block(p) for p in (p11, p12, p21, p221, p222, p2231)] == [
        "1.1", "1.2", "2.1", "2.2.1", "2.2.2", "2.2.3.1",
    ]  # fmt: skip
    assert numbering.section(first) == "1"
    assert numbering.section(sub) == "2.2"
    assert numbering.section(deep) == "2.2.3"
    assert numbering.block(first.blocks[1]) is None
    assert numbering.order == ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.2.1", "2.2.2", "2.2.3", "2.2.3.1"]


def test_unnumbered_section_numbers_nothing_and_takes_no_number():
    inside = Paragraph(text="x")
    appendix = Section(title="Appendix", blocks=[inside], numbered=False)
    after = Section(title="After", blocks=[Paragraph(text="y")])
    numbering = number_document(Document(title="T", edition="public", sections=[appendix, after]))
    assert numbering.block(inside) is None
    assert numbering.section(appendix) is None
    assert numbering.section(after) == "1"
    assert numbering.order == ["1", "1.1"]


def test_public_edition_refuses_restricted_content():
    secret = Paragraph(text="secret", classification=OFFICIAL_SENSITIVE, schedule_12a=7)
    with pytest.raises(RestrictedContentError):
        number_document(Document(title="T", edition="public", sections=[Section(title="S", blocks=[secret])]))
    hidden = Section(title="S", classification=OFFICIAL_SENSITIVE)
    with pytest.raises(RestrictedContentError):
        number_document(Document(title="T", edition="public", sections=[hidden]))
    restricted = Document(title="T", edition="restricted", sections=[Section(title="S", blocks=[secret])])
    assert number_document(restricted).order == ["1", "1.1"]


def test_restriction_label():
    assert restriction_label(Paragraph(text="x")) == ""
    label = restriction_label(Paragraph(text="x", classification=OFFICIAL_SENSITIVE, schedule_12a=1))
    assert label.startswith("OFFICIAL-SENSITIVE")
    assert "Schedule 12A, paragraph 1" in label
