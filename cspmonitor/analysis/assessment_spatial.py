"""Spatial sections of the strategic assessment: hotspots and near-repeats.

These are stages for `assessment.run_assessment`: each reads the store, computes, and adds
its section to the result. They need the LSOA boundaries from the reference data.

Hotspots use Gi* with conditional permutation inference, adaptive where it matters
(`hotspots.gi_star` with ``max_permutations``): every unit gets 999 draws, and the few whose
p-value is small and coarse get up to `hotspots.permutations_to_resolve` draws, enough for
Benjamini–Hochberg across every unit to flag a single real cluster. The grid covers the
partnership only (cells whose centre lies in one of its LSOAs): cells outside it would be
empty by construction and make everything inside look hot.

A stage that lacks the data it needs (nothing located this year, no earlier year for a trend,
too few crimes for a Knox test) says "Not enough data yet: needs ..." in its section instead
of failing the assessment.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from scipy import sparse

from cspmonitor.analysis import boundaries21, geography
from cspmonitor.analysis.assessment import AssessmentInputs, _shift_year, partnership_points
from cspmonitor.analysis.grid import Grid, contiguity_weights, make_grid
from cspmonitor.analysis.hotspots import (
    HotspotClasses,
    classify,
    gi_star,
    hotspot_trends,
    permutations_to_resolve,
)
from cspmonitor.analysis.names import not_enough_data
from cspmonitor.analysis.nearrepeat import knox_test
from cspmonitor.analysis.store import CrimeStore

PERMUTATIONS = 99
GRID_CELL_M = 500
NEAR_REPEAT_TYPES = ("Burglary", "Vehicle crime")
NEAR_REPEAT_MIN_EVENTS = 10
# police.uk gives only the month, so time is measured in whole months: 0 = the same month.
KNOX_DISTANCES_M = (0, 200, 400, 600, 800, 1000)
KNOX_MONTHS = (0, 1, 2, 3, 4)
TREND_METHOD = "trends compare this year with last year"


@dataclass(frozen=True, eq=False)
class Area:
    """The partnership's LSOAs (BNG polygons), their queen neighbours, and a grid clipped to them."""

    shapes: geography.LsoaShapes
    neighbours: sparse.csr_array
    tree: shapely.STRtree

    def clipped_grid(self, cell_m: float) -> tuple[Grid, np.ndarray]:
        """A grid over the area's extent and the cells whose centre lies in one of its LSOAs."""
        return clip_grid(self.shapes.geometries, cell_m, self.tree)


def clip_grid(
    geometries: np.ndarray, cell_m: float, tree: shapely.STRtree | None = None
) -> tuple[Grid, np.ndarray]:
    """A grid of `cell_m` metres over the polygons' extent, and the indices of the cells whose
    centre lies in (or on the edge of) one of the polygons, in cell order."""
    tree = tree or shapely.STRtree(geometries)
    bounds = shapely.total_bounds(geometries)
    grid = make_grid(cell_m, bbox=(float(bounds[0]), float(bounds[1]), float(bounds[2]), float(bounds[3])))
    cx, cy = grid.centres()
    hits, _ = tree.query(shapely.points(cx, cy), predicate="intersects")
    return grid, np.unique(hits)


@functools.lru_cache(maxsize=4)
def partnership_area(reference_dir: Path, districts: tuple[str, ...]) -> Area:
    """The partnership's `Area`, built once for both hotspot stages (and later runs)."""
    return _area(geography.lsoa_shapes(reference_dir, list(districts)))


@functools.lru_cache(maxsize=4)
def _placed_area(reference_dir: Path, lsoa_district: tuple[tuple[str, str], ...]) -> Area:
    return _area(boundaries21.lsoa21_shapes(reference_dir, dict(lsoa_district)))


def _area(shapes) -> Area:
    tree = shapely.STRtree(shapes.geometries)
    return Area(shapes, geography.queen_neighbours(shapes.geometries), tree)


