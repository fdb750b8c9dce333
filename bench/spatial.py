"""Benchmark the spatial statistics against esda/libpysal and an all-pairs Knox count.

Run from the repository root: ``.venv/bin/python bench/spatial.py`` (prints JSON; writes no
file). ``run()`` returns the same figures as a dict. Needs esda, libpysal and, for esda's
permutation engine at a usable speed, numba: these are benchmark-only dependencies, never
imported by ``cspmonitor.analysis``.

What is measured, all on data generated here from fixed seeds:

* Gi* on ``n_polygons`` synthetic "polygons": random points in a 100 km x 80 km box whose
  Voronoi cells stand in for LSOAs. Two cells are neighbours when they share an edge, which is
  exactly when their points are joined in the Delaunay triangulation, so the contiguity
  matrix is built from ``scipy.spatial.Delaunay`` without drawing any polygon (mean about six
  neighbours, a spread of counts as real LSOAs have). Values are Poisson counts with a few
  raised areas.
  - analytic z: ours against ``esda.G_Local(y, w, star=True, transform="B",
    permutations=0)``, times and the largest |z difference|;
  - 999 permutations: ours (alternative="directed", esda's default p-value) against esda's
    default call (``permutations=999``, all cores). esda's first call in a process compiles
    its numba code, so both a cold and a warm time are reported. Agreement of the p < 0.05
    classes with esda is set against the agreement of esda with itself, averaged over every
    pair of five seeds each, with esda's way of counting ties applied to our draw counts
    (`esda_tie_rule`); with our own tie rule and with jittered counts it is reported too.
* Knox test on clustered "burglaries" (10,000 and 50,000 events, 5 distance x 8 time bands,
  99 permutations): wall time and peak traced memory (tracemalloc, which sees NumPy's
  allocations; ``--knox-child N`` runs one test alone so that bench/run.py can read the
  child's peak RSS), and an all-pairs O(n^2) count for a small n checked against ours. The
  NearRepeat R package itself is not run here (no R on these machines); its conventions are
  reproduced and tested in tests/analysis/test_nearrepeat.py.
* Kernel density of 75,000 points on 500 m cells over 100 km x 80 km, with the largest
  relative difference from a brute-force sum over a sample of cells.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import tracemalloc
import warnings
from itertools import combinations
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.spatial import Delaunay

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cspmonitor.analysis.hotspots import _pseudo_p, gi_star  # noqa: E402
from cspmonitor.analysis.kde import kernel_density  # noqa: E402
from cspmonitor.analysis.nearrepeat import band_index, knox_test  # noqa: E402

BOX = (0.0, 0.0, 100_000.0, 80_000.0)
DISTANCES = [0, 100, 200, 300, 400, 500]
TIMES = [0, 7, 14, 21, 28, 35, 42, 49, 56]
ESDA_SEEDS = (4, 5, 10, 11, 12)  # the first call compiles esda's numba code: timed as "cold"
OUR_SEEDS = (3, 13, 23, 33, 43)


def voronoi_contiguity(n: int, seed: int) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Rook contiguity of the Voronoi cells of n random points (= Delaunay edges), and the points."""
    rng = np.random.default_rng(seed)
    pts = np.column_stack([rng.uniform(BOX[0], BOX[2], n), rng.uniform(BOX[1], BOX[3], n)])
    tri = Delaunay(pts)
    edges = np.concatenate([tri.simplices[:, [0, 1]], tri.simplices[:, [1, 2]], tri.simplices[:, [0, 2]]])
    i, j = np.concatenate([edges[:, 0], edges[:, 1]]), np.concatenate([edges[:, 1], edges[:, 0]])
    w = sparse.csr_matrix((np.ones(i.size), (i, j)), shape=(n, n))
    w.data[:] = 1.0
    return w, pts


