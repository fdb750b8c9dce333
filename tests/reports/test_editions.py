"""Public and restricted editions: withholding restricted blocks and suppressing small counts."""

from __future__ import annotations

import pytest

from cspmonitor.reports.blocks import (
    OFFICIAL_SENSITIVE,
    Cell,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
    Withheld,
)
from cspmonitor.reports.editions import (
    PublicationRefused,
    assert_publishable,
    check_public,
    public_edition,
    restricted_edition,
    suppress_table,
)
from cspmonitor.reports.writers.numbering import number_document


def counts(*values: int) -> list[Cell]:
    return [Cell(str(value), count=value) for value in values]


def table(rows: list[list[int]], total: bool = True) -> Table:
    body = [counts(*row) for row in rows]
    if total:
        body.append(counts(*[sum(column) for column in zip(*rows, strict=True)]))
    return Table(rows=body, total_rows=[len(body) - 1] if total else [])


def shown(t: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in t.rows]


def test_primary_suppression_keeps_zero_and_threshold():
    t = table([[0, 1, 4, 5, 12]], total=False)
    suppress_table(t)
    assert shown(t) == [["0", "[c]", "[c]", "5", "12"]]
    assert [cell.suppressed for cell in t.rows[0]] == [False, True, True, False, False]


def test_secondary_suppression_hides_next_smallest_in_column():
    t = table([[3], [9], [7], [20]])
    suppress_table(t)
    assert shown(t) == [["[c]"], ["9"], ["[c]"], ["20"], ["39"]]


def test_secondary_suppression_skips_zeros_and_falls_back_to_total():
    t = table([[2], [0]])
    suppress_table(t)
    assert shown(t) == [["[c]"], ["0"], ["[c]"]]


def test_two_suppressed_cells_need_no_secondary():
    t = table([[2], [3], [10]])
    suppress_table(t)
    assert shown(t) == [["[c]"], ["[c]"], ["10"], ["15"]]


def test_columns_are_treated_separately():
    t = table([[2, 10], [8, 11], [6, 12]])
    suppress_table(t)
    assert shown(t) == [["[c]", "10"], ["8", "11"], ["[c]", "12"], ["16", "33"]]


def test_each_total_row_covers_its_own_group():
    rows = counts(2), counts(9), counts(11), counts(20), counts(30), counts(50)
    t = Table(rows=list(rows), total_rows=[2, 5])
    suppress_table(t)
    assert shown(t) == [["[c]"], ["[c]"], ["11"], ["20"], ["30"], ["50"]]


def test_text_cells_are_left_alone():
    t = Table(rows=[[Cell("Route"), *counts(1)]])
    suppress_table(t, threshold=5)
    assert shown(t) == [["Route", "[c]"]]


def sample() -> Document:
    secret = Paragraph(text="Case detail", classification=OFFICIAL_SENSITIVE, schedule_12a=2)
    secret_crime = Paragraph(text="Operation detail", classification=OFFICIAL_SENSITIVE)
    return Document(
        title="Report",
        edition="restricted",
        sections=[
            Section(
                title="One",
                blocks=[
                    Paragraph(text="Open"),
                    secret,
                    Paragraph(text="Also secret", classification=OFFICIAL_SENSITIVE, schedule_12a=2),
                    secret_crime,
                    Paragraph(text="Open again"),
                    table([[3], [9]]),
                ],
                subsections=[
                    Section(title="Hidden", classification=OFFICIAL_SENSITIVE, blocks=[Paragraph(text="x")]),
                    Section(title="Shown", blocks=[Paragraph(text="y")]),
                ],
            ),
            Section(
                title="Secret section",
                classification=OFFICIAL_SENSITIVE,
                schedule_12a=1,
                blocks=[Paragraph(text="z")],
            ),
        ],
    )


