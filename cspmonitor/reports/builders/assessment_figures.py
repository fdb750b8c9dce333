"""The strategic assessment document's chart, map and larger tables, and the cells they are made of.

The chart and map are PNG figures (the Word writer embeds PNG only), each with alternative
text and a data table holding the same figures. The assessment pages draw the same things as
SVG (``crime.charts.trend``, ``crime.maps.static_map_svg``), which return finished SVG text,
so the drawing is repeated here; the colours and the seasonal baseline follow them.

Cells that hold a count carry it in ``Cell.count`` so the public edition can suppress small
numbers, and a cell worked out from counts (a rate, a change) carries the smallest of them,
so it is suppressed with the count it would give away.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.patches import Patch
from matplotlib.patches import Polygon as PolygonPatch
from matplotlib.ticker import StrMethodFormatter

from cspmonitor.analysis.names import ALL_AREAS, ALL_TYPES
from cspmonitor.crime import maps
from cspmonitor.crime.charts import BLUE, GREY, RED, plt, to_png
from cspmonitor.partnership.reference import ReferenceDataError, reference_dir
from cspmonitor.reports.blocks import Cell, Figure, Table


def month_name(text: str) -> str:
    """'2022-04' → 'April 2022'."""
    year, month = text.split("-")
    return f"{calendar.month_name[int(month)]} {year}"


def count_cell(value: int) -> Cell:
    return Cell(f"{value:,}", count=value)


def derived_cell(text: str, *counts: int) -> Cell:
    """A cell worked out from counts: suppressed exactly when the smallest of them would be."""
    return Cell(text, count=min(counts))


def monthly_trend(result: Mapping) -> Figure:
    """Crimes and ASB a month partnership-wide, with the same month's mean in earlier years
    (the seasonal baseline the assessment page draws). Months with no data are left out."""
    months = result["monthly"]["months"]
    counts = next(
        s["counts"]
        for s in result["monthly"]["series"]
        if s["area"] == ALL_AREAS and s["crime_type"] == ALL_TYPES
    )
    baseline: list[float | None] = []
    for i in range(len(months)):
        earlier = [counts[j] for j in range(i - 12, -1, -12) if counts[j] > 0]
        baseline.append(sum(earlier) / len(earlier) if earlier else None)
    held = [i for i, count in enumerate(counts) if count]
    figure, axes = plt.subplots(figsize=(8, 3.2))
    axes.plot(held, [counts[i] for i in held], color=BLUE, linewidth=2, label="Recorded")
    points = [(i, baseline[i]) for i in held if baseline[i] is not None]
    if points:
        label = "Same month, earlier years (mean)"
        axes.plot(*zip(*points, strict=True), color=GREY, linestyle="--", linewidth=1.5, label=label)
    ticks = [i for i in held if months[i].endswith("-04")]
    axes.set_xticks(ticks, [months[i] for i in ticks])
    axes.set_ylabel("Crimes and ASB a month")
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.legend(frameon=False, loc="lower left")
    rows = []
    for i in held:
        usual = "no earlier year" if baseline[i] is None else f"{baseline[i]:,.1f}"
        rows.append([Cell(month_name(months[i])), count_cell(counts[i]), Cell(usual)])
    return Figure(
        caption=f"Crimes and ASB a month, {month_name(months[held[0]])} to {month_name(months[held[-1]])}",
        alt="Line chart of crimes and anti-social behaviour incidents recorded each month across the "
        "partnership, with a dashed line for the mean of the same month in earlier years. The figures "
        "are in the table that follows.",
        image=to_png(figure),
        data_table=Table(
            caption="Crimes and ASB incidents a month, partnership-wide",
            headers=["Month", "Recorded", "Same month, earlier years (mean)"],
            rows=rows,
            numeric_columns=[1, 2],
        ),
    )


def lsoa_map(result: Mapping) -> Figure | None:
    """LSOAs shaded by crimes and ASB per 1,000 residents, with the hot grid cells in red; None
    where the reference data hold no boundaries for the partnership's districts."""
    try:
        layer = maps.lsoa_layer(result, reference_dir())
    except ReferenceDataError:
        return None
    places = sorted((f["properties"] for f in layer["features"]), key=lambda p: -(p["rate"] or 0))
    rates = [p["rate"] for p in places if p["rate"] is not None]
    if not rates:
        return None
    hot = [c for c in maps.hotspot_cells_layer(result)["features"] if c["properties"]["class"] == "hot"]
    rows = []
    for p in places:
        rate = "none" if p["rate"] is None else f"{p['rate']:,.1f}"
        rows.append(
            [
                Cell(f"{p['name']} ({p['code']})"),
                count_cell(p["count"]),
                derived_cell(rate, p["count"]),
                Cell(p["hotspot"]),
            ]
        )
    size = result.get("hotspots_grid", {}).get("cell_m", 500)
    return Figure(
        caption="Crimes and ASB per 1,000 residents by LSOA, with hotspot cells",
        alt=f"Map of the partnership's {len(places)} LSOAs shaded from light to dark blue by crimes and ASB "
        f"per 1,000 residents ({min(rates):,.1f} to {max(rates):,.1f}); {len(hot)} red squares mark {size} m "
        "cells that are significant hotspots. The figures for each LSOA are in the table that follows.",
        image=_map_png(layer, hot),
        data_table=Table(
            caption="Crimes and ASB per 1,000 residents by LSOA",
            headers=["LSOA", "Recorded", "Per 1,000 residents", "Hotspot (LSOA)"],
            rows=rows,
            numeric_columns=[1, 2],
        ),
    )