def counts_with_hotspots(pts: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rate = np.full(len(pts), 3.0)
    for cx, cy in rng.uniform((0, 0), (100_000, 80_000), size=(12, 2)):
        rate += 6.0 * np.exp(-((pts[:, 0] - cx) ** 2 + (pts[:, 1] - cy) ** 2) / (2 * 2_500.0**2))
    return rng.poisson(rate).astype(float)


def clustered_events(n: int, seed: int, spread: float = 1_500.0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    towns = rng.uniform((5_000, 5_000), (95_000, 75_000), size=(20, 2))
    which = rng.integers(0, 20, n)
    x = towns[which, 0] + rng.normal(0, spread, n)
    y = towns[which, 1] + rng.normal(0, spread, n)
    return np.round(x), np.round(y), rng.integers(0, 730, n)


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    out = func(*args, **kwargs)
    return out, time.perf_counter() - start


def bench_gi_star(n_polygons: int, esda_permutations: bool, esda_n: int | None) -> dict:
    import esda
    import libpysal

    w, pts = voronoi_contiguity(n_polygons, seed=1)
    y = counts_with_hotspots(pts, seed=2)
    out: dict = {
        "n_units": n_polygons,
        "mean_neighbours": float(w.sum() / n_polygons),
        "max_neighbours": int(np.diff(w.indptr).max()),
    }

    def esda_weights(matrix):
        return libpysal.weights.WSP(matrix).to_W(silence_warnings=True)

    lw, build = timed(esda_weights, w)
    out["libpysal_W_build_s"] = build
    ours, t_ours = timed(gi_star, y, w)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs, t_esda = timed(esda.G_Local, y, lw, star=True, transform="B", permutations=0)
    out["analytic"] = {
        "ours_s": t_ours,
        "esda_s": t_esda,
        "speedup": t_esda / t_ours,
        "max_abs_z_diff": float(np.max(np.abs(ours.z - theirs.Zs))),
    }
    if not esda_permutations:
        return out

    n_perm_units = esda_n or n_polygons
    if n_perm_units != n_polygons:
        w, pts = voronoi_contiguity(n_perm_units, seed=1)
        y = counts_with_hotspots(pts, seed=2)
    ours_p, t_ours_p = timed(gi_star, y, w, permutations=999, seed=3, alternative="directed")
    ours_two, t_ours_two = timed(gi_star, y, w, permutations=999, seed=3)
    runs = []
    for seed in ESDA_SEEDS:
        lw = esda_weights(w)  # esda changes the weights it is given; start fresh each time
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            runs.append(timed(esda.G_Local, y, lw, star=True, transform="B", seed=seed))
        if len(runs) > 1:
            runs[-1][0].rGs = None  # the first run's draws serve the tie check; free the rest
    (e_cold, t_cold), (e_warm, t_warm) = runs[0], runs[1]
    esda_sig = [run.p_sim < 0.05 for run, _ in runs]
    ours_sig, a_sig, b_sig = ours_p.p_sim < 0.05, esda_sig[0], esda_sig[1]
    # The same draw counts under esda's tie outcome (see esda_tie_rule): ties then fall as in
    # esda, and what is left between the two is Monte Carlo error alone. One pair of seeds is
    # a noisy estimate of agreement (esda shares one set of draws across all units, so its
    # share flagged moves by one to three points between seeds): every pair is compared.
    counted = esda_tie_rule(y, w)
    ours_esda_ties = []
    for seed in OUR_SEEDS:
        draws = ours_p if seed == OUR_SEEDS[0] else gi_star(y, w, permutations=999, seed=seed)
        assert draws.draws_at_least is not None and draws.draws_at_most is not None
        ours_esda_ties.append(_directed_p(draws.draws_at_least, draws.draws_at_most, counted, 999) < 0.05)
    ours_vs_esda = [float(np.mean(o == e)) for o in ours_esda_ties for e in esda_sig]
    esda_vs_esda = [float(np.mean(a == b)) for a, b in combinations(esda_sig, 2)]
    out["permutations_999"] = {
        "n_units": n_perm_units,
        "ours_s": t_ours_p,
        "ours_two_sided_s": t_ours_two,
        "esda_cold_s_incl_numba_compile": t_cold,
        "esda_warm_s": t_warm,
        "speedup_vs_warm": t_warm / t_ours_p,
        "speedup_vs_cold": t_cold / t_ours_p,
        "esda_seeds": list(ESDA_SEEDS),
        "our_seeds": list(OUR_SEEDS),
        "class_agreement_ours_vs_esda": float(np.mean(ours_sig == a_sig)),
        "class_agreement_esda_seed_vs_seed": float(np.mean(a_sig == b_sig)),
        "share_p_below_0.05": {
            "ours": float(ours_sig.mean()),
            "ours_with_esda_ties": float(ours_esda_ties[0].mean()),
            "esda": [float(sig.mean()) for sig in esda_sig],
        },
        "mean_abs_p_diff_ours_vs_esda": float(np.mean(np.abs(ours_p.p_sim - e_cold.p_sim))),
        "mean_abs_p_diff_esda_vs_esda": float(np.mean(np.abs(e_warm.p_sim - e_cold.p_sim))),
        # Where the classes differ, and which side flags: says whether a disagreement is
        # spread evenly (Monte Carlo noise) or one-sided (a rule, such as how ties count).
        "disagreements_ours_vs_esda": _disagreements(ours_sig, a_sig, ours_p.z),
        "disagreements_esda_vs_esda": _disagreements(b_sig, a_sig, ours_p.z),
        "with_esda_tie_outcome": {
            "units_whose_ties_esda_counts_as_at_least": float(counted.mean()),
            "rule_matches_esda_draws": _tie_rule_check(y, w, e_cold, counted),
            "class_agreement_ours_vs_esda_every_pair": ours_vs_esda,
            "class_agreement_esda_vs_esda_every_pair": esda_vs_esda,
            "mean_ours_vs_esda": float(np.mean(ours_vs_esda)),
            "mean_esda_vs_esda": float(np.mean(esda_vs_esda)),
            "disagreements_ours_vs_esda": _disagreements(ours_esda_ties[0], a_sig, ours_p.z),
        },
    }
    # Counts tie often, and ours and esda count ties differently (see esda_tie_rule).
    # Jittering the counts removes ties and shows how far the two engines then agree with no
    # adjustment at all.
    jittered = y + np.random.default_rng(6).uniform(0, 1, y.size)
    ours_j = gi_star(jittered, w, permutations=999, seed=7, alternative="directed").p_sim
    esda_j = []
    for seed in (8, 9):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            esda_j.append(esda.G_Local(jittered, esda_weights(w), star=True, transform="B", seed=seed).p_sim)
    out["permutations_999"]["without_ties"] = {
        "class_agreement_ours_vs_esda": float(np.mean((ours_j < 0.05) == (esda_j[0] < 0.05))),
        "class_agreement_esda_seed_vs_seed": float(np.mean((esda_j[1] < 0.05) == (esda_j[0] < 0.05))),
        "mean_abs_p_diff_ours_vs_esda": float(np.mean(np.abs(ours_j - esda_j[0]))),
        "mean_abs_p_diff_esda_vs_esda": float(np.mean(np.abs(esda_j[1] - esda_j[0]))),
    }
    return out


def esda_tie_rule(y: np.ndarray, w: sparse.csr_matrix) -> np.ndarray:
    """For each unit, True when esda counts a draw that ties with it as "at least as large".

    esda computes the observed Gi* as ``(W @ y) / total`` but each permuted one in numba with
    ``fastmath``, which turns the division into a multiplication by ``1 / total``. For an
    integer neighbourhood sum S the two differ in the last bit or not, the same way in every
    draw: a tied draw is counted as >= observed for all of a unit's ties or for none of them.
    `_tie_rule_check` confirms this on esda's own kept draws. Without numba (the bench group
    installs it) esda runs the same code uncompiled, divides in both places and counts every tie.
    """
    from esda import crand

    total = float(y.sum())
    sums = w @ y + y
    if crand.prange is range:  # esda's own switch: numba was not importable
        return np.ones(sums.size, dtype=bool)
    return sums * (1.0 / total) >= sums / total


def _tie_rule_check(y: np.ndarray, w: sparse.csr_matrix, result, counted: np.ndarray) -> float:
    """Share of units with tied draws where esda counted them as `esda_tie_rule` says."""
    total = float(y.sum())
    sums = w @ y + y
    tied = np.rint(result.rGs * total) == sums[:, None]
    with_ties = tied.any(axis=1)
    as_large = (tied & (result.rGs >= result.Gs[:, None])).sum(axis=1)
    esda_counted = as_large == tied.sum(axis=1)
    all_or_none = (as_large == 0) | esda_counted
    return float(np.mean((all_or_none & (esda_counted == counted))[with_ties]))


def _directed_p(at_least: np.ndarray, at_most: np.ndarray, counted: np.ndarray, permutations: int):
    """esda's "directed" pseudo p-value from draw counts, with ties counted as `counted` says."""
    ties = at_least + at_most - permutations
    # Where esda does not count a unit's ties as "at least as large", only the larger draws are.
    return _pseudo_p(np.where(counted, at_least, at_least - ties), at_most, permutations, "directed")


def _disagreements(first: np.ndarray, second: np.ndarray, z: np.ndarray) -> dict:
    differ = first != second
    return {
        "units": int(differ.sum()),
        "only_first_significant": int((first & ~second).sum()),
        "only_second_significant": int((~first & second).sum()),
        "on_cold_side_z_below_0": int((differ & (z < 0)).sum()),
        "on_hot_side_z_above_0": int((differ & (z > 0)).sum()),
    }


def knox_child(n: int) -> dict:
    """One Knox run on n events, for a child process whose peak RSS the parent reads."""
    x, y, t = clustered_events(n, seed=n)
    result, wall = timed(knox_test, x, y, t, DISTANCES, TIMES, permutations=99, seed=1)
    return {"n": n, "wall_s": wall, "close_pairs": result.n_close_pairs}


def bench_knox(sizes: tuple[int, ...], baseline_n: int) -> dict:
    out: dict = {"bands": f"{len(DISTANCES) - 1} distance x {len(TIMES) - 1} time", "permutations": 99}
    for n in sizes:
        x, y, t = clustered_events(n, seed=n)
        result, wall = timed(knox_test, x, y, t, DISTANCES, TIMES, permutations=99, seed=1)
        tracemalloc.start()
        knox_test(x, y, t, DISTANCES, TIMES, permutations=99, seed=1)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        out[f"n_{n}"] = {
            "wall_s": wall,
            "peak_traced_MB": peak / 1e6,
            "close_pairs": result.n_close_pairs,
            "ratio_closest_cell": float(result.ratio[0, 0]),
        }

    # All pairs at once, as NearRepeat's dist() does: n(n-1)/2 distances held in memory.
    x, y, t = clustered_events(baseline_n, seed=baseline_n)
    ours, t_ours = timed(knox_test, x, y, t, DISTANCES, TIMES, permutations=2, seed=1)

    def all_pairs():
        i, j = np.triu_indices(baseline_n, k=1)
        s = band_index(np.abs(x[i] - x[j]) + np.abs(y[i] - y[j]), DISTANCES)
        b = band_index(np.abs(t[i] - t[j]), TIMES)
        ok = (s >= 0) & (b >= 0)
        table = np.zeros((len(DISTANCES) - 1, len(TIMES) - 1), dtype=int)
        np.add.at(table, (s[ok], b[ok]), 1)
        return table

    tracemalloc.start()
    table, t_all = timed(all_pairs)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    out["all_pairs_baseline"] = {
        "n": baseline_n,
        "one_table_s": t_all,
        "peak_traced_MB": peak / 1e6,
        "ours_observed_plus_2_shuffles_s": t_ours,
        "tables_equal": bool(np.array_equal(table, ours.observed)),
    }
    return out


def bench_kde(n_points: int, sample_cells: int) -> dict:
    x, y, _ = clustered_events(n_points, seed=7, spread=4_000.0)
    out: dict = {"n_points": n_points, "cell_m": 500, "box_km": "100 x 80"}
    for kernel, h in (("quartic", 1_000.0), ("quartic", 2_000.0), ("gaussian", 1_000.0)):
        result, wall = timed(kernel_density, x, y, h, cell_size=500, bbox=BOX, kernel=kernel)
        grid = result.grid
        cx, cy = grid.centres()
        pick = np.random.default_rng(8).choice(grid.n_cells, sample_cells, replace=False)
        brute = np.empty(sample_cells)
        for start in range(0, sample_cells, 100):
            cells = pick[start : start + 100]
            u2 = ((cx[cells, None] - x) ** 2 + (cy[cells, None] - y) ** 2) / h**2
            if kernel == "quartic":
                k = np.where(u2 < 1, 3 / math.pi * (1 - u2) ** 2, 0.0)
            else:
                k = np.exp(-0.5 * u2) / (2 * math.pi)  # untruncated: shows the 4h cutoff's cost
            brute[start : start + 100] = k.sum(axis=1) / h**2 * 1e6
        ours = result.density.ravel()[pick]
        scale = max(brute.max(), 1e-300)
        out[f"{kernel}_h{int(h)}"] = {
            "wall_s": wall,
            "grid": [grid.n_rows, grid.n_cols],
            "max_abs_diff_over_peak_vs_brute_force": float(np.max(np.abs(ours - brute)) / scale),
        }
    return out


def run(
    n_polygons: int = 35_000,
    *,
    esda_permutations: bool = True,
    esda_n: int | None = None,
    knox_sizes: tuple[int, ...] = (10_000, 50_000),
    knox_baseline_n: int = 3_000,
    kde_points: int = 75_000,
    kde_sample_cells: int = 2_000,
) -> dict:
    """All measurements as one dict (seconds, megabytes, agreement shares)."""
    import esda
    import libpysal

    try:
        import numba

        numba_version = numba.__version__
    except ImportError:
        numba_version = None
    return {
        "versions": {
            "numpy": np.__version__,
            "esda": esda.__version__,
            "libpysal": libpysal.__version__,
            "numba": numba_version,
        },
        "gi_star": bench_gi_star(n_polygons, esda_permutations, esda_n),
        "knox": bench_knox(knox_sizes, knox_baseline_n),
        "kde": bench_kde(kde_points, kde_sample_cells),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-polygons", type=int, default=35_000)
    parser.add_argument("--esda-n", type=int, default=None, help="units for the esda permutation run")
    parser.add_argument("--no-esda-permutations", action="store_true")
    parser.add_argument("--knox-child", type=int, default=None, help="one Knox run (bench/run.py)")
    args = parser.parse_args()
    if args.knox_child:
        print(json.dumps(knox_child(args.knox_child)))
        return
    result = run(args.n_polygons, esda_permutations=not args.no_esda_permutations, esda_n=args.esda_n)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
