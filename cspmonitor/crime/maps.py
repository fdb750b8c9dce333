"""Map layers of a strategic assessment as GeoJSON (for Leaflet) and as a static SVG.

No tile server: the LSOA boundaries from the reference data are the whole map.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from cspmonitor.analysis import geography
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
    collection = geography.lsoa_boundaries(reference_dir, districts)
    population = geography.population_2020(reference_dir)
    rows = {r["lsoa_code"]: r for r in result.get("hotspots_lsoa", {}).get("rows", [])}
    rates = []
    for feature in collection["features"]:
        code = feature["properties"]["LSOA11CD"]
        row = rows.get(code, {})
        people = population.get(code) or 0
        count = row.get("current", 0)
        rate = round(1000 * count / people, 1) if people else None
        feature["properties"] = {
            "code": code,
            "name": feature["properties"]["LSOA11NM"],
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


def static_map_svg(layer: dict, cells: dict) -> str:
    """The choropleth and hot cells as a static SVG, for documents and downloads."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Polygon as Patch

    figure, axes = plt.subplots(figsize=(7, 7))
    for feature in layer["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            axes.add_patch(
                Patch(
                    polygon[0],
                    closed=True,
                    facecolor=feature["properties"]["fill"],
                    edgecolor="#505a5f",
                    linewidth=0.3,
                )
            )
    for feature in cells["features"]:
        ring = feature["geometry"]["coordinates"][0]
        colour = "#d4351c" if feature["properties"]["class"] == "hot" else "#1d70b8"
        axes.add_patch(Patch(ring, closed=True, facecolor=colour, edgecolor="none"))
    axes.autoscale_view()
    axes.set_aspect(1 / np.cos(np.radians(52.2)))
    axes.axis("off")
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()
