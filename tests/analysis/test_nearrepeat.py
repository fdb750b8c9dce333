import doctest
from datetime import date, timedelta

import numpy as np
import pytest
from scipy import stats

from cspmonitor.analysis import nearrepeat
from cspmonitor.analysis.nearrepeat import band_index, knox_test

DISTANCES = [0, 100, 200, 300, 400, 500]
TIMES = [0, 7, 14, 21, 28, 35]


def random_events(n, seed, side=3_000.0, days=365):
    rng = np.random.default_rng(seed)
    # Whole metres and whole days put many pairs exactly on a band edge.
    return (
        rng.integers(0, side, n).astype(float),
        rng.integers(0, side, n).astype(float),
        rng.integers(0, days, n),
    )


def all_pairs_table(x, y, t, sds, tds, metric="manhattan", right=False, include_lowest=False):
    """The O(n^2) count, as NearRepeat does it: every pair's distance and time apart, with
    R's dist() formulas (|dx| + |dy|, or sqrt(dx * dx + dy * dy)) and R's cut()."""
    i, j = np.triu_indices(len(x), k=1)
    dx, dy = x[i] - x[j], y[i] - y[j]
    d = np.abs(dx) + np.abs(dy) if metric == "manhattan" else np.sqrt(dx * dx + dy * dy)
    s_band = band_index(d, sds, right, include_lowest)
    t_band = band_index(np.abs(t[i] - t[j]), tds, right, include_lowest)
    ok = (s_band >= 0) & (t_band >= 0)
    table = np.zeros((len(sds) - 1, len(tds) - 1), dtype=int)
    np.add.at(table, (s_band[ok], t_band[ok]), 1)
    return table


def test_its_docstring_examples_give_the_figures_they_show():
    failed, attempted = doctest.testmod(nearrepeat)
    assert attempted > 0
    assert failed == 0


@pytest.mark.parametrize("metric", ["manhattan", "euclidean"])
@pytest.mark.parametrize("right,include_lowest", [(False, False), (False, True), (True, False), (True, True)])
def test_observed_pairs_equal_a_direct_count_of_all_pairs(metric, right, include_lowest):
    x, y, t = random_events(300, seed=1)
    result = knox_test(
        x,
        y,
        t,
        DISTANCES,
        TIMES,
        permutations=9,
        seed=2,
        metric=metric,
        right=right,
        include_lowest=include_lowest,
    )
    expected = all_pairs_table(x, y, t, DISTANCES, TIMES, metric, right, include_lowest)
    assert np.array_equal(result.observed, expected)
    assert expected.sum() > 100


def test_an_open_ended_last_distance_band_counts_every_far_pair():
    x, y, t = random_events(300, seed=3)
    sds, tds = [0, 0.001, 150, np.inf], [0, 10, 30, np.inf]
    for right in (False, True):
        result = knox_test(x, y, t, sds, tds, permutations=19, seed=4, right=right)
        assert np.array_equal(result.observed, all_pairs_table(x, y, t, sds, tds, right=right))
        # Every pair is in some time band, so each permuted table also holds every pair
        # apart from those at distance 0 under right=True.
        assert result.expected.sum() == pytest.approx(result.observed.sum(), abs=1e-9)
    assert result.distance_labels == ("(0,0.001]", "(0.001,150]", "(150,Inf]")


def test_it_cuts_bands_as_nearrepeat_does_by_default():
    # Two events exactly 100 m and 7 days apart: [0,100) x [0,7) misses them, the next cells hold them.
    result = knox_test([0, 100], [0, 0], [0, 7], [0, 100, 200], [0, 7, 14], permutations=9, seed=5)
    assert result.observed.tolist() == [[0, 0], [0, 1]]
    assert result.distance_labels == ("[0,100)", "[100,200)")
    assert result.time_labels == ("[0,7)", "[7,14)")


def test_right_closed_bands_drop_same_place_same_day_pairs_unless_lowest_is_included():
    args = ([5, 5], [5, 5], [3, 3], [0, 100], [0, 7])
    assert knox_test(*args, permutations=9, right=True).observed.tolist() == [[0]]
    assert knox_test(*args, permutations=9, right=True, include_lowest=True).observed.tolist() == [[1]]


def test_pairs_beyond_the_last_time_band_do_not_count():
    result = knox_test([0, 10, 20], [0, 0, 0], [0, 5, 100], [0, 100], [0, 7, 14], permutations=9)
    assert result.observed.tolist() == [[1, 0]]


def near_repeat_events(seed):
    """Background burglaries plus follow-ups within 50 m and a few days of some of them."""
    rng = np.random.default_rng(seed)
    n = 1_500
    x, y = rng.uniform(0, 5_000, n), rng.uniform(0, 5_000, n)
    t = rng.integers(0, 365, n)
    sources = rng.choice(n, 150, replace=False)
    x = np.concatenate([x, x[sources] + rng.uniform(-25, 25, 150)])
    y = np.concatenate([y, y[sources] + rng.uniform(-25, 25, 150)])
    t = np.concatenate([t, t[sources] + rng.integers(0, 7, 150)])
    return x, y, t


def test_a_planted_near_repeat_pattern_is_found_in_the_closest_cells_only():
    x, y, t = near_repeat_events(6)
    result = knox_test(x, y, t, DISTANCES, TIMES, permutations=199, seed=7)
    assert result.ratio[0, 0] > 3
    assert result.ratio_median[0, 0] > 3
    assert result.p_values[0, 0] < 0.01
    # Far from the planted pairs in both space and time, the ratio is near 1.
    assert result.ratio[3:, 2:].mean() == pytest.approx(1.0, abs=0.15)


