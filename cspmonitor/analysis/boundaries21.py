"""LSOA 2021 and district (May 2024) boundaries for England and Wales, read only where needed.

The national LSOA file holds 35,672 polygons (18 MB of GeoJSON). Turning all of them into
shapes takes seconds and hundreds of megabytes, while one partnership needs a few hundred.
The file is written one feature per line, so it is read once per process into a code → line
index (a cheap text scan), and only the features asked for are parsed, then kept.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from cspmonitor.analysis import geography, national

LSOA21_BOUNDARIES = "boundaries/lsoa2021_ew_bsc/lsoa2021_ew_bsc_v4_geographr.geojson.gz"
DISTRICT_BOUNDARIES = "boundaries/lad2024_uk_buc/lad2024_uk_buc_geographr.geojson"

SOURCES = {
    LSOA21_BOUNDARIES: "ONS Open Geography Portal: 'Lower layer Super Output Areas (December "
    "2021) Boundaries EW BSC (V4)', GeoJSON in WGS84 with properties lsoa21_code and "
    "lsoa21_name, one feature per line, gzipped",
    DISTRICT_BOUNDARIES: "ONS Open Geography Portal: 'Local Authority Districts (May 2024) "
    "Boundaries UK BUC', GeoJSON in WGS84 with properties ltla24_code and ltla24_name",
}

_CODE = re.compile(r'"lsoa21_code"\s*:\s*"([EW]01\d{6})"')
_lock = threading.Lock()


@functools.lru_cache(maxsize=2)
def _line_index(path: Path) -> dict[str, str]:
    index: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            found = _CODE.search(line)
            if found:
                index[found.group(1)] = line.rstrip().rstrip(",")
    if not index:
        raise geography.ReferenceDataError(
            f"The reference file {LSOA21_BOUNDARIES} holds no features with lsoa21_code, one per line."
        )
    return index


_shapes: dict[tuple[Path, str], tuple[str, shapely.Geometry]] = {}


def lsoa21_wgs84(reference_dir: Path, codes: Iterable[str]) -> dict[str, tuple[str, shapely.Geometry]]:
    """Code → (name, polygon in WGS84 lon/lat) for the 2021 LSOAs asked for that exist."""
    path = national.national_file(reference_dir, LSOA21_BOUNDARIES, SOURCES)
    with _lock:
        index = _line_index(path)
        out = {}
        for code in codes:
            key = (path, code)
            if key not in _shapes and code in index:
                feature = json.loads(index[code])
                _shapes[key] = (
                    feature["properties"]["lsoa21_name"],
                    shapely.geometry.shape(feature["geometry"]),
                )
            if key in _shapes:
                out[code] = _shapes[key]
        return out


@dataclass(frozen=True, eq=False)
class Lsoa21Shapes:
    """2021 LSOA polygons in British National Grid metres, sorted by code, with their districts."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    district_codes: tuple[str, ...]
    geometries: np.ndarray  # shapely geometries, EPSG:27700
    x: np.ndarray
    y: np.ndarray
    area_m2: np.ndarray


def lsoa21_shapes(reference_dir: Path, lsoa_district: dict[str, str]) -> Lsoa21Shapes:
    """The polygons of an area's LSOAs (``lsoa_district``: code → district), projected to BNG.

    An LSOA without a polygon raises `ReferenceDataError` naming it: a map with a hole would
    silently drop its crimes from the hotspot statistics.
    """
    codes = sorted(lsoa_district)
    found = lsoa21_wgs84(reference_dir, codes)
    missing = [c for c in codes if c not in found]
    if missing:
        raise geography.ReferenceDataError(
            f"{len(missing)} LSOAs have no boundary in {LSOA21_BOUNDARIES}, such as {missing[:3]}."
        )
    geometries = np.array([geography._project(found[c][1]) for c in codes], dtype=object)
    centroids = shapely.centroid(geometries)
    return Lsoa21Shapes(
        codes=tuple(codes),
        names=tuple(found[c][0] for c in codes),
        district_codes=tuple(lsoa_district[c] for c in codes),
        geometries=geometries,
        x=shapely.get_x(centroids),
        y=shapely.get_y(centroids),
        area_m2=shapely.area(geometries),
    )


def lsoa21_collection(reference_dir: Path, lsoa_district: dict[str, str]) -> dict:
    """An area's 2021 LSOAs as a GeoJSON FeatureCollection (CRS84; code, name, district)."""
    found = lsoa21_wgs84(reference_dir, sorted(lsoa_district))
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code, "name": name, "district": lsoa_district[code]},
                "geometry": shapely.geometry.mapping(geometry),
            }
            for code, (name, geometry) in found.items()
        ],
    }


@functools.lru_cache(maxsize=2)
def _districts(path: Path) -> tuple[dict, ...]:
    return tuple(json.loads(path.read_text(encoding="utf-8"))["features"])


def district_collection(reference_dir: Path, codes: Iterable[str]) -> dict:
    """The districts (May 2024 boundaries) as GeoJSON with properties code and name.

    A code without a boundary raises `ReferenceDataError` rather than drawing a smaller map.
    """
    wanted = set(codes)
    features = _districts(national.national_file(reference_dir, DISTRICT_BOUNDARIES, SOURCES))
    chosen = [
        {
            "type": "Feature",
            "geometry": f["geometry"],
            "properties": {"code": f["properties"]["ltla24_code"], "name": f["properties"]["ltla24_name"]},
        }
        for f in features
        if f["properties"]["ltla24_code"] in wanted
    ]
    missing = wanted - {f["properties"]["code"] for f in chosen}
    if missing:
        raise geography.ReferenceDataError(f"Districts {sorted(missing)} are not in {DISTRICT_BOUNDARIES}.")
    return {"type": "FeatureCollection", "features": chosen}
