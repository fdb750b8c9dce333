"""Seeded simulations that measure how often the assessment's hotspot stages raise false
alarms on data with no pattern, and how often they find a pattern planted in the data.

The tests (tests/analysis/test_calibration.py) run these with a few hundred replicates and
check the targets; ``make bench`` runs them with more and reports the rates beside timings.
Each function returns a `Rate`: the share of replicates in which the event happened.

* Grid, complete null: points uniform within an irregular area of about 105 km² (a disc of
  5 km radius and a 9 km x 4 km rectangle), counted in the 420 cells of 500 m whose centre lies
  inside, as `assessment_spatial.GridHotspots` counts them; the event is any cell flagged (hot
  or cold).
* Grid, planted: the same, plus a 1 km square (not aligned with the cells) where points are
  twice as dense; found when a hot cell's centre lies within 750 m of the square's centre.
* LSOA, complete null: Poisson counts proportional to each LSOA's population on the
  partnership's real LSOAs and queen neighbours; the event is any LSOA flagged.
* LSOA, planted: one LSOA and its neighbours at 3x the rate; found when that LSOA is hot.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from cspmonitor.analysis import geography
from cspmonitor.analysis.assessment_spatial import (
    clip_grid,
    clipped_counts,
    hotspot_classes,
    lsoa_values,
    partnership_area,
)
from cspmonitor.analysis.grid import contiguity_weights

AREA = shapely.union(
    shapely.Point(600_000, 250_000).buffer(5_000, quad_segs=32),
    shapely.box(600_000, 244_000, 609_000, 248_000),
)
PLANTED_SQUARE = (601_250.0, 249_250.0, 1_000.0)  # lower-left x, y and side: straddles 9 cells


@dataclass(frozen=True)
class Rate:
    """`events` in `replicates`, the share, an exact 95% interval on it, and the time taken."""

    events: int
    replicates: int
    seconds: float

    @property
    def share(self) -> float:
        return self.events / self.replicates

    @property
    def interval(self) -> tuple[float, float]:
        from scipy import stats

        low = stats.beta.ppf(0.025, self.events, self.replicates - self.events + 1) if self.events else 0.0
        high = (
            stats.beta.ppf(0.975, self.events + 1, self.replicates - self.events)
            if self.events < self.replicates
            else 1.0
        )
        return float(low), float(high)

    def as_dict(self) -> dict:
        return {
            "events": self.events,
            "replicates": self.replicates,
            "share": self.share,
            "interval_95": list(self.interval),
            "seconds": self.seconds,
        }


def _uniform_in_area(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    x_min, y_min, x_max, y_max = AREA.bounds
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    held = 0
    while held < n:
        x, y = rng.uniform(x_min, x_max, 2 * n), rng.uniform(y_min, y_max, 2 * n)
        inside = shapely.contains_xy(AREA, x, y)
        xs.append(x[inside])
        ys.append(y[inside])
        held += int(inside.sum())
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def grid_rate(replicates: int, points: int, *, planted: bool, seed: int = 0) -> Rate:
    """Share of replicates with any cell flagged (null) or the planted square found."""
    grid, inside = clip_grid(np.array([AREA]), 500)
    w = contiguity_weights(grid.n_rows, grid.n_cols)[inside][:, inside]
    cx, cy = (c[inside] for c in grid.centres())
    x0, y0, side = PLANTED_SQUARE
    near = np.hypot(cx - x0 - side / 2, cy - y0 - side / 2) < 750
    events, start = 0, time.perf_counter()
    for replicate, child in enumerate(np.random.SeedSequence(seed).spawn(replicates)):
        rng = np.random.default_rng(child)
        x, y = _uniform_in_area(rng, points)
        if planted:
            in_square = (x >= x0) & (x < x0 + side) & (y >= y0) & (y < y0 + side)
            extra = rng.poisson(in_square.sum())  # as many again: twice the density
            x = np.concatenate([x, rng.uniform(x0, x0 + side, extra)])
            y = np.concatenate([y, rng.uniform(y0, y0 + side, extra)])
        counts, _ = clipped_counts(grid, inside, x, y)
        classes = hotspot_classes(counts, w, seed=replicate)
        if classes is not None:
            hit = (classes.hot & near).any() if planted else (classes.labels != "not significant").any()
            events += bool(hit)
    return Rate(events, replicates, time.perf_counter() - start)


def lsoa_rate(
    replicates: int,
    reference_dir: Path,
    districts: Sequence[str],
    centre: str,
    *,
    per_lsoa: float,
    planted: bool,
    seed: int = 0,
) -> Rate:
    """Share of replicates with any LSOA flagged (null) or the planted LSOA found hot.

    Counts are Poisson with means proportional to population, `per_lsoa` on average; the
    planted cluster is LSOA `centre` and its queen neighbours at three times the rate.
    """
    area = partnership_area(reference_dir, tuple(districts))
    population = geography.population_2020(reference_dir)
    people = np.array([population[code] for code in area.shapes.codes], dtype=float)
    mean = per_lsoa * people / people.mean()
    where = area.shapes.codes.index(centre)
    cluster = np.r_[where, area.neighbours[[where]].indices]
    if planted:
        mean[cluster] *= 3
    events, start = 0, time.perf_counter()
    for replicate, child in enumerate(np.random.SeedSequence(seed).spawn(replicates)):
        counts = np.random.default_rng(child).poisson(mean)
        classes = hotspot_classes(lsoa_values(counts, people), area.neighbours, seed=replicate)
        if classes is not None:
            hit = classes.hot[where] if planted else (classes.labels != "not significant").any()
            events += bool(hit)
    return Rate(events, replicates, time.perf_counter() - start)