def area_for(reference_dir: Path, inputs: AssessmentInputs) -> Area:
    """The partnership's area: its own list of 2021 LSOAs when it was set up from the national
    data (rows placed by `analysis.placement`), else its districts' LSOAs."""
    if inputs.placer is not None:
        return _placed_area(reference_dir, tuple(sorted(inputs.lsoa_district.items())))
    return partnership_area(reference_dir, tuple(inputs.districts))


def _gi(counts: np.ndarray, w, seed: int):
    """Gi* with adaptive permutations, or None when there is nothing to test."""
    if counts.sum() <= 0:
        return None
    most = permutations_to_resolve(counts.size)
    # The first 99 draws only pick the candidates for more: 256 units sharing one set of them
    # correlates which units get more, never the validity of a p-value, and costs a quarter.
    return gi_star(counts, w, permutations=PERMUTATIONS, max_permutations=most, seed=seed, block_size=256)


_RUN_POINTS: dict[str, Any] = {"run": None, "tables": {}}
_RUN_LOCK = threading.Lock()


def _points(store: CrimeStore, inputs: AssessmentInputs, first: str, last: str, result: dict):
    """`partnership_points`, read once per assessment run (the stages share periods).

    The cache belongs to the run's `result` object: another run starts a new one.
    """
    with _RUN_LOCK:
        if _RUN_POINTS["run"] is not result:
            _RUN_POINTS.update(run=result, tables={})
        tables = _RUN_POINTS["tables"]
        if (first, last) not in tables:
            tables[(first, last)] = partnership_points(store, inputs, first, last)
        return tables[(first, last)]


def lsoa_values(counts: np.ndarray, people: np.ndarray | None) -> np.ndarray:
    """What LSOA Gi* is computed on: counts standardised by population, where all have one.

    LSOAs differ in population (Western Suffolk's from about 1,000 to 4,500) and populous
    LSOAs lie together more than by chance, so Gi* on counts finds "hotspots" of residents;
    on rates, small LSOAs' rates are the noisiest and their neighbourhoods look unusual too.
    Each LSOA's Pearson residual, (count - E) / sqrt(E) with E its share of the partnership's
    crimes by population, has mean 0 and variance 1 whatever the population when crime simply
    follows residents, so permuting them is fair. The residuals are shifted to start at 1
    because Gi* takes values >= 0: a shift changes neither Gi*'s z nor its permutation
    p-values (every neighbourhood sum of k moves by the same k times the shift).
    """
    values = np.asarray(counts, dtype=float)
    if people is None or values.sum() <= 0:
        return values
    expected = values.sum() * people / people.sum()
    residuals = (values - expected) / np.sqrt(expected)
    return residuals - residuals.min() + 1.0


def hotspot_classes(counts: np.ndarray, w, seed: int) -> HotspotClasses | None:
    """Each unit's class as both hotspot stages judge it; None when every count is 0."""
    fit = _gi(np.asarray(counts, dtype=float), w, seed)
    return None if fit is None else classify(fit)


def _periods(inputs: AssessmentInputs) -> list[tuple[str, str]]:
    return [
        (_shift_year(inputs.first_month, -1), _shift_year(inputs.last_month, -1)),
        (inputs.first_month, inputs.last_month),
    ]


def _method(where: str) -> str:
    return (
        f"Getis–Ord Gi* on {where} (queen contiguity), conditional permutations: {PERMUTATIONS} "
        "for every unit and up to enough for one unit alone to pass Benjamini–Hochberg for "
        f"those whose p-value is small; Benjamini–Hochberg at 5% across all units; {TREND_METHOD}."
    )


def _trends(fits: list, size: int, inputs: AssessmentInputs) -> tuple[np.ndarray, dict]:
    """Each unit's trend label, and a "not enough data" note when last year had nothing."""
    if fits[0] is None:
        first, last = _periods(inputs)[0]
        note = {"trend_not_enough_data": not_enough_data(f"located crimes last year ({first} to {last})")}
        return np.full(size, "none", dtype=object), note
    return hotspot_trends(fits).labels, {}


def _nothing_this_year(inputs: AssessmentInputs) -> str:
    return not_enough_data(
        f"at least one located crime in the partnership in {inputs.first_month} to {inputs.last_month}"
    )


