"""Charts for the plan pages, drawn with matplotlib as SVG.

Each chart sits beside a table with the same figures. RAG bars carry the rating's initial
letter as well as its colour, so the chart never relies on colour alone.
"""

from __future__ import annotations

from matplotlib.ticker import MaxNLocator

from cspmonitor.crime.charts import BLACK, BLUE, GREY, plt, to_svg
from cspmonitor.periods import Quarter
from cspmonitor.plans.services import RAG_COLUMNS, ActionPlan, OutputGroup

#: Colours and hatches of the ratings, in ``RAG_COLUMNS`` order (red, amber, green, not rated).
RAG_COLOURS = ["#d4351c", "#f47738", "#00703c", "#b1b4b6"]
RAG_HATCHES = ["xx", "//", "", ".."]
#: Labels sit on a white box: black on white reads on any fill and any hatching.
LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}


def draw_rag_bars(axes, rows: list[tuple[str, list[int]]]) -> None:
    """Stacked horizontal bars, one per (title, counts in ``RAG_COLUMNS`` order), top to bottom;
    each part labelled with its rating's letter and count (R2, A1, G5)."""
    titles = [title for title, _counts in rows][::-1]
    counts = [counts for _title, counts in rows][::-1]
    left = [0] * len(titles)
    for column, (_key, label) in enumerate(RAG_COLUMNS):
        values = [c[column] for c in counts]
        axes.barh(
            titles,
            values,
            left=left,
            color=RAG_COLOURS[column],
            hatch=RAG_HATCHES[column],
            edgecolor="white",
            label=label,
        )
        for y, (start, value) in enumerate(zip(left, values, strict=True)):
            if value:
                text = f"{label[0]}{value}"
                axes.text(start + value / 2, y, text, ha="center", va="center", color=BLACK, bbox=LABEL_BOX)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_xlabel("Actions")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))


def action_plan(plan: ActionPlan) -> str:
    """Actions of each priority by RAG rating, as stacked horizontal bars."""
    height = max(2.0, 0.45 * len(plan.rows) + 1.0)
    figure, axes = plt.subplots(figsize=(8, height))
    draw_rag_bars(axes, [(row.priority.title, row.counts) for row in plan.rows])
    axes.legend(loc="lower right", frameon=False)
    return to_svg(figure)


def quarters_between(first: Quarter, last: Quarter) -> list[Quarter]:
    quarters = [first]
    while quarters[-1] < last:
        quarters.append(quarters[-1].next())
    return quarters


def people_reached(group: OutputGroup) -> dict[Quarter, int]:
    """People trained or reached by quarter: training sessions and events."""
    totals: dict[Quarter, int] = {}
    for item in group.items:
        people = getattr(item, "people_reached", None) or getattr(item, "attendees", None) or 0
        totals[item.quarter] = totals.get(item.quarter, 0) + people
    return totals


def outputs_over_time(groups: list[OutputGroup]) -> tuple[str, list[tuple[Quarter, int, int]]]:
    """Outputs recorded and people reached by quarter; returns the SVG and its table rows."""
    quarters_seen = [item.quarter for group in groups for item in group.items]
    if not quarters_seen:
        return "", []
    quarters = quarters_between(min(quarters_seen), max(quarters_seen))
    recorded = {q: 0 for q in quarters}
    reached = {q: 0 for q in quarters}
    for group in groups:
        for item in group.items:
            recorded[item.quarter] += 1
        if group.model.kind_slug in ("training", "events"):
            for quarter, people in people_reached(group).items():
                reached[quarter] += people
    labels = [f"Q{q.number}\n{q.year.label}" for q in quarters]
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(8, 4.6), sharex=True)
    top.bar(labels, [recorded[q] for q in quarters], color=BLUE)
    top.set_ylabel("Outputs")
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.bar(labels, [reached[q] for q in quarters], color=GREY, hatch="//", edgecolor="white")
    bottom.set_ylabel("People trained\nor reached")
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    rows = [(q, recorded[q], reached[q]) for q in quarters]
    return to_svg(figure), rows
