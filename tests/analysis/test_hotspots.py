import doctest
import warnings
from itertools import combinations

import numpy as np
import pytest
from scipy import sparse, stats

from cspmonitor.analysis import hotspots
from cspmonitor.analysis.grid import contiguity_weights, distance_band_weights
from cspmonitor.analysis.hotspots import (
    COLD,
    DIMINISHING,
    HOT,
    INTENSIFYING,
    INTERMITTENT,
    NEW,
    NONE,
    PERSISTENT,
    classify,
    gi_star,
    hotspot_trends,
)


def esda_g_local(y, w_sparse, **kwargs):
    # esda and libpysal are test-only dependencies: without them these comparisons skip, and
    # the dense textbook check below still runs.
    import esda
    import libpysal

    w = libpysal.weights.WSP(sparse.csr_matrix(w_sparse)).to_W(silence_warnings=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return esda.G_Local(y, w, star=True, transform="B", **kwargs)


def scattered_points(n, seed):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 10_000, n), rng.uniform(0, 8_000, n)


def test_its_docstring_examples_give_the_figures_they_show():
    failed, attempted = doctest.testmod(hotspots)
    assert attempted > 0
    assert failed == 0


def test_its_z_scores_match_esda_g_local_star_binary_on_a_queen_grid():
    rng = np.random.default_rng(1)
    y = rng.poisson(2.5, 30 * 40).astype(float)
    w = contiguity_weights(30, 40)
    ours = gi_star(y, w)
    theirs = esda_g_local(y, w, permutations=0)
    assert np.max(np.abs(ours.z - theirs.Zs)) < 1e-9
    assert np.max(np.abs(ours.statistic - theirs.Gs)) < 1e-12
    assert np.max(np.abs(ours.expected - theirs.EGs)) < 1e-12
    assert np.max(np.abs(ours.variance - theirs.VGs)) < 1e-12
    # esda's p_norm is one-sided; ours is two-sided.
    assert np.max(np.abs(ours.p_norm - 2 * theirs.p_norm)) < 1e-9


def test_its_z_scores_match_esda_on_irregular_distance_band_neighbours():
    x, y_coord = scattered_points(600, seed=2)
    w = distance_band_weights(x, y_coord, 700)
    values = np.random.default_rng(3).gamma(1.5, 2.0, 600)
    ours = gi_star(values, w)
    theirs = esda_g_local(values, w, permutations=0)
    assert len(set(ours.n_neighbours.tolist())) > 5
    assert np.max(np.abs(ours.z - theirs.Zs)) < 1e-9


def test_its_z_scores_match_the_textbook_formula_computed_densely():
    # Ord and Getis (1995): z*_i = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n S1_i - W_i^2) / (n - 1)))
    # with w_ii = 1, W_i = sum_j w_ij, S1_i = sum_j w_ij^2, S^2 = sum x^2 / n - xbar^2.
    rng = np.random.default_rng(4)
    n_rows, n_cols = 4, 5
    x = rng.poisson(4, n_rows * n_cols).astype(float)
    n = x.size
    dense = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            (ri, ci), (rj, cj) = divmod(i, n_cols), divmod(j, n_cols)
            if max(abs(ri - rj), abs(ci - cj)) <= 1:  # queen neighbours and the unit itself
                dense[i, j] = 1.0
    xbar = x.mean()
    s = np.sqrt((x**2).sum() / n - xbar**2)
    big_w = dense.sum(axis=1)
    s1 = (dense**2).sum(axis=1)
    expected_z = (dense @ x - xbar * big_w) / (s * np.sqrt((n * s1 - big_w**2) / (n - 1)))
    ours = gi_star(x, contiguity_weights(n_rows, n_cols))
    assert np.max(np.abs(ours.z - expected_z)) < 1e-12
    assert np.max(np.abs(ours.statistic - dense @ x / x.sum())) < 1e-15


def test_it_ignores_the_diagonal_and_the_size_of_weights_given():
    y = np.random.default_rng(5).poisson(3, 36).astype(float)
    binary = contiguity_weights(6, 6)
    messy = (binary * 0.25 + sparse.identity(36) * 5).tocsr()
    assert np.array_equal(gi_star(y, messy).z, gi_star(y, binary).z)