class LsoaHotspots:
    """Gi* hotspots on LSOAs (queen contiguity), this year against last year."""

    def __init__(self, reference_dir: Path, seed: int = 2023):
        self.reference_dir, self.seed = reference_dir, seed

    def __call__(self, store: CrimeStore, inputs: AssessmentInputs, result: dict) -> None:
        area = area_for(self.reference_dir, inputs)
        shapes = area.shapes
        index = {code: i for i, code in enumerate(shapes.codes)}
        counts = []
        for first, last in _periods(inputs):
            tally = Counter(_points(store, inputs, first, last, result).column("lsoa_code").to_pylist())
            y = np.zeros(len(shapes.codes))
            for code, n in tally.items():
                if code in index:
                    y[index[code]] = n
            counts.append(y)
        people = np.array([inputs.lsoa_population.get(code, 0) for code in shapes.codes], dtype=float)
        by_rate = bool((people > 0).all())
        where = (
            "LSOA counts standardised by population, as count − expected over √expected"
            if by_rate
            else "LSOA counts (some LSOAs lack a population)"
        )
        section: dict[str, Any] = {"method": _method(where), "rows": []}
        result["hotspots_lsoa"] = section
        fits = [_gi(lsoa_values(y, people if by_rate else None), area.neighbours, self.seed) for y in counts]
        if fits[-1] is None:
            section["not_enough_data"] = _nothing_this_year(inputs)
            return
        now = classify(fits[-1])
        trends, note = _trends(fits, len(shapes.codes), inputs)
        section.update(note)
        section["rows"] = [
            {
                "lsoa_code": code,
                "lsoa_name": shapes.names[i],
                "district": shapes.district_codes[i],
                "previous": int(counts[0][i]),
                "current": int(counts[1][i]),
                "z": float(fits[1].z[i]),
                "p_adjusted": float(now.p_adjusted[i]),
                "class": str(now.labels[i]),
                "trend": str(trends[i]),
            }
            for i, code in enumerate(shapes.codes)
        ]

    __doc__ = "Hotspots on LSOAs"


class GridHotspots:
    """Gi* hotspots on a regular grid clipped to the partnership, this year against last year."""

    def __init__(self, reference_dir: Path, cell_m: int = GRID_CELL_M, seed: int = 2023):
        self.reference_dir, self.cell_m, self.seed = reference_dir, cell_m, seed

    def __call__(self, store: CrimeStore, inputs: AssessmentInputs, result: dict) -> None:
        area = area_for(self.reference_dir, inputs)
        grid, inside = area.clipped_grid(self.cell_m)
        # One grid over the area, so that each cell is the same square of ground in each year.
        w = contiguity_weights(grid.n_rows, grid.n_cols)[inside][:, inside]
        counts: list[np.ndarray] = []
        outside = 0
        for first, last in _periods(inputs):
            points = _points(store, inputs, first, last, result)
            x, y = geography.to_bng(
                points.column("longitude").to_numpy(), points.column("latitude").to_numpy()
            )
            c, outside = clipped_counts(grid, inside, x, y)  # the last period's is reported
            counts.append(c)
        section: dict[str, Any] = {
            "method": _method(f"{self.cell_m} m cells whose centre lies in the partnership"),
            "cell_m": self.cell_m,
            "cells": int(inside.size),
            "points_outside_cells": outside,
            "hot": 0,
            "cold": 0,
            "trends": {},
            "flagged": [],
        }
        result["hotspots_grid"] = section
        fits = [_gi(c.astype(float), w, self.seed) for c in counts]
        if fits[-1] is None:
            section["not_enough_data"] = _nothing_this_year(inputs)
            return
        classes = classify(fits[-1])
        trends, note = _trends(fits, inside.size, inputs)
        section.update(note)
        cx, cy = (c[inside] for c in grid.centres())
        lon, lat = geography.to_wgs84(cx, cy)
        flagged = np.flatnonzero((classes.labels != "not significant") | (trends != "none"))
        section.update(
            hot=int(classes.hot.sum()),
            cold=int(classes.cold.sum()),
            trends={str(k): int(v) for k, v in zip(*np.unique(trends, return_counts=True), strict=True)},
            flagged=[
                {
                    "x": float(cx[i]),
                    "y": float(cy[i]),
                    "longitude": float(lon[i]),
                    "latitude": float(lat[i]),
                    "previous": int(counts[0][i]),
                    "count": int(counts[1][i]),
                    "z": float(fits[-1].z[i]),
                    "class": str(classes.labels[i]),
                    "trend": str(trends[i]),
                }
                for i in flagged
            ],
        )

    __doc__ = "Hotspots on a grid"


