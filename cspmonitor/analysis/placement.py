"""Give every located police.uk row a 2021 LSOA, whichever LSOA vintage its file uses.

police.uk files before about 2023 carry 2011 LSOA codes, later ones 2021 codes. Through the
ONS exact lookup:

* a 2021 code is kept (the two vintages share no code whose meaning changed: an unchanged
  LSOA keeps its code, every split, merged or complex one got new codes);
* a 2011 code unchanged (U) or merged (M) has one 2021 LSOA;
* a 2011 code split (S) or complex (X) has several: the row goes to the one whose polygon
  holds its map point; a point just outside them all (boundaries are generalised to 200 m)
  goes to the nearest within `NEAREST_WITHIN_M`.

Rows that cannot be placed are counted apart, each with one of the `REASONS`; none is dropped
silently. Only the candidate LSOAs' polygons are read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from cspmonitor.analysis import boundaries21, geography, national

NEAREST_WITHIN_M = 250.0
NO_LOCATION = "no location given"
NO_CODE = "a map point but no LSOA code"
UNKNOWN_CODE = "LSOA code in neither the 2011 nor the 2021 list"
OUTSIDE_PARTS = "map point outside every 2021 part of its split 2011 LSOA"
REASONS = (NO_LOCATION, NO_CODE, UNKNOWN_CODE, OUTSIDE_PARTS)


@dataclass(frozen=True, eq=False)
class Placement:
    """One 2021 LSOA code per row (None when unplaced) and, for unplaced rows, the reason."""

    lsoa21: np.ndarray  # object: str or None
    reason: np.ndarray  # object: None or one of REASONS
    by_point: int  # rows placed by point-in-polygon (split or complex 2011 codes)

    def unplaced(self, weights: np.ndarray | None = None) -> dict[str, int]:
        """Reason → rows (or summed ``weights``) for the rows not placed."""
        tally: Counter[str] = Counter()
        w = np.ones(len(self.reason), dtype=np.int64) if weights is None else np.asarray(weights)
        for reason, n in zip(self.reason, w, strict=True):
            if reason is not None:
                tally[reason] += int(n)
        return dict(sorted(tally.items()))


class Placer:
    """Places rows through the exact lookup and, where needed, the 2021 polygons."""

    def __init__(self, reference_dir: Path):
        self.reference_dir = Path(reference_dir)
        self.lookup = national.lsoa_lookup(self.reference_dir)

    def place(self, codes: pa.Array | list, longitude, latitude) -> Placement:
        """Place rows given their LSOA code (2011 or 2021, or null) and map point (or null)."""
        if isinstance(codes, pa.ChunkedArray):
            codes = codes.combine_chunks()
        elif not isinstance(codes, pa.Array):
            codes = pa.array(codes, type=pa.string())
        n = len(codes)
        lon = _floats(longitude, n)
        lat = _floats(latitude, n)
        encoded = pc.dictionary_encode(codes.cast(pa.string()))
        unique = encoded.dictionary.to_pylist()
        index = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        direct = np.empty(len(unique) + 1, dtype=object)  # the last slot stands for null
        code_reason = np.empty(len(unique) + 1, dtype=object)
        split: dict[int, tuple[str, ...]] = {}
        for i, code in enumerate(unique):
            code = (code or "").strip()
            children = self.lookup.children.get(code)
            if code in self.lookup.name:
                direct[i] = code
            elif children and len(children) == 1:
                direct[i] = children[0]
            elif children:
                split[i] = children
            else:
                code_reason[i] = NO_CODE if not code else UNKNOWN_CODE
        code_reason[-1] = NO_CODE
        lsoa21 = direct[index]
        reason = code_reason[index]
        located = ~(np.isnan(lon) | np.isnan(lat))
        reason = np.where(~located & (lsoa21 == None), NO_LOCATION, reason)  # noqa: E711
        by_point = 0
        for i, children in split.items():
            rows = np.flatnonzero((index == i) & located)
            lsoa21[rows], reason[rows] = self._by_point(children, lon[rows], lat[rows])
            by_point += int(sum(r is None for r in reason[rows]))
            unlocated = np.flatnonzero((index == i) & ~located)
            reason[unlocated] = NO_LOCATION
        return Placement(lsoa21, reason, by_point)

    def _by_point(self, children, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        shapes = boundaries21.lsoa21_wgs84(self.reference_dir, children)
        codes = [c for c in children if c in shapes]
        out = np.full(len(lon), None, dtype=object)
        for code in codes:
            free = out == None  # noqa: E711
            inside = shapely.contains_xy(shapes[code][1], lon[free], lat[free])
            out[np.flatnonzero(free)[inside]] = code
        left = np.flatnonzero(out == None)  # noqa: E711
        reason = np.full(len(lon), None, dtype=object)
        if len(left) and codes:
            x, y = geography.to_bng(lon[left], lat[left])
            points = shapely.points(x, y)
            polygons = [geography._project(shapes[c][1]) for c in codes]
            distances = np.column_stack([shapely.distance(points, p) for p in polygons])
            nearest = distances.argmin(axis=1)
            close = distances[np.arange(len(left)), nearest] <= NEAREST_WITHIN_M
            out[left[close]] = np.array(codes, dtype=object)[nearest[close]]
            reason[left[~close]] = OUTSIDE_PARTS
        elif len(left):
            reason[left] = OUTSIDE_PARTS
        return out, reason


def _floats(values, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    if isinstance(values, pa.ChunkedArray | pa.Array):
        return pc.fill_null(values.cast(pa.float64()), np.nan).to_numpy(zero_copy_only=False)
    return np.array([np.nan if v is None else v for v in values], dtype=float)