def test_public_edition_withholds_runs_and_sections():
    original = sample()
    public = public_edition(original)
    one = public.sections[0]
    kinds = [(type(b).__name__, getattr(b, "text", None), b.schedule_12a) for b in one.blocks]
    assert kinds == [
        ("Paragraph", "Open", None),
        ("Withheld", None, 2),
        ("Withheld", None, 7),
        ("Paragraph", "Open again", None),
        ("Table", None, None),
    ]
    assert "paragraph 2 of Part 1 of Schedule 12A" in one.blocks[1].note  # type: ignore[attr-defined]
    assert [b.replaces for b in one.blocks if isinstance(b, Withheld)] == [2, 1]
    assert [s.title for s in one.subsections] == ["Information withheld from this edition", "Shown"]
    assert isinstance(one.subsections[0].blocks[0], Withheld)
    assert shown(one.blocks[4]) == [["[c]"], ["[c]"], ["12"]]  # type: ignore[arg-type]
    secret = public.sections[1]
    assert secret.title == "Secret section" and len(secret.blocks) == 1
    assert isinstance(secret.blocks[0], Withheld) and secret.blocks[0].schedule_12a == 1
    assert check_public(public) == []
    assert_publishable(public)
    # The original is untouched.
    assert original.sections[0].blocks[1].restricted and len(original.sections[0].subsections) == 2


def test_figure_with_small_counts_becomes_its_table():
    figure = Figure(caption="Chart", image=b"png", data_table=Table(rows=[counts(2), counts(30)]))
    document = Document(title="R", edition="restricted", sections=[Section(title="S", blocks=[figure])])
    public = public_edition(document)
    block = public.sections[0].blocks[0]
    assert isinstance(block, Table) and block.caption == "Chart"
    assert shown(block) == [["[c]"], ["30"]]
    assert check_public(public) == []


def test_a_figure_replaced_by_its_table_takes_the_figures_caption():
    data = Table(caption="The chart's figures: people reached", rows=[counts(2), counts(30)])
    figure = Figure(caption="People reached", image=b"png", data_table=data)
    document = Document(title="R", edition="restricted", sections=[Section(title="S", blocks=[figure])])
    [block] = public_edition(document).sections[0].blocks
    assert isinstance(block, Table) and block.caption == "People reached"


def test_a_figure_without_small_counts_is_published_with_its_table():
    data = Table(caption="Figures", rows=[counts(0), counts(30)])
    figure = Figure(caption="People reached", image=b"png", data_table=data)
    document = Document(title="R", edition="restricted", sections=[Section(title="S", blocks=[figure])])
    [block] = public_edition(document).sections[0].blocks
    assert isinstance(block, Figure) and block.image == b"png"
    assert block.data_table is not None and shown(block.data_table) == [["0"], ["30"]]


def test_check_public_flags_planted_problems():
    public = public_edition(sample())
    public.sections[0].blocks.append(Paragraph(text="planted", classification=OFFICIAL_SENSITIVE))
    public.sections[0].subsections[0].blocks.append(Table(caption="Small", rows=[counts(3)]))
    leaky = table([[2], [9]])
    leaky.rows[0][0].suppressed, leaky.rows[0][0].text = True, "[c]"
    public.sections[0].blocks.append(leaky)
    problems = check_public(public)
    assert any("OFFICIAL-SENSITIVE paragraph" in p for p in problems)
    assert any("Small shows a count below 5" in p for p in problems)
    assert any("worked out from its total" in p for p in problems)
    with pytest.raises(PublicationRefused) as refused:
        assert_publishable(public)
    assert refused.value.problems == problems


def test_check_public_refuses_restricted_edition():
    document = sample()
    assert any("restricted edition" in p for p in check_public(document))


def test_restricted_edition_keeps_everything():
    original = sample()
    restricted = restricted_edition(original)
    assert restricted is not original and restricted.edition == "restricted"
    assert restricted == original
    assert not any(isinstance(b, Withheld) for _, b in restricted.walk())


def test_a_paragraph_has_the_same_number_in_both_editions():
    original = sample()
    public = public_edition(original)
    restricted_numbers, public_numbers = number_document(original), number_document(public)

    def numbers_of_open_parts(document, numbering):
        found = {}
        for _section, block in document.walk():
            if isinstance(block, Paragraph) and not block.restricted:
                found[block.text] = numbering.block(block)
        for section in document.sections:
            for child in section.subsections:
                if child.title == "Shown":
                    found["Shown"] = numbering.section(child)
        return found

    published = numbers_of_open_parts(public, public_numbers)
    in_full = numbers_of_open_parts(original, restricted_numbers)
    assert published == {key: in_full[key] for key in ["Open", "Open again", "Shown", "y"]}
    assert published["Open again"] == "1.5"