def test_its_p_values_give_the_nominal_false_alarm_rate_when_space_and_time_are_unrelated():
    # 200 independent data sets, one cell each (cells of one table share pairs, so are not independent).
    p_values = []
    for seed in range(200):
        x, y, t = random_events(150, seed=100 + seed, side=2_000, days=120)
        p_values.append(knox_test(x, y, t, [0, 400], [0, 30], permutations=99, seed=seed).p_values[0, 0])
    p_values = np.array(p_values)
    alarms = int(np.sum(p_values <= 0.05))
    assert alarms <= stats.binom.ppf(0.999, 200, 0.05)
    assert alarms >= stats.binom.ppf(0.001, 200, 0.05)
    assert 0.35 < np.mean(p_values <= 0.5) < 0.65


def test_the_knox_ratio_is_observed_over_the_mean_of_the_shuffles():
    x, y, t = random_events(400, seed=8)
    result = knox_test(x, y, t, DISTANCES, TIMES, permutations=49, seed=9)
    assert np.allclose(result.ratio, result.observed / result.expected, equal_nan=True)
    assert result.p_values.min() >= 1 / 50
    assert result.p_values.max() <= 1.0
    assert result.permutations == 49


def test_dates_give_the_same_table_as_day_numbers():
    x, y, t = random_events(200, seed=10)
    dates = [date(2023, 4, 1) + timedelta(days=int(d)) for d in t]
    by_date = knox_test(x, y, dates, DISTANCES, TIMES, permutations=19, seed=11)
    by_day = knox_test(x, y, t, DISTANCES, TIMES, permutations=19, seed=11)
    assert np.array_equal(by_date.observed, by_day.observed)
    assert np.array_equal(by_date.p_values, by_day.p_values)


def test_events_with_no_location_or_date_are_left_out_and_counted():
    result = knox_test(
        [0, 10, np.nan, 30], [0, 0, 0, 0], [1.0, 2.0, 3.0, np.nan], [0, 100], [0, 7], permutations=9
    )
    assert (result.n_events, result.n_dropped) == (2, 2)
    assert result.observed.tolist() == [[1]]


def test_the_same_seed_gives_the_same_p_values():
    x, y, t = random_events(300, seed=12)
    a = knox_test(x, y, t, DISTANCES, TIMES, permutations=39, seed=13)
    b = knox_test(x, y, t, DISTANCES, TIMES, permutations=39, seed=13)
    assert np.array_equal(a.p_values, b.p_values)


def test_it_rejects_bad_breaks():
    with pytest.raises(ValueError, match="increasing"):
        knox_test([0, 1], [0, 1], [0, 1], [0, 200, 100], [0, 7])
    with pytest.raises(ValueError, match="only the last"):
        knox_test([0, 1], [0, 1], [0, 1], [0, np.inf, np.inf], [0, 7])
    with pytest.raises(ValueError, match="2 permutations"):
        knox_test([0, 1], [0, 1], [0, 1], [0, 100], [0, 7], permutations=1)


@pytest.mark.parametrize("metric", ["manhattan", "euclidean"])
@pytest.mark.parametrize("open_ended", [False, True])
def test_pairs_exactly_on_a_break_in_fractional_units_fall_in_nearrepeats_band(metric, open_ended):
    # Tenths of a metre and of a day: 0.3 - 0.1 is 0.19999999999999998 in floating point,
    # while 0.1 + 0.2 is 0.30000000000000004, so counting by sums instead of each pair's own
    # difference moved hundreds of pairs across a break when the last band was open.
    rng = np.random.default_rng(21)
    n = 300
    x = rng.integers(0, 1500, n) * 0.1 + 600_000.1
    y = rng.integers(0, 1500, n) * 0.1 + 240_000.3
    t = rng.integers(0, 40, n) * 0.1 + 0.1
    sds = [0, 10, 20, np.inf] if open_ended else [0, 10, 20.1]
    tds = [0, 0.3, 0.7, np.inf] if open_ended else [0, 0.2, 0.3, 1.1]
    result = knox_test(x, y, t, sds, tds, permutations=2, seed=22, metric=metric)
    assert np.array_equal(result.observed, all_pairs_table(x, y, t, sds, tds, metric))
    assert result.observed.sum() > 500


def test_a_pair_100_m_apart_by_rs_formula_is_where_nearrepeat_puts_it():
    # np.hypot gives exactly 100.0 for this pair; R's sqrt(dx^2 + dy^2) 99.99999999999999.
    dx, dy = 1.2683730166745133, 99.99195582590917
    assert np.hypot(dx, dy) == 100.0 and np.sqrt(dx * dx + dy * dy) < 100.0
    result = knox_test([0, dx], [0, dy], [0, 1], [0, 100, 200], [0, 7], permutations=2, metric="euclidean")
    assert result.observed[:, 0].tolist() == [1, 0]


def test_whole_metres_exactly_100_m_apart_are_in_the_band_from_100():
    # 60 and 80 metres apart: 100 m exactly, in [100, 200) as R's cut(right = FALSE) has it.
    result = knox_test([0, 60], [0, 80], [3, 3], [0, 100, 200], [0, 1], permutations=2, metric="euclidean")
    assert result.observed[:, 0].tolist() == [0, 1]
