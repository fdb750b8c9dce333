"""The benchmark's own judging code: esda's tie outcome and the "directed" p-value it feeds."""

import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from cspmonitor.analysis.grid import contiguity_weights
from cspmonitor.analysis.hotspots import gi_star

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import spatial  # noqa: E402  (bench/ is scripts, not a package)


def counts_on_a_grid():
    # Small counts tie often; with this seed's total, esda's last-bit rounding goes both ways.
    y = np.random.default_rng(22).poisson(2, 30 * 30).astype(float)
    return y, contiguity_weights(30, 30).tocsr()


def test_counting_every_tie_as_at_least_as_large_gives_our_directed_p_values():
    y, w = counts_on_a_grid()
    result = gi_star(y, w, permutations=199, seed=22, alternative="directed")
    every_tie = np.ones(y.size, dtype=bool)
    p = spatial._directed_p(result.draws_at_least, result.draws_at_most, every_tie, 199)
    assert np.array_equal(p, result.p_sim)


def test_esdas_rule_counts_a_tie_towards_the_upper_tail_or_towards_the_lower_one():
    # 199 draws, 6 of which tie with the observed sum. A hot unit: 10 draws at least as large.
    # Counted as ">=", the ties are in the upper tail (11 / 200); not counted, they are not (5 / 200).
    at_least, at_most = np.array([10, 195]), np.array([195, 10])
    counted = spatial._directed_p(at_least, at_most, np.array([True, True]), 199)
    uncounted = spatial._directed_p(at_least, at_most, np.array([False, False]), 199)
    assert counted[0] == 11 / 200 and uncounted[0] == 5 / 200
    # A cold unit, mirrored: esda flips to the lower tail, so ties counted as ">=" fall out of it.
    assert counted[1] == 5 / 200 and uncounted[1] == 11 / 200


def test_the_tie_rule_predicts_how_esda_counted_its_own_tied_draws():
    esda = pytest.importorskip("esda")
    libpysal = pytest.importorskip("libpysal")
    y, w = counts_on_a_grid()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = esda.G_Local(
            y,
            libpysal.weights.WSP(w).to_W(silence_warnings=True),
            star=True,
            transform="B",
            seed=23,
            n_jobs=1,
        )
    counted = spatial.esda_tie_rule(y, w)  # with numba, both outcomes occur with this seed
    assert spatial._tie_rule_check(y, w, result, counted) == 1.0
    assert spatial._tie_rule_check(y, w, result, ~counted) < 0.5