def clipped_counts(grid: Grid, inside: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, int]:
    """Points counted in the cells `inside` (indices into `grid`), and how many fell elsewhere.

    A point whose cell's centre lies outside the partnership (a sliver of a border cell) is
    not counted in any cell: the count of such points is reported beside the hotspots.
    """
    if x.size == 0:
        return np.zeros(inside.size, dtype=np.int64), 0
    col = np.floor((x - grid.x0) / grid.cell_size).astype(np.int64)
    row = np.floor((y - grid.y0) / grid.cell_size).astype(np.int64)
    ok = (col >= 0) & (col < grid.n_cols) & (row >= 0) & (row < grid.n_rows)
    full = np.bincount(row[ok] * grid.n_cols + col[ok], minlength=grid.n_cells)
    kept = full[inside]
    return kept, int(x.size - kept.sum())


class NearRepeats:
    """Knox tests for burglary and vehicle crime over distance × month bands."""

    def __init__(self, permutations: int = 99, seed: int = 2023):
        self.permutations, self.seed = permutations, seed

    def __call__(self, store: CrimeStore, inputs: AssessmentInputs, result: dict) -> None:
        points = _points(store, inputs, inputs.first_month, inputs.last_month, result)
        types = np.array(points.column("crime_type").to_pylist())
        months = np.array([int(m[:4]) * 12 + int(m[5:7]) for m in points.column("month").to_pylist()])
        x, y = geography.to_bng(points.column("longitude").to_numpy(), points.column("latitude").to_numpy())
        section: dict[str, Any] = {
            "method": "Knox test as the NearRepeat package defines it (Manhattan distance, "
            f"{self.permutations} permutations of the times). police.uk gives only "
            "the month of each crime, so time bands are whole months and the "
            "same-month band mixes days apart with weeks apart.",
            "by_type": {},
            "not_enough_data": {},
        }
        for crime_type in NEAR_REPEAT_TYPES:
            pick = types == crime_type
            # Shuffling months among crimes all in one month changes nothing: no test at all.
            if pick.sum() < NEAR_REPEAT_MIN_EVENTS or np.unique(months[pick]).size < 2:
                section["not_enough_data"][crime_type] = not_enough_data(
                    f"at least {NEAR_REPEAT_MIN_EVENTS} located crimes of this type over at least two months"
                )
                continue
            knox = knox_test(
                x[pick],
                y[pick],
                months[pick],
                KNOX_DISTANCES_M,
                KNOX_MONTHS,
                permutations=self.permutations,
                seed=self.seed,
            )
            section["by_type"][crime_type] = {
                "events": knox.n_events,
                "close_pairs": knox.n_close_pairs,
                "distance_bands_m": list(knox.distance_labels),
                "time_bands_months": list(knox.time_labels),
                "observed": knox.observed.tolist(),
                "expected": np.round(knox.expected, 2).tolist(),
                "ratio": [[_finite(v) for v in row] for row in knox.ratio],
                "p_values": knox.p_values.tolist(),
            }
        result["near_repeats"] = section

    __doc__ = "Near-repeat analysis"


def _finite(value: float) -> float | None:
    return round(float(value), 3) if np.isfinite(value) else None


def spatial_stages(reference_dir: Path) -> list:
    """The spatial stages in the order the assessment runs them."""
    return [LsoaHotspots(reference_dir), GridHotspots(reference_dir), NearRepeats()]
