"""Where synthetic crimes happen: forces, their LSOAs, and police.uk-style anonymous map points.

police.uk never publishes where a crime happened, only the nearest of a fixed set of anonymous
"map points" (roughly one per street), so many crimes share exact coordinates. The generator
does the same: each LSOA gets a seeded set of map points and every event is snapped to one.

Only LSOAs whose real 2011 polygons are held (at present all of Suffolk) get map points inside
their real boundary. Everywhere else, for national-scale benchmarks, LSOAs keep their real codes
and names but their map points are scattered around a random anchor near their district's
centroid: plausible, not real, geography.

The 43 forces of England and Wales: Suffolk is its real five districts. The other 42 are
*pseudo-forces*: every other district, sorted by LAD 2022 code (which keeps most counties and
metropolitan areas together), cut into 42 runs of whole districts with about equal population,
and labelled with the other forces' names in alphabetical order. A "kent" file is therefore
Kent-sized but not Kent.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely

from cspmonitor.analysis import geography
from cspmonitor.analysis import synthetic_rates as rates

FORCE_NAMES: dict[str, str] = {
    "avon-and-somerset": "Avon and Somerset Constabulary",
    "bedfordshire": "Bedfordshire Police",
    "cambridgeshire": "Cambridgeshire Constabulary",
    "cheshire": "Cheshire Constabulary",
    "city-of-london": "City of London Police",
    "cleveland": "Cleveland Police",
    "cumbria": "Cumbria Constabulary",
    "derbyshire": "Derbyshire Constabulary",
    "devon-and-cornwall": "Devon & Cornwall Police",
    "dorset": "Dorset Police",
    "durham": "Durham Constabulary",
    "dyfed-powys": "Dyfed-Powys Police",
    "essex": "Essex Police",
    "gloucestershire": "Gloucestershire Constabulary",
    "greater-manchester": "Greater Manchester Police",
    "gwent": "Gwent Police",
    "hampshire": "Hampshire Constabulary",
    "hertfordshire": "Hertfordshire Constabulary",
    "humberside": "Humberside Police",
    "kent": "Kent Police",
    "lancashire": "Lancashire Constabulary",
    "leicestershire": "Leicestershire Police",
    "lincolnshire": "Lincolnshire Police",
    "merseyside": "Merseyside Police",
    "metropolitan": "Metropolitan Police Service",
    "norfolk": "Norfolk Constabulary",
    "north-wales": "North Wales Police",
    "north-yorkshire": "North Yorkshire Police",
    "northamptonshire": "Northamptonshire Police",
    "northumbria": "Northumbria Police",
    "nottinghamshire": "Nottinghamshire Police",
    "south-wales": "South Wales Police",
    "south-yorkshire": "South Yorkshire Police",
    "staffordshire": "Staffordshire Police",
    "suffolk": "Suffolk Constabulary",
    "surrey": "Surrey Police",
    "sussex": "Sussex Police",
    "thames-valley": "Thames Valley Police",
    "warwickshire": "Warwickshire Police",
    "west-mercia": "West Mercia Police",
    "west-midlands": "West Midlands Police",
    "west-yorkshire": "West Yorkshire Police",
    "wiltshire": "Wiltshire Police",
}

#: The real forces whose districts are known here (LAD 2022 codes).
REAL_FORCE_DISTRICTS: dict[str, tuple[str, ...]] = {
    # Babergh, Ipswich, Mid Suffolk, East Suffolk, West Suffolk.
    "suffolk": ("E07000200", "E07000202", "E07000203", "E07000244", "E07000245"),
}

MAP_POINTS_BASE = 6
RESIDENTS_PER_MAP_POINT = 100


def stable_key(text: str) -> int:
    """A run-independent integer for a name, to key random streams (Python's hash() is salted)."""
    return zlib.crc32(text.encode("utf-8"))


@lru_cache(maxsize=4)
def _force_districts(reference_dir: Path) -> dict[str, tuple[str, ...]]:
    real = {d for codes in REAL_FORCE_DISTRICTS.values() for d in codes}
    population = geography.district_population_2020(reference_dir)
    others = sorted(code for code in population if code not in real)
    pseudo = sorted(f for f in FORCE_NAMES if f not in REAL_FORCE_DISTRICTS)
    cumulative = np.cumsum([population[c] for c in others])
    # A district goes to the force whose equal share of population its midpoint falls in.
    midpoints = cumulative - np.array([population[c] for c in others]) / 2
    group = np.minimum((midpoints / cumulative[-1] * len(pseudo)).astype(int), len(pseudo) - 1)
    out = dict(REAL_FORCE_DISTRICTS)
    for i, force in enumerate(pseudo):
        out[force] = tuple(c for c, g in zip(others, group, strict=True) if g == i)
    return out


def force_districts(reference_dir: Path) -> dict[str, tuple[str, ...]]:
    """Force slug → LAD 2022 district codes, for the 43 forces (see the module docstring)."""
    return dict(_force_districts(Path(reference_dir)))


@dataclass(frozen=True, eq=False)
class ForcePlaces:
    """One force's LSOAs (with rates' inputs) and map points, all as NumPy arrays.

    Map points are ordered by LSOA; `point_key` is LSOA index + the cumulative within-LSOA
    weight of each point, a strictly increasing key that lets `pick_points` choose a weighted
    point inside any LSOA with a single `searchsorted`.
    """

    slug: str
    name: str
    lsoa_code: np.ndarray
    lsoa_name: np.ndarray
    district_code: np.ndarray
    population: np.ndarray
    imd_decile: np.ndarray
    busyness: np.ndarray
    centre_x: np.ndarray
    centre_y: np.ndarray
    point_lsoa: np.ndarray
    point_x: np.ndarray
    point_y: np.ndarray
    point_lon: np.ndarray
    point_lat: np.ndarray
    point_location: np.ndarray
    point_key: np.ndarray

    def pick_points(self, lsoa_index: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Map-point index for each event in LSOA `lsoa_index`, chosen by weight using u ∈ [0, 1)."""
        found = np.searchsorted(self.point_key, lsoa_index + u, side="right")
        return np.minimum(found, len(self.point_key) - 1)


def _street_names(rng: np.random.Generator, n: int) -> np.ndarray:
    first = rng.integers(0, len(rates.STREET_FIRST), n)
    second = rng.integers(0, len(rates.STREET_SECOND), n)
    place = rng.integers(0, len(rates.PLACE_NAMES), n)
    kind = rng.random(n)
    names = np.char.add(
        np.char.add(np.array(rates.STREET_FIRST)[first], " "), np.array(rates.STREET_SECOND)[second]
    ).astype(object)
    names = np.where(kind < rates.PLACE_NAME_SHARE, np.array(rates.PLACE_NAMES, dtype=object)[place], names)
    # police.uk writes "On or near " with nothing after it when the point has no street name.
    names = np.where(kind > 1 - rates.EMPTY_STREET_SHARE, "", names)
    return np.array(["On or near " + s for s in names], dtype=object)


def _points_in_polygon(rng: np.random.Generator, polygon: shapely.Geometry, n: int) -> tuple[np.ndarray, ...]:
    # Rejection sampling in the bounding box; LSOAs fill a fair share of their box, so a few
    # rounds of 4n candidates are enough.
    minx, miny, maxx, maxy = polygon.bounds
    shapely.prepare(polygon)
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    have = 0
    while have < n:
        x = rng.uniform(minx, maxx, 4 * n)
        y = rng.uniform(miny, maxy, 4 * n)
        inside = shapely.contains_xy(polygon, x, y)
        xs.append(x[inside])
        ys.append(y[inside])
        have += int(inside.sum())
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def _disc(rng: np.random.Generator, radius: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r = radius * np.sqrt(rng.random(len(radius)))
    angle = rng.uniform(0, 2 * np.pi, len(radius))
    return r * np.cos(angle), r * np.sin(angle)


def force_places(reference_dir: Path, slug: str, seed: int) -> ForcePlaces:
    """Build a force's LSOAs and seeded map points (same seed → same points)."""
    reference_dir = Path(reference_dir)
    districts = _force_districts(reference_dir)
    if slug not in districts:
        raise ValueError(f"unknown force {slug!r}; expected one of {sorted(districts)}")
    geo = geography.load_geography(reference_dir, districts[slug])
    order = np.argsort(geo.lsoa_name, kind="stable")  # police.uk files run in LSOA-name order
    geo = geography.Geography(**{f: getattr(geo, f)[order] for f in geo.__dataclass_fields__})
    rng = np.random.default_rng([seed, stable_key(slug), 1])
    n_lsoa = len(geo)
    busyness = rng.lognormal(-(rates.LSOA_LOGNORMAL_SIGMA**2) / 2, rates.LSOA_LOGNORMAL_SIGMA, n_lsoa)
    n_points = MAP_POINTS_BASE + rng.poisson(geo.population / RESIDENTS_PER_MAP_POINT)
    point_lsoa = np.repeat(np.arange(n_lsoa), n_points)
    px = np.empty(len(point_lsoa))
    py = np.empty(len(point_lsoa))
    centre_x, centre_y = geo.x.copy(), geo.y.copy()
    real = ~np.isnan(geo.x)
    if real.any():
        shapes = geography.lsoa_shapes(reference_dir, districts[slug], required=False)
        polygon_of = dict(zip(shapes.codes, shapes.geometries, strict=True))
        starts = np.concatenate([[0], np.cumsum(n_points)])
        for i in np.flatnonzero(real):
            x, y = _points_in_polygon(rng, polygon_of[geo.lsoa_code[i]], int(n_points[i]))
            px[starts[i] : starts[i + 1]], py[starts[i] : starts[i + 1]] = x, y
    fake = ~real
    if fake.any():
        shapes_by_district = geography.district_shapes(reference_dir)
        district = geo.district_code[fake]
        dx = np.array([shapes_by_district[d].x for d in district])
        dy = np.array([shapes_by_district[d].y for d in district])
        d_radius = np.sqrt(np.array([shapes_by_district[d].area_m2 for d in district]) / np.pi)
        per_district = dict(zip(*np.unique(district, return_counts=True), strict=True))
        lsoa_radius = d_radius / np.sqrt([per_district[d] for d in district])
        ox, oy = _disc(rng, 0.7 * d_radius)
        centre_x[fake], centre_y[fake] = dx + ox, dy + oy
        on_fake = fake[point_lsoa]
        ox, oy = _disc(rng, np.repeat(lsoa_radius, n_points[fake]))
        px[on_fake] = np.repeat(centre_x[fake], n_points[fake]) + ox
        py[on_fake] = np.repeat(centre_y[fake], n_points[fake]) + oy
    lon, lat = geography.to_wgs84(px, py)
    weight = rng.lognormal(0, 1, len(point_lsoa))  # a few busy points per LSOA, many quiet ones
    starts = np.concatenate([[0], np.cumsum(n_points)[:-1]])  # every LSOA has >= MAP_POINTS_BASE
    running = np.cumsum(weight)
    within = running - np.repeat(running[starts] - weight[starts], n_points)
    key = point_lsoa + within / np.repeat(np.add.reduceat(weight, starts), n_points)
    key[np.cumsum(n_points) - 1] = np.arange(n_lsoa) + 1.0  # exact upper end of each LSOA's block
    return ForcePlaces(
        slug=slug,
        name=FORCE_NAMES[slug],
        lsoa_code=geo.lsoa_code,
        lsoa_name=geo.lsoa_name,
        district_code=geo.district_code,
        population=geo.population.astype(float),
        imd_decile=geo.imd_decile,
        busyness=busyness,
        centre_x=centre_x,
        centre_y=centre_y,
        point_lsoa=point_lsoa,
        point_x=px,
        point_y=py,
        point_lon=lon,
        point_lat=lat,
        point_location=_street_names(rng, len(point_lsoa)),
        point_key=key,
    )
