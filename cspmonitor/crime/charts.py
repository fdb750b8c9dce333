"""Charts of a strategic assessment, drawn with matplotlib as SVG from the result data.

Every chart has a data table beside it on the page, and its colours pass contrast on white;
significance is shown by marker shape as well as colour, so it never relies on colour alone.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

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


def _series(result: Mapping, area: str, crime_type: str) -> list[int]:
    for series in result["monthly"]["series"]:
        if series["area"] == area and series["crime_type"] == crime_type:
            return series["counts"]
    return []


def trend(result: Mapping, crime_type: str = ALL_TYPES, area: str = ALL_AREAS) -> str:
    """Monthly counts with the seasonal baseline (the same month's mean in earlier years)."""
    months = result["monthly"]["months"]
    counts = _series(result, area, crime_type)
    baseline = []
    for i in range(len(months)):
        earlier = [counts[j] for j in range(i - 12, -1, -12) if counts[j] > 0]
        baseline.append(sum(earlier) / len(earlier) if earlier else None)
    figure, axes = plt.subplots(figsize=(8, 3.2))
    axes.plot(range(len(months)), counts, color=BLUE, linewidth=2, label="Recorded")
    points = [(i, b) for i, b in enumerate(baseline) if b is not None]
    if points:
        axes.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            color=GREY,
            linestyle="--",
            linewidth=1.5,
            label="Same month, earlier years (mean)",
        )
    ticks = [i for i, m in enumerate(months) if m.endswith("-04")]
    axes.set_xticks(ticks, [months[i] for i in ticks])
    axes.set_ylabel("Crimes and ASB incidents a month")
    axes.set_ylim(bottom=0)
    axes.legend(frameon=False, loc="lower left")
    return to_svg(figure)


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
        counts = _series(result, area, types[index])[-24:]
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
