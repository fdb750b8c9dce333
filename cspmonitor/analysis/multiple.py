"""Adjust p-values when many changes are tested at once.

A table of 14 crime types across 3 districts is 42 tests; at the 5% level about two would be
"significant" by chance alone. Holm controls the chance of *any* false alarm (family-wise error)
and suits a short list that will be acted on; Benjamini-Hochberg controls the expected
*proportion* of false alarms among those flagged, and suits screening many areas for hotspots.

Both return adjusted p-values in the input order: compare each with alpha as usual. NaN
p-values (a comparison that could not be made) stay NaN and do not count towards the number of
tests, so a missing comparison neither takes nor gives away any of the error budget.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

HOLM = "holm"
BENJAMINI_HOCHBERG = "bh"


def holm(p_values: ArrayLike) -> np.ndarray:
    """Holm's step-down adjustment (family-wise error control).

    The i-th smallest of m p-values is multiplied by (m - i + 1); the running maximum keeps
    the adjusted values in the same order as the raw ones; values are capped at 1.

    Hand check with p = (0.01, 0.04, 0.03, 0.005): sorted 0.005, 0.01, 0.03, 0.04 are
    multiplied by 4, 3, 2, 1 to give 0.02, 0.03, 0.06, 0.04; the running maximum turns the
    last into 0.06.

    >>> holm([0.01, 0.04, 0.03, 0.005]).round(4).tolist()
    [0.03, 0.06, 0.06, 0.02]
    """

    def step_down(ordered: np.ndarray) -> np.ndarray:
        m = ordered.size
        # A hypothesis can only be rejected if all smaller p-values were, so the adjusted
        # values must never decrease along the sorted order: the running maximum.
        return np.maximum.accumulate(ordered * (m - np.arange(m)))

    return _adjust_sorted(p_values, step_down)


def benjamini_hochberg(p_values: ArrayLike) -> np.ndarray:
    """Benjamini-Hochberg step-up adjustment (false discovery rate control).

    The i-th smallest of m p-values is multiplied by m / i; a running minimum from the
    largest down keeps the order; values are capped at 1. Valid for independent or
    positively dependent tests, which is the usual assumption for counts by area.

    Hand check with p = (0.01, 0.04, 0.03, 0.005): sorted 0.005, 0.01, 0.03, 0.04 times
    4/1, 4/2, 4/3, 4/4 give 0.02, 0.02, 0.04, 0.04, already in order.

    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.005]).round(4).tolist()
    [0.02, 0.04, 0.04, 0.02]
    """

    def step_up(ordered: np.ndarray) -> np.ndarray:
        m = ordered.size
        # The running minimum from the largest p-value down.
        return np.minimum.accumulate((ordered * m / np.arange(1, m + 1))[::-1])[::-1]

    return _adjust_sorted(p_values, step_up)


def _adjust_sorted(p_values: ArrayLike, adjust) -> np.ndarray:
    """Apply ``adjust`` to the sorted non-missing p-values, cap at 1, restore the order."""
    p, present = _validated(p_values)
    adjusted = np.full(p.shape, np.nan)
    values = p[present]
    if values.size:
        order = np.argsort(values, kind="stable")
        out = np.empty(values.size)
        out[order] = np.minimum(adjust(values[order]), 1.0)
        adjusted[present] = out
    return adjusted


def adjust(p_values: ArrayLike, method: str = HOLM) -> np.ndarray:
    """Adjust p-values by ``"holm"`` or ``"bh"`` (Benjamini-Hochberg).

    >>> adjust([0.5, np.nan, 0.01], "holm").tolist()
    [0.5, nan, 0.02]
    """
    methods = {HOLM: holm, BENJAMINI_HOCHBERG: benjamini_hochberg}
    if method not in methods:
        raise ValueError(f"method must be one of {sorted(methods)}, got {method!r}")
    return methods[method](p_values)


def rejected(adjusted: Sequence[float] | np.ndarray, alpha: float = 0.05) -> np.ndarray:
    """True where an adjusted p-value is below alpha (NaN is never rejected).

    >>> rejected([0.01, np.nan, 0.2]).tolist()
    [True, False, False]
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    values = np.asarray(adjusted, dtype=float)
    # NaN < alpha is False, so a comparison that could not be made is never flagged.
    return values < alpha


def _validated(p_values: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(p_values, dtype=float)
    if p.ndim != 1:
        raise ValueError(f"p-values must be one-dimensional, got shape {p.shape}")
    present = ~np.isnan(p)
    if np.any((p[present] < 0) | (p[present] > 1)):
        raise ValueError("p-values must lie between 0 and 1")
    return p, present
