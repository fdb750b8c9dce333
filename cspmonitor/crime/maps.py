"""Map layers of a strategic assessment as GeoJSON (for Leaflet) and as a static SVG.

No tile server: the LSOA boundaries from the reference data are the whole map.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from cspmonitor.analysis import boundaries21, geography, national_figures
from cspmonitor.analysis.names import ALL_AREAS

# Six-step sequential blues (light to dark); the legend gives each step's range in words.
SHADES = ["#f7fbff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]


def rate_breaks(rates: list[float], steps: int = len(SHADES)) -> list[float]:
    """Quantile breaks for the choropleth, rounded so the legend reads cleanly."""
    if not rates:
        return []
    quantiles = np.quantile(rates, np.linspace(0, 1, steps + 1)[1:-1])
    return [float(round(q, 1)) for q in quantiles]


def shade(rate: float, breaks: list[float]) -> str:
    return SHADES[int(np.searchsorted(breaks, rate, side="right"))]


def lsoa_layer(result: Mapping, reference_dir: Path) -> dict:
    """LSOA boundaries with this year's count, rate per 1,000, hotspot class and trend."""
    # Not the order of result["areas"]: PostgreSQL's jsonb does not keep the keys' order.
    districts = [code for code in result["areas"] if code != ALL_AREAS]
    rows = {r["lsoa_code"]: r for r in result.get("hotspots_lsoa", {}).get("rows", [])}
    collection, population = _lsoas(result, reference_dir, districts, rows)
    rates = []
    for feature in collection["features"]:
        code = feature["properties"]["code"]
        row = rows.get(code, {})
        people = population.get(code) or 0
        count = row.get("current", 0)
        rate = round(1000 * count / people, 1) if people else None
        feature["properties"] = {
            "code": code,
            "name": feature["properties"]["name"],
            "count": count,
            "population": people,
            "rate": rate,
            "hotspot": row.get("class", "not assessed"),
            "trend": row.get("trend", "none"),
        }
        if rate is not None:
            rates.append(rate)
    breaks = rate_breaks(rates)
    for feature in collection["features"]:
        rate = feature["properties"]["rate"]
        feature["properties"]["fill"] = shade(rate, breaks) if rate is not None else "#ffffff"
    collection["breaks"] = breaks
    collection["shades"] = SHADES
    return collection


def _lsoas(result: Mapping, reference_dir: Path, districts: list[str], rows: Mapping) -> tuple[dict, Mapping]:
    """The LSOA polygons (properties code and name) and their populations, in the result's vintage."""
    if result.get("geography", {}).get("lsoa_vintage") == 2021:
        # The partnership's own 2021 LSOAs: the hotspot table lists each one, split districts
        # only for the partnership's part.
        area = {code: row["district"] for code, row in rows.items()}
        return boundaries21.lsoa21_collection(reference_dir, area), national_figures.lsoa_population_2022(
            reference_dir
        )
    collection = geography.lsoa_boundaries(reference_dir, districts)
    for feature in collection["features"]:
        p = feature["properties"]
        p["code"], p["name"] = p["LSOA11CD"], p["LSOA11NM"]
    return collection, geography.population_2020(reference_dir)


def hotspot_cells_layer(result: Mapping) -> dict:
    """Significant grid cells as squares (corners converted from British National Grid)."""
    section = result.get("hotspots_grid")
    features = []
    if section:
        half = section["cell_m"] / 2
        # Only cells significant now: a diminishing cell that is no longer hot is in the table.
        for cell in (c for c in section["flagged"] if c["class"] != "not significant"):
            xs = np.array(
                [cell["x"] - half, cell["x"] + half, cell["x"] + half, cell["x"] - half, cell["x"] - half]
            )
            ys = np.array(
                [cell["y"] - half, cell["y"] - half, cell["y"] + half, cell["y"] + half, cell["y"] - half]
            )
            lon, lat = geography.to_wgs84(xs, ys)
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [[[float(a), float(b)] for a, b in zip(lon, lat, strict=True)]],
                    },
                    "properties": {
                        "class": cell["class"],
                        "trend": cell.get("trend", "none"),
                        "count": cell["count"],
                        "z": round(cell["z"], 2),
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


def legend_labels(breaks: Sequence[float]) -> list[str]:
    """The range of each shade in words, from ``rate_breaks``."""
    if not breaks:
        return ["all"]
    labels = [f"under {breaks[0]:,.1f}"]
    labels += [f"{low:,.1f} to {high:,.1f}" for low, high in zip(breaks, breaks[1:], strict=False)]
    return [*labels, f"{breaks[-1]:,.1f} and over"]


def map_figure(layer: dict, cells: dict):
    """The choropleth with hot (red) and cold (blue) cells and a legend of the shades, as a
    matplotlib figure (``to_svg`` for downloads, ``to_png`` for documents)."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch
    from matplotlib.patches import Polygon as PolygonPatch

    from cspmonitor.crime.charts import BLUE, GREY, RED, plt

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
    squares = [PolygonPatch(cell["geometry"]["coordinates"][0]) for cell in cells["features"]]
    colours = [RED if cell["properties"]["class"] == "hot" else BLUE for cell in cells["features"]]
    axes.add_collection(PatchCollection(squares, facecolors=colours, edgecolors="none"))
    shades = zip(layer.get("shades", SHADES), legend_labels(layer.get("breaks", [])), strict=False)
    handles = [Patch(facecolor=shade, edgecolor=GREY, label=label) for shade, label in shades]
    classes = {cell["properties"]["class"] for cell in cells["features"]}
    handles += [Patch(facecolor=RED, label="Hotspot cell")] if "hot" in classes else []
    handles += [Patch(facecolor=BLUE, label="Cold spot cell")] if "cold" in classes else []
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
    # Degrees of longitude are shorter than degrees of latitude, the more so further north.
    axes.set_aspect(1 / np.cos(np.radians(np.mean(axes.get_ylim()))))
    axes.axis("off")
    return figure


def static_map_svg(layer: dict, cells: dict) -> str:
    """The choropleth and hot cells as a static SVG, for downloads."""
    from cspmonitor.crime.charts import to_svg

    return to_svg(map_figure(layer, cells))
