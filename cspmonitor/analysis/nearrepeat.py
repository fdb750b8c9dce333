"""Near-repeat victimisation: the Knox test over distance x time bands, with Monte Carlo.

After a burglary, homes nearby are at raised risk for a few weeks. The Knox test counts pairs
of events that are close in space *and* in time, for each combination of a distance band and a
time band, and compares each count with what shuffling the dates among the same locations
gives: if where and when are unrelated, the shuffled counts are as large as the observed ones.

This follows the NearRepeat R package (Steenbeek; ``NearRepeat(x, y, time, sds, tds)``):

* bands come from break points, cut as R's ``cut`` does it. The package's default, kept here,
  is ``right=False``: breaks (0, 100, 200) give [0, 100) and [100, 200) metres, so a pair
  exactly 100 m apart is in the second band. With ``right=True`` they give (0, 100] and
  (100, 200], and then a distance of exactly 0 (two crimes snapped to one police.uk point) is
  *dropped* unless ``include_lowest=True``: a trap for same-location repeats. To report
  same-location repeats on their own, start with a tiny band, e.g. breaks (0, 0.001, 100, ...);
* distance is Manhattan (|dx| + |dy|) by default, a rough stand-in for travel along streets,
  or "euclidean"; time distance is |t_i - t_j| in days. Pairs outside every band don't count;
* the Knox ratio is observed / mean of the shuffled counts (``ratio``), and the package's
  observed / median (``ratio_median``); the p-value is (1 + shuffles >= observed) /
  (1 + shuffles);
* as in the package, events with a missing coordinate or time are left out (``n_dropped``);
* every pair's band is decided on the very numbers NearRepeat compares: R's ``dist()``
  formulas in the same order of operations, and each pair's own time difference, never a
  sum such as t_i + break. Band membership therefore equals the package's for every pair,
  including pairs exactly on a break; with whole metres and whole days it is also exact
  arithmetic (whole-number differences, and a square root that is whole only when the
  distance is), with no tolerance.

Memory grows with the number of *close* pairs, never with n^2: the pairs within the largest
finite distance break are found once with a KD-tree and their distance bands fixed; each
shuffle only recomputes those pairs' time differences. A last distance break of infinity
("everything further") is still supported: shuffling dates never changes the set of all
pairwise time differences, so the number of far pairs in each time band is the (fixed) number
of all pairs in that band minus the close pairs, with no need to list the far pairs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike
from scipy.spatial import cKDTree

MANHATTAN = "manhattan"
EUCLIDEAN = "euclidean"


@dataclass(frozen=True, eq=False)
class KnoxResult:
    """Knox tables, one row per distance band and one column per time band.

    `observed` counts pairs; `expected` and `expected_median` are the mean and median of the
    shuffled counts; `ratio` and `ratio_median` are observed over those (NaN when both are 0,
    infinite when only the expectation is); `p_values` are one-sided (more pairs than chance).
    """

    observed: np.ndarray
    expected: np.ndarray
    expected_median: np.ndarray
    ratio: np.ndarray
    ratio_median: np.ndarray
    p_values: np.ndarray
    distance_labels: tuple[str, ...]
    time_labels: tuple[str, ...]
    n_events: int
    n_dropped: int
    n_close_pairs: int
    permutations: int
    metric: str


def knox_test(
    x: ArrayLike,
    y: ArrayLike,
    time: ArrayLike,
    distance_breaks: ArrayLike,
    time_breaks: ArrayLike,
    *,
    permutations: int = 999,
    seed: int | None = None,
    metric: str = MANHATTAN,
    right: bool = False,
    include_lowest: bool = False,
) -> KnoxResult:
    """Knox test of events at (`x`, `y`) metres and `time` (days as numbers, or dates).

    `distance_breaks` and `time_breaks` are increasing break points as in NearRepeat's `sds`
    and `tds`; `right` and `include_lowest` are R's ``cut`` arguments (both False, as the
    package has them). Only the last break of each may be infinite.

    Hand check: three events, the first two 50 m and 2 days apart, the third 1 km away.
    One pair is in [0, 100) m x [0, 7) days.

    >>> r = knox_test([0, 50, 1000], [0, 0, 0], [1, 3, 2], [0, 100], [0, 7], permutations=9, seed=1)
    >>> r.observed.tolist(), r.distance_labels, r.time_labels
    ([[1]], ('[0,100)',), ('[0,7)',))
    """
    if metric not in (MANHATTAN, EUCLIDEAN):
        raise ValueError(f"metric must be {MANHATTAN!r} or {EUCLIDEAN!r}, got {metric!r}")
    if permutations < 2:
        raise ValueError("at least 2 permutations are needed (NearRepeat requires the same)")
    sds = _breaks(distance_breaks, "distance_breaks")
    tds = _breaks(time_breaks, "time_breaks")
    xs, ys, ts, n_dropped = _complete_events(x, y, time)
    n = ts.size
    if ts.dtype.kind == "i" and n and np.abs(ts).max() < 2**30:
        ts = ts.astype(np.int32)  # halves the memory traffic of each shuffle
    ns, nt = sds.size - 1, tds.size - 1

    # Close pairs, found once. An infinite last break cannot be listed pair by pair; pairs
    # beyond the largest finite break belong to that last band and are counted from totals.
    open_ended = bool(np.isinf(sds[-1]))
    reach = float(sds[-2] if open_ended else sds[-1])
    # A hair's extra reach: the tree's own distance arithmetic must not lose a pair that the
    # exact recomputation below puts on the last break; _cut decides every band.
    pairs = cKDTree(np.column_stack([xs, ys])).query_pairs(
        reach * (1 + 1e-9), p=1 if metric == MANHATTAN else 2, output_type="ndarray"
    )
    pairs = pairs[np.argsort(pairs[:, 0], kind="stable")].astype(np.int32)
    first, second = pairs[:, 0], pairs[:, 1]
    dx, dy = xs[first] - xs[second], ys[first] - ys[second]
    # The formula R's dist() uses, in the same order of operations, so that every pair's
    # distance is the very number NearRepeat cuts into bands: np.hypot rounds differently
    # (it gives exactly 100.0 for a pair whose usual formula gives 99.99999999999999). With
    # whole-metre coordinates both are exact: dx * dx + dy * dy is a whole number, and its
    # correctly rounded square root is a whole number only when the distance is one.
    distance = np.abs(dx) + np.abs(dy) if metric == MANHATTAN else np.sqrt(dx * dx + dy * dy)
    s_band = _cut(distance, sds, right, include_lowest)
    # Rows: the distance bands, then one row for close pairs in no band (kept only so that
    # far pairs can be counted by subtraction). Columns: time bands, then "no time band".
    s_band[s_band < 0] = ns
    if not open_ended:
        keep = s_band < ns
        first, second, s_band = first[keep], second[keep], s_band[keep]
    row_code = (s_band * (nt + 1)).astype(np.int32)
    time_band = _time_banding(ts, tds, right, include_lowest)
    all_pairs = _all_pair_counts(ts, tds, right, include_lowest) if open_ended else None

    def table(times: np.ndarray) -> np.ndarray:
        counts = np.bincount(
            row_code + time_band(np.abs(times[first] - times[second])), minlength=(ns + 1) * (nt + 1)
        ).reshape(ns + 1, nt + 1)
        if all_pairs is not None:
            counts[ns - 1, :nt] += all_pairs - counts[:, :nt].sum(axis=0)
        return counts[:ns, :nt]

    observed = table(ts)
    rng = np.random.default_rng(seed)
    shuffled = np.empty((permutations, ns, nt), dtype=np.int64)
    for p in range(permutations):
        shuffled[p] = table(ts[rng.permutation(n)])
    expected = shuffled.mean(axis=0)
    median = np.median(shuffled, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = observed / expected
        ratio_median = observed / median
    p_values = (1.0 + (shuffled >= observed).sum(axis=0)) / (1.0 + permutations)
    return KnoxResult(
        observed=observed,
        expected=expected,
        expected_median=median,
        ratio=ratio,
        ratio_median=ratio_median,
        p_values=p_values,
        distance_labels=_labels(sds, right, include_lowest),
        time_labels=_labels(tds, right, include_lowest),
        n_events=n,
        n_dropped=n_dropped,
        n_close_pairs=int(first.size),
        permutations=permutations,
        metric=metric,
    )


def band_index(
    values: ArrayLike, breaks: ArrayLike, right: bool = False, include_lowest: bool = False
) -> np.ndarray:
    """Band of each value as R's ``cut(values, breaks, right, include.lowest)``; -1 if none.

    >>> band_index([0, 99.9, 100, 200], [0, 100, 200]).tolist()
    [0, 0, 1, -1]
    >>> band_index([0, 100, 200], [0, 100, 200], right=True).tolist()
    [-1, 0, 1]
    >>> band_index([0, 200], [0, 100, 200], include_lowest=True).tolist()
    [0, 1]
    """
    return _cut(np.asarray(values, dtype=float), _breaks(breaks, "breaks"), right, include_lowest)


def _cut(values: np.ndarray, breaks: np.ndarray, right: bool, include_lowest: bool) -> np.ndarray:
    nb = breaks.size - 1
    if right:
        # (a, b]: the band whose upper break is the first one >= the value.
        band = np.searchsorted(breaks, values, side="left") - 1
        if include_lowest:
            band[values == breaks[0]] = 0
    else:
        # [a, b): the band whose lower break is the last one <= the value.
        band = np.searchsorted(breaks, values, side="right") - 1
        if include_lowest:
            band[values == breaks[-1]] = nb - 1
    band[(band < 0) | (band >= nb)] = -1
    return band.astype(np.int64)


def _time_banding(ts: np.ndarray, tds: np.ndarray, right: bool, include_lowest: bool):
    """A function from time differences to band codes 0..nt-1, or nt for "no band"."""
    nt = tds.size - 1
    integral = ts.dtype.kind == "i"
    if integral and np.isfinite(tds[-1]) and tds[-1] < 1e7:
        # Whole days and a finite last break: a lookup table beats a binary search per pair.
        size = int(math.floor(tds[-1])) + 2
        lut = _cut(np.arange(size, dtype=float), tds, right, include_lowest)
        lut[lut < 0] = nt
        lut[-1] = nt  # every difference past the last break lands here after clipping
        lut = lut.astype(np.int32)
        return lambda dt: lut[np.minimum(dt, size - 1)]

    def banding(dt: np.ndarray) -> np.ndarray:
        band = _cut(dt.astype(float), tds, right, include_lowest)
        band[band < 0] = nt
        return band.astype(np.int32)

    return banding


def _all_pair_counts(ts: np.ndarray, tds: np.ndarray, right: bool, include_lowest: bool) -> np.ndarray:
    """Number of all n(n-1)/2 pairs in each time band, from the sorted times in O(n log n)."""
    ordered = np.sort(ts.astype(float))
    n = ordered.size
    position = np.arange(n)

    def within(difference: np.ndarray, limit: float, inclusive: bool) -> np.ndarray:
        return difference <= limit if inclusive else difference < limit

    def pairs_within(limit: float, inclusive: bool) -> int:
        # Pairs with difference < limit (or <= limit): for each event, the later events
        # within reach. Every earlier position is within reach when limit > 0.
        if math.isinf(limit):
            return n * (n - 1) // 2
        if limit < 0 or (limit == 0 and not inclusive):
            return 0
        side: Literal["left", "right"] = "right" if inclusive else "left"
        # ordered + limit rounds differently from the pair's own difference t_j - t_i, which
        # is what NearRepeat compares (a pair exactly on a break, 0.3 - 0.1 against 0.2, can
        # fall either side). The sum only gives a first guess: since rounding is monotone,
        # t_j - t_i grows with t_j, so the exact end is found by stepping over whole groups
        # of equal times until the pair's own difference agrees.
        end = np.searchsorted(ordered, ordered + limit, side=side)
        while True:
            ahead = end < n
            ahead[ahead] = within(ordered[end[ahead]] - ordered[ahead], limit, inclusive)
            behind = end - 1 > position
            behind[behind] = ~within(ordered[end[behind] - 1] - ordered[behind], limit, inclusive)
            if not (ahead.any() or behind.any()):
                break
            end[ahead] = np.searchsorted(ordered, ordered[end[ahead]], side="right")
            end[behind] = np.searchsorted(ordered, ordered[end[behind] - 1], side="left")
        return int((end - position - 1).sum())

    counts = []
    last = tds.size - 2
    for b, (low, high) in enumerate(zip(tds[:-1], tds[1:], strict=True)):
        if right:
            low_in, high_in = include_lowest and b == 0, True
        else:
            low_in, high_in = True, include_lowest and b == last
        counts.append(pairs_within(high, high_in) - pairs_within(low, not low_in))
    return np.array(counts, dtype=np.int64)


def _labels(breaks: np.ndarray, right: bool, include_lowest: bool) -> tuple[str, ...]:
    def fmt(v: float) -> str:
        return "Inf" if math.isinf(v) else f"{v:.10g}"

    labels = []
    last = breaks.size - 2
    for b, (low, high) in enumerate(zip(breaks[:-1], breaks[1:], strict=True)):
        if right:
            opening = "[" if include_lowest and b == 0 else "("
            labels.append(f"{opening}{fmt(low)},{fmt(high)}]")
        else:
            closing = "]" if include_lowest and b == last else ")"
            labels.append(f"[{fmt(low)},{fmt(high)}{closing}")
    return tuple(labels)


def _breaks(values: ArrayLike, name: str) -> np.ndarray:
    breaks = np.asarray(values, dtype=float).ravel()
    if breaks.size < 2:
        raise ValueError(f"{name} needs at least two break points")
    if np.isinf(breaks[:-1]).any():
        raise ValueError(f"only the last of {name} may be infinite")
    if np.isnan(breaks).any() or not (np.diff(breaks) > 0).all() or breaks[0] < 0:
        raise ValueError(f"{name} must be increasing and not negative, got {breaks.tolist()}")
    return breaks


def _complete_events(x: ArrayLike, y: ArrayLike, time: ArrayLike):
    xs = np.asarray(x, dtype=float).ravel()
    ys = np.asarray(y, dtype=float).ravel()
    ts = _days(time)
    if not (xs.size == ys.size == ts.size):
        raise ValueError(f"x, y and time must have the same length, got {xs.size}, {ys.size}, {ts.size}")
    missing = ~np.isfinite(xs) | ~np.isfinite(ys)
    if ts.dtype.kind == "f":
        missing |= ~np.isfinite(ts)
        if (ts[~missing] == np.round(ts[~missing])).all():
            # Whole days stored as floats (e.g. with NaN for missing) take the fast integer path.
            ts = np.where(missing, 0, ts).astype(np.int64)
    keep = ~missing
    return xs[keep], ys[keep], ts[keep], int(missing.sum())


def _days(time: ArrayLike) -> np.ndarray:
    values = np.asarray(time)
    if values.dtype.kind == "O":
        # datetime.date objects (and None for missing) become day numbers.
        values = np.array(values, dtype="datetime64[D]")
    if values.dtype.kind == "M":
        days = values.astype("datetime64[D]")
        out = days.astype(np.int64).astype(float)
        out[np.isnat(days)] = np.nan
        return out
    if values.dtype.kind in "iub":
        return values.astype(np.int64)
    return values.astype(float)