def _legend_labels(breaks: Sequence[float]) -> list[str]:
    if not breaks:
        return ["all"]
    labels = [f"under {breaks[0]:,.1f}"]
    labels += [f"{low:,.1f} to {high:,.1f}" for low, high in zip(breaks, breaks[1:], strict=False)]
    return [*labels, f"{breaks[-1]:,.1f} and over"]


def _map_png(layer: dict, hot: Sequence[dict]) -> bytes:
    """``maps.static_map_svg`` drawn as PNG, with a legend of the shades."""
    figure, axes = plt.subplots(figsize=(7, 6))
    shapes, fills = [], []
    for feature in layer["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            shapes.append(PolygonPatch(polygon[0]))
            fills.append(feature["properties"]["fill"])
    # One collection, not a patch each: adding 600 patches one by one takes seconds.
    axes.add_collection(PatchCollection(shapes, facecolors=fills, edgecolors=GREY, linewidths=0.3))
    cells = [PolygonPatch(cell["geometry"]["coordinates"][0]) for cell in hot]
    axes.add_collection(PatchCollection(cells, facecolors=RED, edgecolors="none"))
    shades = zip(layer["shades"], _legend_labels(layer.get("breaks", [])), strict=False)
    handles = [Patch(facecolor=shade, edgecolor=GREY, label=label) for shade, label in shades]
    handles.append(Patch(facecolor=RED, label="Hotspot cell"))
    axes.legend(
        handles=handles,
        title="Crimes and ASB per 1,000 residents",
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=4,
        frameon=False,
        fontsize=8,
    )
    axes.autoscale_view()
    axes.set_aspect(1 / np.cos(np.radians(52.2)))  # degrees of longitude are shorter at Suffolk's latitude
    axes.axis("off")
    return to_png(figure)


def lsoa_table(caption: str, rows: Iterable[Mapping]) -> Table:
    """LSOAs with their count, rate and deprivation decile (rows as ``AssessmentPage.lsoas``)."""
    return Table(
        caption=caption,
        headers=["LSOA", "District", "Recorded", "Per 1,000 residents", "IMD decile"],
        rows=[
            [
                Cell(r["lsoa_code"]),
                Cell(r["district_name"]),
                count_cell(r["count"]),
                derived_cell(f"{r['rate_per_1000']:,.1f}", r["count"]),
                Cell(str(r["imd_decile"] or "none")),
            ]
            for r in rows
        ],
        numeric_columns=[2, 3, 4],
    )


def _knox_cell(cell: Mapping) -> Cell:
    ratio = "not defined" if cell["ratio"] is None else f"×{cell['ratio']:.2f}"
    mark = ", significant" if cell["p"] is not None and cell["p"] <= 0.05 else ""
    return Cell(f"{cell['observed']:,} ({ratio}{mark})", count=cell["observed"])


def knox_table(knox: Mapping) -> Table:
    """One crime type's Knox table (as ``AssessmentPage.near_repeats`` gives it): pairs of crimes
    in each band of distance and time, and how many times what chance would give."""
    return Table(
        caption=f"{knox['crime_type']}: pairs of crimes close in space and time, and how many times what "
        "chance would give",
        headers=["Distance (m)", *[f"{label} months apart" for label in knox["time_labels"]]],
        rows=[[Cell(row["label"]), *map(_knox_cell, row["cells"])] for row in knox["rows"]],
        numeric_columns=list(range(1, len(knox["time_labels"]) + 1)),
    )
