"""Spatial sections of the strategic assessment: hotspots and near-repeats.

These are stages for `assessment.run_assessment`: each reads the store, computes, and adds
its section to the result. They need the LSOA boundaries from the reference data.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from cspmonitor.analysis import boundaries21, geography
from cspmonitor.analysis.assessment import AssessmentInputs, _shift_year, partnership_points
from cspmonitor.analysis.grid import bin_points, contiguity_weights, make_grid
from cspmonitor.analysis.hotspots import classify, gi_star, hotspot_trends
from cspmonitor.analysis.nearrepeat import knox_test
from cspmonitor.analysis.store import CrimeStore

PERMUTATIONS = 999
GRID_CELL_M = 500
NEAR_REPEAT_TYPES = ("Burglary", "Vehicle crime")
# police.uk gives only the month, so time is measured in whole months: 0 = the same month.
KNOX_DISTANCES_M = (0, 200, 400, 600, 800, 1000)
KNOX_MONTHS = (0, 1, 2, 3, 4)


class LsoaHotspots:
    """Gi* hotspots on LSOAs (queen contiguity), this year against last year."""

    def __init__(self, reference_dir: Path, seed: int = 2023):
        self.reference_dir, self.seed = reference_dir, seed

    def __call__(self, store: CrimeStore, inputs: AssessmentInputs, result: dict) -> None:
        # Partnerships set up from the national data are mapped on 2021 LSOAs (their own list).
        shapes = (
            boundaries21.lsoa21_shapes(self.reference_dir, dict(inputs.lsoa_district))
            if inputs.placer is not None
            else geography.lsoa_shapes(self.reference_dir, list(inputs.districts))
        )
        w = geography.queen_neighbours(shapes.geometries)
        index = {code: i for i, code in enumerate(shapes.codes)}
        periods = [
            (_shift_year(inputs.first_month, -1), _shift_year(inputs.last_month, -1)),
            (inputs.first_month, inputs.last_month),
        ]
        counts = []
        for first, last in periods:
            tally = Counter(partnership_points(store, inputs, first, last).column("lsoa_code").to_pylist())
            y = np.zeros(len(shapes.codes))
            for code, n in tally.items():
                if code in index:
                    y[index[code]] = n
            counts.append(y)
        if counts[-1].sum() == 0:
            return  # nothing this year to look for hotspots in
        # A partnership's first upload may hold no earlier year: then there is no trend.
        fits = [gi_star(y, w, permutations=PERMUTATIONS, seed=self.seed) for y in counts if y.sum() > 0]
        now = classify(fits[-1])
        trends = hotspot_trends(fits).labels if len(fits) == 2 else np.full(len(shapes.codes), "none")
        result["hotspots_lsoa"] = {
            "method": f"Getis–Ord Gi* on LSOA counts with queen contiguity, {PERMUTATIONS} "
            "conditional permutations, Benjamini–Hochberg at 5%; trends compare "
            "this year with last year.",
            "rows": [
                {
                    "lsoa_code": code,
                    "lsoa_name": shapes.names[i],
                    "district": shapes.district_codes[i],
                    "previous": int(counts[0][i]),
                    "current": int(counts[1][i]),
                    "z": float(fits[-1].z[i]),
                    "p_adjusted": float(now.p_adjusted[i]),
                    "class": str(now.labels[i]),
                    "trend": str(trends[i]),
                }
                for i, code in enumerate(shapes.codes)
            ],
        }

    __doc__ = "Hotspots on LSOAs"


class GridHotspots:
    """Gi* hotspots on a regular grid, this year against last year on the same cells."""

    def __init__(self, cell_m: int = GRID_CELL_M):
        self.cell_m = cell_m

    def _points(self, store, inputs, first, last):
        points = partnership_points(store, inputs, first, last)
        return geography.to_bng(points.column("longitude").to_numpy(), points.column("latitude").to_numpy())

    def __call__(self, store: CrimeStore, inputs: AssessmentInputs, result: dict) -> None:
        before = self._points(
            store, inputs, _shift_year(inputs.first_month, -1), _shift_year(inputs.last_month, -1)
        )
        now = self._points(store, inputs, inputs.first_month, inputs.last_month)
        if len(now[0]) == 0:
            return
        # One grid over both years, so that each cell is the same square of ground in each.
        grid = make_grid(
            self.cell_m, x=np.concatenate([before[0], now[0]]), y=np.concatenate([before[1], now[1]])
        )
        w = contiguity_weights(grid.n_rows, grid.n_cols)
        counts = [bin_points(x, y, self.cell_m, grid=grid).counts for x, y in (before, now)]
        # No earlier year (a partnership's first upload): this year's hotspots, no trend.
        fits = [gi_star(c.astype(float), w) for c in counts if c.sum() > 0]
        # Analytic z here, not permutations: with thousands of cells, a permutation p-value
        # can be no smaller than 1/(permutations + 1), and Benjamini–Hochberg over that many
        # cells would then flag nothing however strong the cluster.
        classes = classify(fits[-1], inference="normal")
        trends = (
            hotspot_trends(fits, inference="normal").labels
            if len(fits) == 2
            else np.full(grid.n_cells, "none")
        )
        cx, cy = grid.centres()
        lon, lat = geography.to_wgs84(cx, cy)
        flagged = np.flatnonzero((classes.labels != "not significant") | (trends != "none"))
        result["hotspots_grid"] = {
            "method": f"Getis–Ord Gi* on {self.cell_m} m cells (queen contiguity), analytic "
            "z-scores, Benjamini–Hochberg at 5% across all cells; trends compare this year "
            "with last year on the same cells.",
            "cell_m": self.cell_m,
            "cells": grid.n_cells,
            "hot": int(classes.hot.sum()),
            "cold": int(classes.cold.sum()),
            "trends": {str(k): int(v) for k, v in zip(*np.unique(trends, return_counts=True), strict=True)},
            "flagged": [
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
        }

    __doc__ = "Hotspots on a grid"


class NearRepeats:
    """Knox tests for burglary and vehicle crime over distance × month bands."""

    def __init__(self, permutations: int = 99, seed: int = 2023):
        self.permutations, self.seed = permutations, seed

    def __call__(self, store: CrimeStore, inputs: AssessmentInputs, result: dict) -> None:
        points = partnership_points(store, inputs, inputs.first_month, inputs.last_month)
        types = np.array(points.column("crime_type").to_pylist())
        months = np.array([int(m[:4]) * 12 + int(m[5:7]) for m in points.column("month").to_pylist()])
        x, y = geography.to_bng(points.column("longitude").to_numpy(), points.column("latitude").to_numpy())
        section: dict[str, Any] = {
            "method": "Knox test as the NearRepeat package defines it (Manhattan distance, "
            f"{self.permutations} permutations of the times). police.uk gives only "
            "the month of each crime, so time bands are whole months and the "
            "same-month band mixes days apart with weeks apart.",
            "by_type": {},
        }
        for crime_type in NEAR_REPEAT_TYPES:
            pick = types == crime_type
            if pick.sum() < 10:
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
    return [LsoaHotspots(reference_dir), GridHotspots(), NearRepeats()]
