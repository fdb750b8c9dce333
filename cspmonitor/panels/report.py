"""The panels' section of the annual report: anonymous counts only, as OFFICIAL tables whose
cells are counts, so the public edition suppresses the small ones ("[c]") and the restricted
edition shows them all (`cspmonitor.reports.editions`)."""

from __future__ import annotations

from cspmonitor.panels.figures import PanelFigures, panel_figures
from cspmonitor.panels.models import Case, Risk
from cspmonitor.periods import FinancialYear
from cspmonitor.reports.blocks import Cell, Paragraph, Section, Table

TITLE = "Multi-agency panels"


def _count(n: int) -> Cell:
    return Cell(str(n), count=n)


def referrals_table(figures: list[PanelFigures], year: FinancialYear) -> Table:
    rows: list[list[Cell]] = []
    totals: list[int] = []
    for panel in figures:
        for source in panel.sources:
            counts = [panel.referrals.get((source, q), 0) for q in (1, 2, 3, 4)]
            rows.append([Cell(f"{panel.panel}: {source}"), *map(_count, counts), _count(sum(counts))])
        counts = [sum(n for (_, q), n in panel.referrals.items() if q == number) for number in (1, 2, 3, 4)]
        rows.append([Cell(f"{panel.panel}: total"), *map(_count, counts), _count(sum(counts))])
        totals.append(len(rows) - 1)
    return Table(
        caption=f"Referrals to the multi-agency panels by quarter and referring organisation, {year.label}",
        headers=["Panel and referring organisation", "Q1", "Q2", "Q3", "Q4", "Year"],
        rows=rows,
        numeric_columns=[1, 2, 3, 4, 5],
        total_rows=totals,
    )


def risk_table(figures: list[PanelFigures], year: FinancialYear) -> Table:
    levels = [label for _, label in Risk.choices]
    return Table(
        caption=f"Cases referred in {year.label} by risk level at referral",
        headers=["Panel", *levels],
        rows=[
            [Cell(p.panel), *[_count(p.risk_at_referral.get(level, 0)) for level in levels]] for p in figures
        ],
        numeric_columns=list(range(1, len(levels) + 1)),
    )


def outcomes_table(figures: list[PanelFigures], year: FinancialYear) -> Table:
    outcomes = [label for _, label in Case.Outcome.choices]
    return Table(
        caption=f"Cases closed in {year.label} by outcome",
        headers=["Panel", *outcomes],
        rows=[
            [Cell(p.panel), *[_count(p.outcomes.get(outcome, 0)) for outcome in outcomes]] for p in figures
        ],
        numeric_columns=list(range(1, len(outcomes) + 1)),
    )


def panels_section(partnership, year: FinancialYear) -> Section | None:
    """The section, or None when no panel referred or closed a case in ``year``."""
    figures = panel_figures(partnership, year)
    if not figures:
        return None
    intro = Paragraph(
        text=f"The partnership's multi-agency panels ({', '.join(p.panel for p in figures)}) discuss people, "
        "places and groups of concern and agree actions between agencies. Their case work is confidential; "
        "these are anonymous counts."
    )
    return Section(
        title=TITLE,
        blocks=[
            intro,
            referrals_table(figures, year),
            risk_table(figures, year),
            outcomes_table(figures, year),
        ],
    )