def test_its_permutation_p_values_match_the_exact_conditional_distribution():
    # Seven units; each unit's neighbours can be enumerated: all k-subsets of the other six.
    y = np.array([0.0, 1, 2, 3, 5, 8, 13])
    w = contiguity_weights(1, 7, "rook")
    permutations = 20_000
    result = gi_star(y, w, permutations=permutations, alternative="greater", seed=6)
    k = result.n_neighbours
    lag = w @ y
    for i in range(7):
        others = np.delete(y, i)
        sums = np.array([sum(c) for c in combinations(others, int(k[i]))])
        exact = np.mean(sums >= lag[i] - 1e-9)
        estimate = result.p_sim[i] * (permutations + 1) / permutations - 1 / permutations
        tolerance = 4.5 * np.sqrt(max(exact * (1 - exact), 1e-4) / permutations)
        assert abs(estimate - exact) < tolerance, (i, estimate, exact)


def test_its_permutation_p_values_are_calibrated_on_data_with_no_pattern():
    y = np.random.default_rng(7).gamma(2.0, 1.0, 40 * 40)
    result = gi_star(y, contiguity_weights(40, 40), permutations=999, seed=8)
    false_alarms = np.mean(result.p_sim < 0.05)
    assert 0.03 < false_alarms < 0.07
    assert 0.45 < np.mean(result.p_sim < 0.5) < 0.55


def test_two_sided_p_is_the_doubled_directed_p_without_ties():
    y = np.random.default_rng(9).gamma(2.0, 1.0, 400)
    w = contiguity_weights(20, 20)
    directed = gi_star(y, w, permutations=199, seed=10, alternative="directed").p_sim
    two_sided = gi_star(y, w, permutations=199, seed=10, alternative="two-sided").p_sim
    assert np.max(np.abs(two_sided - np.minimum(1.0, 2 * directed))) < 1e-12


def test_its_draw_counts_hold_the_ties_in_both_tails_and_give_back_p_sim():
    y = np.random.default_rng(11).poisson(2, 400).astype(float)  # small counts: many ties
    w = contiguity_weights(20, 20)
    greater = gi_star(y, w, permutations=99, seed=12, alternative="greater")
    lesser = gi_star(y, w, permutations=99, seed=12, alternative="lesser")
    at_least, at_most = greater.draws_at_least, greater.draws_at_most
    assert np.array_equal(at_least, lesser.draws_at_least)
    ties = at_least + at_most - 99
    assert ties.min() >= 0 and ties.sum() > 0
    assert np.array_equal(greater.p_sim, (at_least + 1) / 100)
    assert np.array_equal(lesser.p_sim, (at_most + 1) / 100)
    assert gi_star(y, w).draws_at_least is None


def test_the_same_seed_gives_the_same_p_values_and_another_seed_does_not():
    y = np.random.default_rng(11).poisson(2, 400).astype(float)
    w = contiguity_weights(20, 20)
    first = gi_star(y, w, permutations=99, seed=12).p_sim
    assert np.array_equal(first, gi_star(y, w, permutations=99, seed=12).p_sim)
    assert not np.array_equal(first, gi_star(y, w, permutations=99, seed=13).p_sim)


def test_an_island_has_a_p_value_of_one():
    w = distance_band_weights([0, 10, 20, 5_000], [0, 0, 0, 0], 15)
    result = gi_star([1.0, 2, 3, 40], w, permutations=99, seed=14)
    assert result.n_neighbours.tolist() == [1, 2, 1, 0]
    assert result.p_sim[3] == 1.0
    assert result.draws_at_least[3] == result.draws_at_most[3] == 99  # every draw ties with it


def planted_grid(seed):
    rng = np.random.default_rng(seed)
    y = rng.poisson(3, (30, 30)).astype(float)
    y[5:9, 5:9] += rng.poisson(9, (4, 4))  # a hot cluster
    y[20:26, 20:26] = 0  # a cold one
    return y.ravel()


def test_it_finds_a_planted_hot_cluster_and_a_cold_one_after_adjustment():
    y = planted_grid(15)
    result = gi_star(y, contiguity_weights(30, 30), permutations=999, seed=16)
    classes = classify(result)
    image = classes.labels.reshape(30, 30)
    assert (image[6:8, 6:8] == HOT).all()
    assert (image[21:25, 21:25] == COLD).all()
    # Far from both clusters nothing is flagged.
    assert (image[:, 14:17] == "not significant").all()


