import math
from math import comb

import numpy as np
import pytest
from scipy import stats

from cspmonitor.analysis.multiple import holm
from cspmonitor.analysis.seasonal import (
    estimate_dispersion,
    pooled_dispersion,
    pooled_year_effect,
    seasonal_check,
    seasonal_check_series,
)

ALPHA = 0.05


def binomial_upper_tail(y: int, n: int, q: float) -> float:
    return sum(comb(n, k) * q**k * (1 - q) ** (n - k) for k in range(y, n + 1))


def most_alarms_allowed(trials: int, alpha: float) -> int:
    """Alarms that chance alone exceeds only 1 time in 1,000 if the true rate were alpha."""
    return int(stats.binom.ppf(0.999, trials, alpha))


def test_it_reproduces_the_hand_worked_example():
    check = seasonal_check(18, [10, 12, 8])
    # Given the total of 48, the current count is Binomial(48, 1/4) if nothing changed.
    assert check.p_value == pytest.approx(binomial_upper_tail(18, 48, 0.25), rel=1e-9)
    assert check.expected == pytest.approx(10.0, abs=1e-12)
    assert check.upper_limit == 17
    assert binomial_upper_tail(17, 47, 0.25) >= ALPHA > binomial_upper_tail(18, 48, 0.25)
    assert check.exceeded and check.wording() == "significant rise"
    assert check.statistic == pytest.approx(1.8, abs=1e-12)


def test_its_upper_limit_is_the_last_count_within_normal_variation():
    for baseline in ([0, 0, 0], [3, 1, 2], [40, 55, 47], [400, 380, 420]):
        check = seasonal_check(0, baseline)
        assert not seasonal_check(check.upper_limit, baseline).exceeded
        assert seasonal_check(check.upper_limit + 1, baseline).exceeded


def test_it_flags_at_most_twice_in_a_row_when_the_baseline_is_all_zeros():
    # q = 1/4: P(first y all fall in the current period) = 0.25^y; 0.0625 >= 0.05 > 0.0156.
    assert seasonal_check(0, [0, 0, 0]).upper_limit == 2
    assert seasonal_check(3, [0, 0, 0]).p_value == pytest.approx(0.25**3, rel=1e-9)


def test_it_finds_a_planted_rise():
    rng = np.random.default_rng(42)
    baseline = rng.poisson(20.0, 3).tolist()
    assert seasonal_check(int(rng.poisson(40.0)), baseline).wording() == "significant rise"
    # And across many series, a doubling is found nearly every time.
    means = rng.uniform(15, 60, 500)
    found = [seasonal_check(int(rng.poisson(2 * m)), rng.poisson(m, 3).tolist()).exceeded for m in means]
    assert np.mean(found) > 0.9


def test_its_false_alarm_rate_on_poisson_data_stays_within_alpha():
    rng = np.random.default_rng(20240601)
    trials = 5000
    means = rng.uniform(0.5, 80.0, trials)
    counts = rng.poisson(means[:, None], (trials, 4))
    alarms = sum(seasonal_check(int(c[3]), c[:3].tolist()).exceeded for c in counts)
    assert alarms <= most_alarms_allowed(trials, ALPHA)


@pytest.mark.parametrize("mean", [0.5, 2.0, 10.0, 35.0])
def test_its_exact_false_alarm_rate_is_at_most_alpha(mean):
    # Sum over every possible baseline total S ~ Poisson(3 * mean) of P(current > limit(S)).
    totals = np.arange(int(3 * mean + 12 * math.sqrt(3 * mean) + 20))
    rate = sum(
        stats.poisson.pmf(s, 3 * mean) * stats.poisson.sf(seasonal_check(0, [int(s), 0, 0]).upper_limit, mean)
        for s in totals
    )
    assert rate <= ALPHA
    # A plug-in Poisson quantile from the baseline mean would break the promise:
    naive = sum(
        stats.poisson.pmf(s, 3 * mean) * stats.poisson.sf(stats.poisson.ppf(0.95, s / 3), mean)
        for s in totals
    )
    assert mean < 1 or naive > ALPHA


def test_a_pooled_dispersion_keeps_false_alarms_within_alpha_on_overdispersed_data():
    rng = np.random.default_rng(99)
    trials, phi = 4000, 3.0
    means = rng.uniform(5.0, 60.0, trials)
    size = means / (phi - 1.0)  # negative binomial with variance phi * mean
    counts = rng.negative_binomial(size[:, None], (size / (size + means))[:, None], (trials, 4))
    pooled = pooled_dispersion(counts[:, :3].tolist())
    assert pooled == pytest.approx(phi, rel=0.15)
    plain = sum(seasonal_check(int(c[3]), c[:3].tolist()).exceeded for c in counts)
    adjusted = sum(seasonal_check(int(c[3]), c[:3].tolist(), dispersion=pooled).exceeded for c in counts)
    assert plain > 2 * most_alarms_allowed(trials, ALPHA)  # plain Poisson cries wolf
    # quasi-Poisson scaling is an approximation, so allow a little over alpha (6%).
    assert adjusted <= most_alarms_allowed(trials, 0.06)


