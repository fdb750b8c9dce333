import math
from math import comb

import numpy as np
import pytest
from scipy import stats

from cspmonitor.analysis.change import describe_change, poisson_rate, rate_change


def binomial_pmf(k: int, n: int, p: float) -> float:
    return comb(n, k) * p**k * (1 - p) ** (n - k)


def two_sided_binomial_p(x: int, n: int, p: float) -> float:
    """R's binom.test rule, written out: add every outcome no more likely than x."""
    observed = binomial_pmf(x, n, p)
    return min(
        1.0,
        sum(binomial_pmf(k, n, p) for k in range(n + 1) if binomial_pmf(k, n, p) <= observed * (1 + 1e-7)),
    )


def clopper_pearson_by_bisection(x: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Exact limits found by bisection on binomial tail sums (no beta quantiles)."""
    tail = (1 - level) / 2

    def solve(f, target, rising):
        low, high = 0.0, 1.0
        for _ in range(100):
            mid = (low + high) / 2
            if (f(mid) < target) == rising:
                low = mid
            else:
                high = mid
        return (low + high) / 2

    upper_tail = lambda p: sum(binomial_pmf(k, n, p) for k in range(x, n + 1))  # noqa: E731
    lower_tail = lambda p: sum(binomial_pmf(k, n, p) for k in range(x + 1))  # noqa: E731
    p_low = 0.0 if x == 0 else solve(upper_tail, tail, True)
    p_high = 1.0 if x == n else solve(lower_tail, tail, False)
    return p_low, p_high


def test_it_reproduces_the_hand_worked_example():
    change = rate_change(20, 35)
    assert change.ratio == pytest.approx(1.75, abs=1e-12)
    # Under no change the after count is Binomial(55, 1/2); the null is symmetric.
    by_hand = 2 * sum(binomial_pmf(k, 55, 0.5) for k in range(35, 56))
    assert change.p_value == pytest.approx(by_hand, rel=1e-9)
    assert change.p_value == pytest.approx(0.0581, abs=5e-5)
    assert change.percent_change == pytest.approx(75.0, abs=1e-9)


def test_it_reproduces_the_example_in_the_r_documentation_of_poisson_test():
    # ?poisson.test: poisson.test(c(11, 6 + 8 + 7), c(800, 1083 + 1050 + 878)) reports
    # rate ratio 1.971488 and p-value 0.07967. Here 21 is "before" and 11 is "after".
    change = rate_change(21, 11, 1083 + 1050 + 878, 800)
    assert change.ratio == pytest.approx(1.971488, abs=1e-6)
    assert change.p_value == pytest.approx(0.07967, abs=1e-5)


@pytest.mark.parametrize(
    ("before", "after", "t_before", "t_after"),
    [(20, 35, 1, 1), (21, 11, 3011, 800), (7, 0, 12, 11), (3, 40, 1, 2), (150, 130, 1, 1)],
)
def test_it_agrees_with_scipy_binomtest_and_an_explicit_sum(before, after, t_before, t_after):
    change = rate_change(before, after, t_before, t_after)
    n, p0 = before + after, t_after / (t_before + t_after)
    assert change.p_value == pytest.approx(stats.binomtest(after, n, p0).pvalue, rel=1e-9)
    assert change.p_value == pytest.approx(two_sided_binomial_p(after, n, p0), rel=1e-6)


@pytest.mark.parametrize(("before", "after"), [(20, 35), (21, 11), (5, 0), (0, 4), (60, 61)])
def test_its_interval_is_the_clopper_pearson_interval_turned_into_a_ratio(before, after):
    t_before, t_after = 12.0, 11.0
    change = rate_change(before, after, t_before, t_after)
    p_low, p_high = clopper_pearson_by_bisection(after, before + after)
    odds = lambda p: math.inf if p == 1 else p / (1 - p)  # noqa: E731
    assert change.ci_low == pytest.approx(odds(p_low) * t_before / t_after, rel=1e-6, abs=1e-12)
    assert change.ci_high == pytest.approx(odds(p_high) * t_before / t_after, rel=1e-6)


def test_its_interval_covers_the_true_ratio_at_least_95_percent_of_the_time():
    rng = np.random.default_rng(20230331)
    true_ratio, trials = 1.3, 1000
    before = rng.poisson(25.0, trials)
    after = rng.poisson(25.0 * true_ratio, trials)
    changes = [rate_change(int(b), int(a)) for b, a in zip(before, after, strict=True)]
    covered = sum(c.ci_low <= true_ratio <= c.ci_high for c in changes)
    # Exact intervals are conservative; allow 3 binomial standard errors below 95%.
    assert covered / trials >= 0.95 - 3 * math.sqrt(0.95 * 0.05 / trials)


def test_it_does_not_test_zero_against_zero():
    change = rate_change(0, 0)
    assert change.p_value == 1.0
    assert math.isnan(change.ratio) and math.isnan(change.ci_low) and math.isnan(change.ci_high)
    assert change.wording() == "within normal variation"


def test_it_handles_a_rise_from_zero_honestly():
    change = rate_change(0, 5)
    assert change.ratio == math.inf and change.ci_high == math.inf
    assert change.ci_low > 0
    assert change.p_value == pytest.approx(2 * 0.5**5, abs=1e-12)
    assert change.wording() == "within normal variation"


def test_it_allows_for_a_missing_month_through_the_exposures():
    # 110 crimes in 11 months is the same rate as 120 in 12: no change at all.
    change = rate_change(120, 110, exposure_before=12, exposure_after=11)
    assert change.ratio == pytest.approx(1.0, abs=1e-12)
    assert change.p_value == pytest.approx(1.0, abs=1e-9)


def test_it_words_significant_rises_and_falls_and_uses_an_adjusted_p_value():
    assert rate_change(100, 150).wording() == "significant rise"
    assert rate_change(150, 100).wording() == "significant fall"
    assert rate_change(100, 110).wording() == "within normal variation"
    assert rate_change(100, 150).wording(p_value=0.2) == "within normal variation"
    assert describe_change(0.049, 1.2, alpha=0.05) == "significant rise"
    assert describe_change(0.05, 1.2, alpha=0.05) == "within normal variation"


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [(-1, 3, "negative"), (2.5, 3, "whole number"), (True, 3, "whole number")],
)
def test_it_rejects_counts_that_are_not_counts(before, after, message):
    with pytest.raises(ValueError, match=message):
        rate_change(before, after)


def test_it_rejects_a_zero_exposure():
    with pytest.raises(ValueError, match="positive"):
        rate_change(3, 4, exposure_before=0)


@pytest.mark.parametrize(
    ("count", "low", "high"),
    # Garwood (1936) exact 95% limits for a Poisson count, as printed in standard tables.
    [(0, 0.0, 3.689), (1, 0.0253, 5.572), (10, 4.795, 18.390), (25, 16.18, 36.90)],
)
def test_it_gives_the_garwood_limits_for_a_rate(count, low, high):
    rate = poisson_rate(count, 1000)  # per 1,000 residents of 1,000 is the count itself
    assert rate.rate == count
    assert rate.ci_low == pytest.approx(low, abs=6e-3)
    assert rate.ci_high == pytest.approx(high, abs=6e-3)


def test_it_scales_a_rate_to_per_1000_residents():
    rate = poisson_rate(45, 92_723)  # Babergh mid-2021 population
    assert rate.rate == pytest.approx(45 / 92_723 * 1000, rel=1e-12)
    assert rate.ci_low < rate.rate < rate.ci_high
    assert rate.ci_low * 92_723 / 1000 == pytest.approx(stats.chi2.ppf(0.025, 90) / 2, rel=1e-9)


def test_its_rate_interval_covers_the_true_rate_at_least_95_percent_of_the_time():
    rng = np.random.default_rng(7)
    trials, mean = 4000, 6.5
    counts = rng.poisson(mean, trials)
    rates = [poisson_rate(int(c), 1000) for c in counts]
    covered = sum(r.ci_low <= mean <= r.ci_high for r in rates)
    assert covered / trials >= 0.95 - 3 * math.sqrt(0.95 * 0.05 / trials)