def test_holm_flags_no_more_units_than_benjamini_hochberg():
    result = gi_star(planted_grid(17), contiguity_weights(30, 30), permutations=999, seed=18)
    bh = classify(result, adjustment="bh")
    holm = classify(result, adjustment="holm")
    assert holm.hot.sum() <= bh.hot.sum()
    assert not (holm.hot & ~bh.hot).any()
    assert (holm.p_adjusted >= bh.p_adjusted - 1e-15).all()


def test_adjustment_keeps_false_alarms_rare_where_there_is_no_pattern():
    y = np.random.default_rng(19).poisson(3, 900).astype(float)
    result = gi_star(y, contiguity_weights(30, 30), permutations=999, seed=20)
    unadjusted = classify(result, adjustment="none")
    adjusted = classify(result)
    assert unadjusted.hot.sum() + unadjusted.cold.sum() > 20
    assert adjusted.hot.sum() + adjusted.cold.sum() <= 3


def test_normal_inference_uses_the_analytic_p_values():
    result = gi_star(planted_grid(21), contiguity_weights(30, 30))
    classes = classify(result)
    assert classes.inference == "normal"
    assert np.array_equal(classes.p_values, result.p_norm)
    with pytest.raises(ValueError, match="permutations"):
        classify(result, inference="permutation")


def trend_periods(*hot_blocks, strength=None):
    """Gi* results for 10x10 grids, one per period, each hot where its blocks say."""
    w = contiguity_weights(10, 10)
    # A varied background: with only two distinct values z would not change with the
    # hot value at all (z is unchanged when every value is scaled or shifted).
    background = np.random.default_rng(22).poisson(3, 100).astype(float) + 1
    results = []
    for period, cells in enumerate(hot_blocks):
        y = background.copy()
        y[list(cells)] += 20 if strength is None else strength[period]
        results.append(gi_star(y, w))
    return results


def test_trends_tell_new_persistent_and_diminishing_hotspots_apart():
    a, b = [11, 12, 21, 22], [77, 78, 87, 88]
    periods = trend_periods(a + b, a, a)
    labels = hotspot_trends(periods, inference="normal").labels
    assert labels[11] == PERSISTENT
    assert labels[77] == NONE  # hot two periods ago only: historic, not diminishing now
    labels = hotspot_trends(periods[:2], inference="normal").labels
    assert labels[77] == DIMINISHING
    labels = hotspot_trends([periods[1], trend_periods(a + b)[0]], inference="normal").labels
    assert labels[77] == NEW
    assert labels[11] == PERSISTENT


def test_a_hotspot_that_grows_much_stronger_is_intensifying_and_a_slight_rise_is_not():
    cells = [44, 45, 54, 55]
    strong = hotspot_trends(trend_periods(cells, cells, strength=[7, 60]), inference="normal")
    assert strong.z_change[44] > strong.margin
    assert strong.labels[44] == INTENSIFYING
    slight = hotspot_trends(trend_periods(cells, cells, strength=[20, 21]), inference="normal")
    assert slight.labels[44] == PERSISTENT


def test_a_hotspot_back_after_a_gap_is_intermittent():
    cells = [44, 45, 54, 55]
    labels = hotspot_trends(trend_periods(cells, [], cells), inference="normal").labels
    assert labels[44] == INTERMITTENT
    assert labels[0] == NONE


def test_trends_need_two_periods_over_the_same_units():
    w4, w9 = contiguity_weights(2, 2), contiguity_weights(3, 3)
    with pytest.raises(ValueError, match="two periods"):
        hotspot_trends([gi_star([1.0, 2, 3, 4], w4)])
    with pytest.raises(ValueError, match="same units"):
        hotspot_trends([gi_star([1.0, 2, 3, 4], w4), gi_star(np.arange(1.0, 10), w9)])


def test_it_rejects_negative_values_and_weights_of_the_wrong_size():
    w = contiguity_weights(2, 2)
    with pytest.raises(ValueError, match="negative"):
        gi_star([1.0, -1, 2, 3], w)
    with pytest.raises(ValueError, match="weights are"):
        gi_star([1.0, 2, 3], w)
    with pytest.raises(TypeError, match="sparse"):
        gi_star([1.0, 2, 3, 4], w.toarray())


def test_a_normal_approximation_p_value_is_twice_the_upper_tail():
    result = gi_star([1.0, 2, 3, 4, 10], contiguity_weights(1, 5, "rook"))
    assert result.p_norm[4] == pytest.approx(2 * stats.norm.sf(result.z[4]), abs=1e-15)
