"""Charts of a strategic assessment, drawn with matplotlib as SVG from the result data.

Every chart has a data table beside it on the page, and its colours pass contrast on white;
significance is shown by marker shape as well as colour, so it never relies on colour alone.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import StrMethodFormatter  # noqa: E402

from cspmonitor.analysis.names import ALL_AREAS, ALL_TYPES  # noqa: E402

BLUE, GREY, RED, GREEN, BLACK = "#1d70b8", "#505a5f", "#d4351c", "#00703c", "#0b0c0c"
plt.rcParams.update(
    {
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "none",
        "svg.hashsalt": "cspmonitor",
    }
)


def to_svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()


def to_png(figure, dpi: int = 150) -> bytes:
    """PNG bytes of a figure, for documents (Word cannot embed SVG). The same drawing always gives
    the same bytes, so a report's content fingerprint stays the same for the same data."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def series(result: Mapping, area: str, crime_type: str) -> list[int]:
    """The monthly counts of one crime type in one area (``result["monthly"]["months"]`` order)."""
    for item in result["monthly"]["series"]:
        if item["area"] == area and item["crime_type"] == crime_type:
            return item["counts"]
    return []


def seasonal_baseline(counts: Sequence[int]) -> list[float | None]:
    """Each month's baseline: the mean of the same month in earlier years that have data, or None
    in the first year."""
    baseline: list[float | None] = []
    for i in range(len(counts)):
        earlier = [counts[j] for j in range(i - 12, -1, -12) if counts[j] > 0]
        baseline.append(sum(earlier) / len(earlier) if earlier else None)
    return baseline


def trend_figure(months: Sequence[str], counts: Sequence[int], *, skip_empty: bool = False):
    """Monthly counts with the seasonal baseline, as a matplotlib figure (``to_svg`` for the page,
    ``to_png`` for documents). ``skip_empty`` leaves out months with no data at all."""
    baseline = seasonal_baseline(counts)
    shown = [i for i, count in enumerate(counts) if count or not skip_empty]
    figure, axes = plt.subplots(figsize=(8, 3.2))
    axes.plot(shown, [counts[i] for i in shown], color=BLUE, linewidth=2, label="Recorded")
    points = [(i, value) for i in shown if (value := baseline[i]) is not None]
    if points:
        axes.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            color=GREY,
            linestyle="--",
            linewidth=1.5,
            label="Same month, earlier years (mean)",
        )
    ticks = [i for i in shown if months[i].endswith("-04")]
    axes.set_xticks(ticks, [months[i] for i in ticks])
    axes.set_ylabel("Crimes and ASB incidents a month")
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.legend(frameon=False, loc="lower left")
    return figure


def trend(result: Mapping, crime_type: str = ALL_TYPES, area: str = ALL_AREAS) -> str:
    """Monthly counts with the seasonal baseline (the same month's mean in earlier years)."""
    return to_svg(trend_figure(result["monthly"]["months"], series(result, area, crime_type)))


def small_multiples(result: Mapping, area: str = ALL_AREAS) -> str:
    """One small chart per crime type: this year's months against last year's."""
    months = result["monthly"]["months"]
    types = [t for t in dict.fromkeys(s["crime_type"] for s in result["monthly"]["series"]) if t != ALL_TYPES]
    columns = 4
    rows = (len(types) + columns - 1) // columns
    figure, axes = plt.subplots(rows, columns, figsize=(10, 2.1 * rows), sharex=True)
    for index, ax in enumerate(axes.flat):
        if index >= len(types):
            ax.axis("off")
            continue
        counts = series(result, area, types[index])[-24:]
        ax.plot(range(12), counts[12:], color=BLUE, linewidth=2, label="This year")
        ax.plot(range(12), counts[:12], color=GREY, linestyle="--", linewidth=1.2, label="Last year")
        ax.set_title(types[index], fontsize=9, loc="left")
        ax.set_ylim(bottom=0)
        ax.set_xticks([0, 6, 11], [months[-12][5:], months[-6][5:], months[-1][5:]])
    axes.flat[0].legend(frameon=False, fontsize=8)
    figure.tight_layout()
    return to_svg(figure)


def changes(result: Mapping, area: str = ALL_AREAS) -> str:
    """Rate ratios with 95% intervals by crime type; significant changes drawn as squares."""
    rows = [
        r
        for r in result.get("changes", {}).get("rows", [])
        if r["area"] == area and r["ratio"] is not None and r["ci_high"] is not None
    ]
    rows.sort(key=lambda r: r["ratio"])
    figure, axes = plt.subplots(figsize=(8, 0.35 * len(rows) + 1))
    for i, row in enumerate(rows):
        significant = row["wording"] != "within normal variation"
        colour = (RED if row["ratio"] > 1 else GREEN) if significant else GREY
        axes.plot([row["ci_low"], row["ci_high"]], [i, i], color=colour, linewidth=2)
        axes.plot(row["ratio"], i, marker="s" if significant else "o", color=colour, markersize=7)
    axes.axvline(1, color=BLACK, linewidth=1)
    axes.set_yticks(range(len(rows)), [r["crime_type"] for r in rows])
    axes.set_xlabel("Rate ratio, this year to last (95% interval); squares: significant change")
    return to_svg(figure)


CHARTS: dict[str, Callable[[Mapping], str]] = {
    "trend": trend,
    "small-multiples": small_multiples,
    "changes": changes,
}