def test_it_estimates_dispersion_from_one_baseline_and_never_below_one():
    assert estimate_dispersion([10, 20, 30]) == pytest.approx(5.0, abs=1e-12)
    assert estimate_dispersion([10, 10, 10]) == 1.0
    assert estimate_dispersion([0, 0, 0]) == 1.0
    assert seasonal_check(25, [10, 20, 30], dispersion=None).dispersion == pytest.approx(5.0)


def test_overdispersion_only_widens_the_limit():
    assert (
        seasonal_check(0, [10, 20, 30], dispersion=None).upper_limit
        > seasonal_check(0, [10, 20, 30]).upper_limit
    )
    assert seasonal_check(0, [10, 11, 9], dispersion=0.2).dispersion == 1.0


def test_it_compares_a_month_with_the_same_month_in_earlier_years():
    series = {f"{year}-{month:02d}": 10 for year in range(2020, 2025) for month in range(1, 13)}
    series["2024-07"] = 30
    series["2023-06"] = 500  # a different month must not affect July's baseline
    check = seasonal_check_series(series, "2024-07", years=3)
    assert check.baseline == (10, 10, 10)
    assert check.baseline_periods == ("2021-07", "2022-07", "2023-07")
    assert check.wording() == "significant rise"


def test_it_sums_a_quarter_and_its_baselines():
    series = {f"{year}-{month:02d}": month for year in range(2021, 2025) for month in range(1, 13)}
    check = seasonal_check_series(series, "2024-03", years=2, months=3)
    assert check.current == 1 + 2 + 3
    assert check.baseline == (6, 6)
    assert check.baseline_periods == ("2022-01 to 2022-03", "2023-01 to 2023-03")


def test_it_leaves_out_a_baseline_year_with_a_missing_month():
    series = {"2021-07": 10, "2023-07": 12, "2024-07": 11}  # 2022-07 not published
    check = seasonal_check_series(series, "2024-07")
    assert check.baseline == (10, 12)


def test_it_treats_a_zero_as_data_and_a_missing_month_as_missing():
    assert seasonal_check_series({"2023-07": 0, "2024-07": 3}, "2024-07").baseline == (0,)
    with pytest.raises(ValueError, match="no data for 2024-07"):
        seasonal_check_series({"2023-07": 5}, "2024-07")
    with pytest.raises(ValueError, match="no earlier year"):
        seasonal_check_series({"2024-07": 5}, "2024-07")


def test_it_words_an_adjusted_p_value():
    checks = [seasonal_check(c, [10, 12, 8]) for c in (18, 11, 9, 10, 12)]
    adjusted = holm([c.p_value for c in checks])
    assert checks[0].wording() == "significant rise"
    assert checks[0].wording(p_value=adjusted[0]) == "within normal variation"


def test_it_rejects_impossible_inputs():
    with pytest.raises(ValueError, match="at least one baseline"):
        seasonal_check(3, [])
    with pytest.raises(ValueError, match="whole number"):
        seasonal_check(-1, [3])
    with pytest.raises(ValueError, match="YYYY-MM"):
        seasonal_check_series({"2024-07": 1}, "2024-13")


def test_the_pooled_year_effect_recovers_a_15_percent_swing_from_many_short_series():
    rng = np.random.default_rng(31)
    means = rng.uniform(20, 2000, 400)
    swings = np.exp(rng.normal(0, 0.15, (400, 4)))
    baselines = rng.poisson(means[:, None] * swings)
    assert pooled_year_effect(baselines.tolist()) == pytest.approx(np.exp(0.15**2) - 1, rel=0.2)
    assert pooled_year_effect(rng.poisson(means[:, None] * np.ones((400, 4))).tolist()) < 0.002


def test_a_year_effect_widens_the_limit_of_a_large_series_far_more_than_of_a_small_one():
    small = seasonal_check(12, [10, 10, 10], year_effect=0.02)
    large = seasonal_check(1200, [1000, 1000, 1000], year_effect=0.02)
    assert small.dispersion == pytest.approx(1.2) and large.dispersion == pytest.approx(21)
    assert large.p_value > 0.05  # a 20% rise is within a 14% yearly swing
    assert seasonal_check(1200, [1000, 1000, 1000]).p_value < 1e-6  # but not within Poisson noise
