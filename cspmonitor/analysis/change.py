"""Change between two counts (this year against last) and rates per 1,000 residents.

Crime counts are judged with a test, not a raw percentage: 12 burglaries after 8 is a 50%
rise, and well within the play of chance. Two counts are compared with the exact conditional
(binomial) test for two Poisson counts, as R's ``poisson.test(c(x1, x2), c(t1, t2))`` does it:
given the total n = before + after, the after count is Binomial(n, p0) with
p0 = t_after / (t_before + t_after) when the underlying rates are equal, where the t are the
exposures (months covered, or residents). The confidence interval on the rate ratio comes from
the Clopper-Pearson interval on that binomial proportion, so it is exact (at least 95%
coverage) and always agrees with the test.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from scipy import stats

SIGNIFICANT_RISE = "significant rise"
SIGNIFICANT_FALL = "significant fall"
NORMAL_VARIATION = "within normal variation"


@dataclass(frozen=True)
class RateChange:
    """An exact comparison of two Poisson counts.

    `ratio` is the rate ratio after/before (per unit of exposure); `ci_low`/`ci_high` its
    exact confidence interval; `p_value` the two-sided exact p-value. When both counts are
    zero there is nothing to test: `p_value` is 1 and `ratio`, `ci_low`, `ci_high` are NaN.
    When only `before` is zero, `ratio` and `ci_high` are infinite.
    """

    before: int
    after: int
    exposure_before: float
    exposure_after: float
    ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    confidence: float

    @property
    def statistic(self) -> float:
        """The rate ratio (alias of `ratio`, for a uniform interface across statistics)."""
        return self.ratio

    @property
    def percent_change(self) -> float:
        """Change in the rate as a percentage (+50.0 means half as much again)."""
        return (self.ratio - 1.0) * 100.0

    def wording(self, alpha: float = 0.05, p_value: float | None = None) -> str:
        """Plain-English verdict; pass an adjusted `p_value` when many changes are tested."""
        return describe_change(self.p_value if p_value is None else p_value, self.ratio, alpha)


@dataclass(frozen=True)
class Rate:
    """A rate per `per` people (or other exposure) with an exact Poisson confidence interval."""

    count: int
    population: float
    per: float
    rate: float
    ci_low: float
    ci_high: float
    confidence: float

    @property
    def statistic(self) -> float:
        """The rate (alias of `rate`)."""
        return self.rate


def rate_change(
    before: int,
    after: int,
    exposure_before: float = 1.0,
    exposure_after: float = 1.0,
    *,
    confidence: float = 0.95,
) -> RateChange:
    """Compare two counts with the exact conditional binomial test for Poisson rates.

    Exposures put the counts on the same footing: months of data covered (11 months after a
    force missed one), or residents. Equal exposures (the default) compare counts directly.

    Hand check: 20 crimes then 35, equal exposures. Given 55 in all, the after count is
    Binomial(55, 1/2) under no change; P(X >= 35) = 0.0290, doubled (the null is symmetric)
    gives p = 0.058, so the 75% rise is within normal variation at the 5% level; the
    Clopper-Pearson limits on the proportion (0.4956, 0.7619) give ratio limits p/(1 - p).

    >>> change = rate_change(20, 35)
    >>> round(change.ratio, 2), round(change.p_value, 3), change.wording()
    (1.75, 0.058, 'within normal variation')
    >>> round(change.ci_low, 3), round(change.ci_high, 3)
    (0.983, 3.199)
    """
    _check_count(before, "before")
    _check_count(after, "after")
    _check_exposure(exposure_before, "exposure_before")
    _check_exposure(exposure_after, "exposure_after")
    _check_confidence(confidence)
    before, after = int(before), int(after)
    n = before + after
    if n == 0:
        # Nothing happened in either period: no evidence of change, and no ratio to estimate.
        nan = math.nan
        return RateChange(0, 0, exposure_before, exposure_after, nan, nan, nan, 1.0, confidence)
    p0 = exposure_after / (exposure_before + exposure_after)
    # binomtest's two-sided p-value sums every outcome no more likely than the one observed
    # (R's binom.test rule), which is not twice the smaller tail when p0 is not 1/2.
    test = stats.binomtest(after, n, p0)
    p_low, p_high = _clopper_pearson(after, n, confidence)
    scale = exposure_before / exposure_after
    ratio = math.inf if before == 0 else (after / exposure_after) / (before / exposure_before)
    return RateChange(
        before=before,
        after=after,
        exposure_before=exposure_before,
        exposure_after=exposure_after,
        ratio=ratio,
        ci_low=_odds(p_low) * scale,
        ci_high=_odds(p_high) * scale,
        p_value=min(1.0, float(test.pvalue)),
        confidence=confidence,
    )


def describe_change(p_value: float, ratio: float, alpha: float = 0.05) -> str:
    """Word a change as "significant rise", "significant fall" or "within normal variation".

    Use the adjusted p-value (see `multiple`) when a table tests many changes at once.

    >>> describe_change(0.01, 1.4), describe_change(0.01, 0.6), describe_change(0.2, 1.4)
    ('significant rise', 'significant fall', 'within normal variation')
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    if math.isnan(p_value) or p_value >= alpha or math.isnan(ratio) or ratio == 1:
        return NORMAL_VARIATION
    return SIGNIFICANT_RISE if ratio > 1 else SIGNIFICANT_FALL


def poisson_rate(count: int, population: float, *, per: float = 1000.0, confidence: float = 0.95) -> Rate:
    """A rate per `per` residents with the exact (Garwood) Poisson confidence interval.

    The limits for a count k are chi2(a/2; 2k)/2 and chi2(1 - a/2; 2k + 2)/2 (the lower is 0
    when k = 0), scaled by per/population. Published tables give 4.795 and 18.390 for k = 10.

    >>> r = poisson_rate(10, 5000)
    >>> r.rate, round(r.ci_low, 3), round(r.ci_high, 3)
    (2.0, 0.959, 3.678)
    """
    _check_count(count, "count")
    _check_exposure(population, "population")
    _check_confidence(confidence)
    count = int(count)
    tail = (1.0 - confidence) / 2.0
    low = 0.0 if count == 0 else float(stats.chi2.ppf(tail, 2 * count)) / 2.0
    high = float(stats.chi2.ppf(1.0 - tail, 2 * count + 2)) / 2.0
    scale = per / population
    return Rate(count, population, per, count * scale, low * scale, high * scale, confidence)


def _clopper_pearson(x: int, n: int, confidence: float) -> tuple[float, float]:
    tail = (1.0 - confidence) / 2.0
    low = 0.0 if x == 0 else float(stats.beta.ppf(tail, x, n - x + 1))
    high = 1.0 if x == n else float(stats.beta.ppf(1.0 - tail, x + 1, n - x))
    return low, high


def _odds(p: float) -> float:
    return math.inf if p >= 1.0 else p / (1.0 - p)


def _check_count(value: int, name: str) -> None:
    # bool is an int in Python; a True/False count is always a bug upstream.
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value != int(value):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")


def _check_exposure(value: float, name: str) -> None:
    if not (isinstance(value, numbers.Real) and math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive number, got {value!r}")


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
