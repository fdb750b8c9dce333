"""The strategic assessment document's chart, map and larger tables, and the cells they are made of.

The chart and map are drawn as on the assessment pages (``crime.charts.trend_figure``,
``crime.maps.map_figure``) but as PNG (the Word writer embeds PNG only), each with alternative
text and a data table holding the same figures.

Cells that hold a count carry it in ``Cell.count`` so the public edition can suppress small
numbers, and a cell worked out from counts (a rate, a change) carries the smallest of them,
so it is suppressed with the count it would give away.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping

from cspmonitor.analysis.names import ALL_AREAS, ALL_TYPES
from cspmonitor.crime import charts, maps
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
    counts = charts.series(result, ALL_AREAS, ALL_TYPES)
    baseline = charts.seasonal_baseline(counts)
    held = [i for i, count in enumerate(counts) if count]
    figure = charts.trend_figure(months, counts, skip_empty=True)
    rows = []
    for i in held:
        usual = "no earlier year" if baseline[i] is None else f"{baseline[i]:,.1f}"
        rows.append([Cell(month_name(months[i])), count_cell(counts[i]), Cell(usual)])
    return Figure(
        caption=f"Crimes and ASB a month, {month_name(months[held[0]])} to {month_name(months[held[-1]])}",
        alt="Line chart of crimes and anti-social behaviour incidents recorded each month across the "
        "partnership, with a dashed line for the mean of the same month in earlier years. The figures "
        "are in the table that follows.",
        image=charts.to_png(figure),
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
        image=charts.to_png(maps.map_figure(layer, {"features": hot})),
        data_table=Table(
            caption="Crimes and ASB per 1,000 residents by LSOA",
            headers=["LSOA", "Recorded", "Per 1,000 residents", "Hotspot (LSOA)"],
            rows=rows,
            numeric_columns=[1, 2],
        ),
    )


def lsoa_table(caption: str, rows: Iterable[Mapping]) -> Table:
    """LSOAs with their count, rate and deprivation decile (rows as ``AssessmentPage.lsoas``)."""
    return Table(
        caption=caption,
        headers=[
            "Lower layer super output area (LSOA)",
            "District",
            "Recorded",
            "Per 1,000 residents",
            "Index of Multiple Deprivation (IMD) decile",
        ],
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
