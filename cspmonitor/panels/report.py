"""The panels' anonymous counts in the annual report, as OFFICIAL tables whose cells are
counts: the restricted edition shows them all and the public edition suppresses the small ones
("[c]", with secondary suppression against the total rows; `cspmonitor.reports.editions`).

A MACE panel's figures go under the criminal exploitation priority and a high-risk ASB forum's
under the anti-social behaviour priority, where the report discusses that work; any other
panel's (or a panel whose priority the plan lacks) go in a "Multi-agency panels" sub-section.
"""

from __future__ import annotations

from collections.abc import Iterable

from cspmonitor.panels.figures import PanelFigures, panel_figures
from cspmonitor.panels.models import Case, Panel, Risk
from cspmonitor.periods import FinancialYear
from cspmonitor.reports.blocks import Block, Cell, Paragraph, Section, Table

TITLE = "Multi-agency panels"
#: The priority, by words in its title, under which each kind of panel's figures are reported.
PRIORITY_WORDS = {
    Panel.Kind.CRIMINAL_EXPLOITATION: ("exploitation",),
    Panel.Kind.HIGH_RISK_ASB: ("anti social behaviour",),
}


def _count(n: int) -> Cell:
    return Cell(str(n), count=n)


def _column(caption: str, headers: list[str], counts: list[tuple[str, int]]) -> Table:
    """A one-column table of counts with a total row (short labels read well in every format).
    The count column is headed by the panel's name, so each panel's table reads apart."""
    rows = [[Cell(label), _count(n)] for label, n in counts]
    rows.append([Cell("Total"), _count(sum(n for _, n in counts))])
    return Table(caption=caption, headers=headers, rows=rows, numeric_columns=[1], total_rows=[len(rows) - 1])


def referrals_table(figures: PanelFigures, year: FinancialYear) -> Table:
    rows = [
        [Cell(source), *[_count(figures.referrals.get((source, q), 0)) for q in (1, 2, 3, 4)]]
        for source in figures.sources
    ]
    rows.append(
        [
            Cell("Total"),
            *[
                _count(sum(n for (_, q), n in figures.referrals.items() if q == number))
                for number in (1, 2, 3, 4)
            ],
        ]
    )
    return Table(
        caption=f"{figures.panel}: referrals by quarter and referring organisation, {year.label}",
        headers=[f"Referred to the {figures.panel} by", "Q1", "Q2", "Q3", "Q4"],
        rows=rows,
        numeric_columns=[1, 2, 3, 4],
        total_rows=[len(rows) - 1],
    )


def blocks_for(figures: PanelFigures, year: FinancialYear) -> list[Block]:
    total = sum(figures.referrals.values())
    return [
        Paragraph(
            text=f"The {figures.panel} received {total} referral{'s' if total != 1 else ''} in {year.label}. "
            "Its case work is confidential: these are anonymous counts."
        ),
        referrals_table(figures, year),
        _column(
            f"{figures.panel}: cases referred in {year.label} by risk level at referral",
            ["Risk level", figures.panel],
            [(label, figures.risk_at_referral.get(label, 0)) for _, label in Risk.choices],
        ),
        _column(
            f"{figures.panel}: cases closed in {year.label} by outcome",
            ["Outcome", figures.panel],
            [(label, figures.outcomes.get(label, 0)) for _, label in Case.Outcome.choices],
        ),
    ]


def priority_blocks(
    all_figures: list[PanelFigures], year: FinancialYear, title: str
) -> tuple[list[Block], set[str]]:
    """The blocks for the panels reported under the priority called ``title``, and their names."""
    words = title.lower().replace("-", " ")
    chosen = [f for f in all_figures if any(w in words for w in PRIORITY_WORDS.get(f.kind, ()))]  # type: ignore[call-overload]
    return [block for f in chosen for block in blocks_for(f, year)], {f.panel for f in chosen}


def leftover_section(
    all_figures: Iterable[PanelFigures], year: FinancialYear, placed: set[str]
) -> Section | None:
    blocks = [block for f in all_figures if f.panel not in placed for block in blocks_for(f, year)]
    return Section(title=TITLE, blocks=blocks) if blocks else None


__all__ = ["leftover_section", "panel_figures", "priority_blocks"]
