"""Hotspots: the Getis-Ord Gi* statistic, its inference, and hotspot classes across periods.

Gi* asks whether a unit *and its neighbours together* hold more of the total than their share:
G*_i = sum_j w_ij y_j / sum_j y_j, with w_ii = 1 (the "star": the focal unit is part of its own
neighbourhood, so a single very high cell surrounded by ordinary ones can still show up).
Weights are binary: any non-zero entry of the matrix makes a neighbour, and the diagonal of the
matrix given is ignored and replaced by 1. Units are grid cells or LSOAs; the weights are any
``scipy.sparse`` matrix (see `grid` for grid and distance-band weights).

Two kinds of p-value are given, as in ``esda.G_Local(y, w, star=True, transform="B")``:

* ``z``/``p_norm``: the analytic moments of Getis and Ord (1992) under random allocation of the
  values, which esda computes as E = W*_i / n and
  Var = W*_i (n - W*_i) / (n - 1) / n^2 * s^2 / ybar^2, with W*_i = k_i + 1 and s^2 the
  variance of y with divisor n. Crime counts are skewed and often zero, so this normal
  approximation is rough for small counts: prefer the permutation p-value.
* ``p_sim``: conditional permutation. Unit i keeps its own value and its k_i neighbours are
  drawn at random, without replacement, from the other n - 1 values. The p-value is
  (1 + number at least as extreme) / (1 + permutations).

Thousands of units are tested at once, so about 5% of them would be "significant" at the 5%
level by chance alone: `classify` adjusts the p-values (Benjamini-Hochberg by default, Holm
optional) before calling a unit hot or cold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import sparse, stats

from cspmonitor.analysis.multiple import adjust
from cspmonitor.analysis.permutation import adaptive_counts
from cspmonitor.analysis.permutation import pseudo_p as _pseudo_p

HOT = "hot"
COLD = "cold"
NOT_SIGNIFICANT = "not significant"

NEW = "new"
INTENSIFYING = "intensifying"
PERSISTENT = "persistent"
INTERMITTENT = "intermittent"
DIMINISHING = "diminishing"
NONE = "none"

ALTERNATIVES = ("two-sided", "directed", "greater", "lesser")
# The smallest rise in z between two periods that two independent standard normal z-scores
# would show by chance less than 5% of the time (two-sided): 1.96 * sqrt(2).
Z_MARGIN = 1.96 * math.sqrt(2.0)


@dataclass(frozen=True, eq=False)
class GiStar:
    """Gi* for every unit: statistic, analytic moments and z, and p-values.

    `p_norm` is two-sided (esda's ``p_norm`` is one-sided: double it to compare). `p_sim` is
    None when no permutations were run. `n_neighbours` excludes the unit itself.
    `draws_at_least` and `draws_at_most` count the permutations whose neighbour sum was >= and
    <= the unit's own (a tie counts in both): the raw counts behind `p_sim`, for anyone who
    needs another p-value rule. They are None when no permutations were run. `draws` is the
    number of permutations behind each unit's `p_sim`: `permutations` for every unit, or more
    for the candidates when `max_permutations` asked for adaptive draws.
    """

    statistic: np.ndarray
    expected: np.ndarray
    variance: np.ndarray
    z: np.ndarray
    p_norm: np.ndarray
    p_sim: np.ndarray | None
    n_neighbours: np.ndarray
    permutations: int
    alternative: str
    draws_at_least: np.ndarray | None = None
    draws_at_most: np.ndarray | None = None
    draws: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class HotspotClasses:
    """Each unit's class (`HOT`, `COLD` or `NOT_SIGNIFICANT`) with the p-values behind it."""

    labels: np.ndarray
    p_values: np.ndarray
    p_adjusted: np.ndarray
    alpha: float
    adjustment: str
    inference: str

    @property
    def hot(self) -> np.ndarray:
        """True where the unit is a significant hot spot."""
        return self.labels == HOT

    @property
    def cold(self) -> np.ndarray:
        """True where the unit is a significant cold spot."""
        return self.labels == COLD


@dataclass(frozen=True, eq=False)
class HotspotTrends:
    """Hot spot classes across periods: one label per unit, and the hot flags per period."""

    labels: np.ndarray
    hot: np.ndarray
    z_change: np.ndarray
    margin: float


def gi_star(
    y: ArrayLike,
    w: sparse.spmatrix,
    *,
    permutations: int = 0,
    alternative: str = "two-sided",
    seed: int | None = None,
    block_size: int = 64,
    max_permutations: int | None = None,
) -> GiStar:
    """Getis-Ord Gi* of values `y` on neighbour matrix `w`, with optional permutation p-values.

    `alternative` for `p_sim`: "two-sided" (twice the smaller tail, capped at 1: use this for
    hot *and* cold spots), "greater", "lesser", or "directed", which is esda's default: the
    smaller tail *not* doubled, so it is too small by half and is offered only to reproduce
    esda's ``p_sim``. Ties (frequent with counts) count as "at least as extreme" in both
    tails, exactly; esda (compiled with numba) counts all of a unit's ties as larger or none,
    by last-bit rounding (see `esda_tie_rule` in bench/spatial.py). `seed`
    makes the draws reproducible; `block_size` is how many units share one set of draws (see
    `permutation.conditional_counts`: smaller is less correlated Monte Carlo error, larger is
    faster). `max_permutations`, when larger than `permutations`, gives units whose p-value is
    small and still coarse ten times more fresh draws, round after round, up to that number
    (`permutation.adaptive_counts`): the floor 1 / (1 + draws) then no longer stops
    Benjamini–Hochberg from flagging a real cluster among hundreds of units. Units that
    already pass Benjamini–Hochberg at 5% get no more draws.

    Hand check: five units in a row, rook neighbours, counts 1, 2, 3, 4, 10. The last unit and
    its one neighbour hold 14 of 20, against an expected 2/5 of the total: G* = 0.7, and with
    s^2 = 10 and ybar = 4 the variance is 2 * 3 / 4 / 25 * 10 / 16 = 0.0375, so
    z = (0.7 - 0.4) / sqrt(0.0375) = 1.549.

    >>> from cspmonitor.analysis.grid import contiguity_weights
    >>> g = gi_star([1, 2, 3, 4, 10], contiguity_weights(1, 5, "rook"))
    >>> g.statistic.round(3).tolist(), g.z.round(3).tolist()
    ([0.15, 0.3, 0.45, 0.85, 0.7], [-1.291, -1.549, -0.775, 1.291, 1.549])
    """
    if alternative not in ALTERNATIVES:
        raise ValueError(f"alternative must be one of {ALTERNATIVES}, got {alternative!r}")
    if permutations < 0:
        raise ValueError(f"permutations must not be negative, got {permutations}")
    values = np.asarray(y, dtype=float).ravel()
    n = values.size
    neighbours = _binary_neighbours(w, n)
    if not np.isfinite(values).all() or (values < 0).any():
        raise ValueError("values must be finite and not negative (counts or rates)")
    total = values.sum()
    if n < 2 or total <= 0:
        raise ValueError("Gi* needs at least two units and a positive total")

    k = np.diff(neighbours.indptr)
    lag = neighbours @ values  # neighbours only; the unit's own value is added below
    statistic = (lag + values) / total
    cardinality = k + 1.0
    mean = total / n
    # Variance with divisor n, as Getis and Ord (and esda) use it.
    spread = (values**2).mean() - mean**2
    expected = cardinality / n
    variance = cardinality * (n - cardinality) / (n - 1) / n**2 * spread / mean**2
    with np.errstate(divide="ignore", invalid="ignore"):
        # A unit whose neighbourhood is everyone, or values that are all equal, have no
        # variance: z is NaN (no evidence either way), never infinite.
        z = np.where(variance > 0, (statistic - expected) / np.sqrt(variance), np.nan)
    p_norm = 2.0 * stats.norm.sf(np.abs(z))

    p_sim = ge = le = draws = None
    if permutations:
        rng = np.random.default_rng(seed)
        most = max(permutations, max_permutations or 0)
        ge, le, draws = adaptive_counts(values, lag, k, permutations, most, rng, block_size, tail=alternative)
        p_sim = _pseudo_p(ge, le, draws, alternative)
        # An island has nothing to permute: its statistic cannot move, so every draw ties with
        # it and there is no evidence.
        ge[k == 0] = le[k == 0] = draws[k == 0]
        p_sim[k == 0] = 1.0
    return GiStar(
        statistic, expected, variance, z, p_norm, p_sim, k, permutations, alternative, ge, le, draws
    )


def permutations_to_resolve(n_units: int, alpha: float = 0.05) -> int:
    """The fewest draws, 10^j - 1, that let one unit alone pass Benjamini–Hochberg at `alpha`.

    The smallest two-sided permutation p-value is 2 / (1 + draws); Benjamini–Hochberg flags
    a single unit among n when its p-value is at most alpha / n. Twice that resolution is
    asked for, so that a unit with a draw or two in its tail can pass too.

    >>> permutations_to_resolve(441), permutations_to_resolve(10_000)
    (99999, 999999)
    """
    if n_units < 1 or not 0 < alpha < 1:
        raise ValueError(f"need at least one unit and 0 < alpha < 1, got {n_units} and {alpha}")
    return 10 ** math.ceil(math.log10(4 * n_units / alpha)) - 1


def classify(
    result: GiStar, alpha: float = 0.05, adjustment: str = "bh", inference: str | None = None
) -> HotspotClasses:
    """Hot, cold or not significant, after adjusting the p-values for the number of units.

    `adjustment` is "bh" (Benjamini-Hochberg: about `alpha` of the flagged units are false
    alarms, suited to screening an area), "holm" (chance of any false alarm at most `alpha`)
    or "none". `inference` is "permutation" (the default when `p_sim` exists) or "normal".

    >>> from cspmonitor.analysis.grid import contiguity_weights
    >>> y = np.zeros(100)
    >>> y[[44, 45, 54, 55]] = 30
    >>> g = gi_star(y + 1, contiguity_weights(10, 10))
    >>> c = classify(g, inference="normal")
    >>> int(c.hot.sum()), int(c.cold.sum()), bool(c.hot[44])
    (12, 0, True)
    """
    if inference is None:
        inference = "permutation" if result.p_sim is not None else "normal"
    if inference == "permutation":
        if result.p_sim is None:
            raise ValueError("no permutation p-values: run gi_star with permutations > 0")
        p = result.p_sim
    elif inference == "normal":
        p = result.p_norm
    else:
        raise ValueError(f"inference must be 'permutation' or 'normal', got {inference!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    adjusted = p.copy() if adjustment == "none" else adjust(p, adjustment)
    significant = adjusted < alpha
    # The direction comes from z (G* above or below its expectation); a two-sided p-value
    # says only "unusual", so the sign is needed to tell hot from cold.
    labels = np.full(p.shape, NOT_SIGNIFICANT, dtype=object)
    labels[significant & (result.z > 0)] = HOT
    labels[significant & (result.z < 0)] = COLD
    return HotspotClasses(labels, p, adjusted, alpha, adjustment, inference)


def hotspot_trends(
    results: Sequence[GiStar],
    alpha: float = 0.05,
    adjustment: str = "bh",
    inference: str | None = None,
    margin: float = Z_MARGIN,
) -> HotspotTrends:
    """Label each unit from Gi* results for periods in time order (oldest first, at least two).

    Each period is classified on its own (`classify`, with its own multiple-testing
    adjustment); "hot" below means a significant hot spot, "now" the last period and "before"
    the one preceding it. The first rule that fits wins:

    1. `INTENSIFYING`: hot before and now, and z rose by at least `margin`;
    2. `DIMINISHING`: hot before, and now either not hot or z fell by at least `margin`;
    3. `NEW`: hot now and in no earlier period;
    4. `PERSISTENT`: hot in every period;
    5. `INTERMITTENT`: hot now and in some, not all, earlier periods, but not before;
    6. `NONE`: everything else (cold spots are not tracked here).

    The default margin, 1.96 * sqrt(2) = 2.77, is the rise two independent z-scores would
    exceed by chance 5% of the time: a smaller rise is not treated as a real change.

    >>> from cspmonitor.analysis.grid import contiguity_weights
    >>> w = contiguity_weights(10, 10)
    >>> before, now = np.ones(100), np.ones(100)
    >>> before[[11, 12, 21, 22, 77, 78, 87, 88]] = 20
    >>> now[[11, 12, 21, 22, 44, 45, 54, 55]] = 20
    >>> t = hotspot_trends([gi_star(before, w), gi_star(now, w)], inference="normal")
    >>> str(t.labels[11]), str(t.labels[44]), str(t.labels[77]), str(t.labels[0])
    ('persistent', 'new', 'diminishing', 'none')
    """
    if len(results) < 2:
        raise ValueError("hotspot trends need at least two periods")
    sizes = {r.z.size for r in results}
    if len(sizes) != 1:
        raise ValueError(f"every period must cover the same units, got sizes {sorted(sizes)}")
    hot = np.array([classify(r, alpha, adjustment, inference).hot for r in results])
    now, before = hot[-1], hot[-2]
    with np.errstate(invalid="ignore"):
        z_change = results[-1].z - results[-2].z
        rose, fell = z_change >= margin, z_change <= -margin
    earlier = hot[:-1]
    rules = [
        (now & before & rose, INTENSIFYING),
        (before & (~now | fell), DIMINISHING),
        (now & ~earlier.any(axis=0), NEW),
        (hot.all(axis=0), PERSISTENT),
        (now, INTERMITTENT),
    ]
    labels = np.select([c for c, _ in rules], [name for _, name in rules], default=NONE).astype(object)
    return HotspotTrends(labels, hot, z_change, margin)


def _binary_neighbours(w: sparse.spmatrix, n: int) -> sparse.csr_matrix:
    if not sparse.issparse(w):
        raise TypeError("weights must be a scipy.sparse matrix")
    if w.shape != (n, n):
        raise ValueError(f"weights are {w.shape[0]} x {w.shape[1]} but there are {n} values")
    coo = sparse.coo_matrix(w)
    keep = (coo.row != coo.col) & (coo.data != 0)
    binary = sparse.csr_matrix((np.ones(int(keep.sum())), (coo.row[keep], coo.col[keep])), shape=(n, n))
    binary.sum_duplicates()
    binary.data[:] = 1.0
    return binary
