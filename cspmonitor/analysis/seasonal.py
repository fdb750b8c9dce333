"""Seasonal baselines for "emerging issues": is this month's count out of the ordinary?

Crime is seasonal (more violence in summer, more burglary in the dark months), so a month is
compared with the *same* month (or period) in earlier years, not with last month.

Method. With b baseline values summing to S (the same period in b earlier years) and a
current count y, the question is whether the current rate exceeds the baseline rate. If all
b + 1 counts are Poisson with one common mean, then given their total n = S + y the current
count is Binomial(n, 1/(b + 1)), whatever that mean is. The one-sided p-value is
P(Binomial(n, 1/(b + 1)) >= y); a rise is flagged when it is below alpha, so the false-alarm
rate is at most alpha for every mean (it is exact, and a little conservative because counts
are whole numbers). This is the exact Poisson test of `change.rate_change` in its one-sided
form, with exposures b and 1.

Why not the plainer "upper 95% quantile of Poisson(baseline mean)"? With only three years of
baseline the mean itself is uncertain, and treating it as known raises more false alarms than
alpha promises (about 7% instead of 5% for means from 2 to 50). Conditioning on the total
removes that excess.

`upper_limit` is the largest current count that would still be "within normal variation":
the upper end of the one-sided prediction interval, convenient for charts.

Overdispersion. Real counts often vary more than Poisson between years (a hotel closes, a
team changes how it records). A quasi-Poisson dispersion phi (variance = phi x mean) can be
supplied, for instance pooled over all areas with `pooled_dispersion`, or estimated from the
series' own baseline (noisy with three years). Counts are then divided by phi before the
binomial tail is taken (with the regularised incomplete beta, which accepts non-whole
numbers). phi is never taken below 1, so a baseline that happens to look steady never makes
the check more trigger-happy. Prefer a pooled phi: on simulated counts with phi = 3, a pooled
estimate kept false alarms near 4% at alpha = 5%, while each series' own three-year estimate
(2 degrees of freedom, often far too low) let them reach about 8%, and plain Poisson 15%.

Year-to-year swings. Recorded crime also moves from year to year as a whole (a new recording
rule, a busy summer, a closed nightclub) by something like 10-15%. That spread is a share of
the mean, so its variance grows with the *square* of the mean: a quasi-Poisson phi that suits
a district's bicycle thefts is far too small for its total crime, and large series then raise
false alarms (16% of them with a 15% swing, in simulation). The negative binomial form,
variance = mean + s2 x mean^2, with s2 the squared coefficient of variation of the yearly
swing, describes both: `pooled_year_effect` estimates s2 over many series, and
``seasonal_check(..., year_effect=s2)`` uses phi = 1 + s2 x (baseline mean), so that a series
of 10 a quarter is judged nearly as Poisson and one of 1,000 allows for a swing of s.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import special

from cspmonitor.analysis.change import NORMAL_VARIATION, SIGNIFICANT_RISE


@dataclass(frozen=True)
class SeasonalCheck:
    """A current count judged against the same period in earlier years.

    `expected` is the baseline mean; `upper_limit` the largest count within normal
    variation; `p_value` the one-sided exact p-value for a rise; `dispersion` the
    quasi-Poisson factor used (1 for plain Poisson).
    """

    current: int
    baseline: tuple[int, ...]
    expected: float
    upper_limit: int
    p_value: float
    dispersion: float
    alpha: float
    baseline_periods: tuple[str, ...] = ()

    @property
    def statistic(self) -> float:
        """Current count over the baseline mean (infinite when the baseline is all zeros)."""
        if self.expected == 0:
            return math.inf if self.current else math.nan
        return self.current / self.expected

    @property
    def exceeded(self) -> bool:
        """True when the current count is a significant rise at `alpha` (unadjusted)."""
        return self.p_value < self.alpha

    def wording(self, p_value: float | None = None) -> str:
        """ "significant rise" or "within normal variation"; pass an adjusted p-value when
        many series are checked at once (see `multiple`)."""
        p = self.p_value if p_value is None else p_value
        return SIGNIFICANT_RISE if p < self.alpha else NORMAL_VARIATION


def seasonal_check(
    current: int,
    baseline: Sequence[int],
    *,
    alpha: float = 0.05,
    dispersion: float | None = 1.0,
    year_effect: float = 0.0,
) -> SeasonalCheck:
    """Judge `current` against `baseline` counts for the same period in earlier years.

    `dispersion` is 1.0 for plain Poisson, a number >= 1 to supply one (e.g. pooled), or
    None to estimate it from the baseline. `year_effect` (s2, see `pooled_year_effect`) adds
    s2 x (baseline mean) to it, for swings from year to year that grow with the mean.

    Hand check: baseline 10, 12, 8 (mean 10) and 18 now. Given the total 48, the current
    count is Binomial(48, 1/4) if nothing changed: P(X >= 18) = 0.0374, a significant rise
    at 5%. P(X >= 17) = 0.0587 for a current 17 (total 47), so 17 is the upper limit.

    >>> check = seasonal_check(18, [10, 12, 8])
    >>> round(check.p_value, 4), check.upper_limit, check.wording()
    (0.0374, 17, 'significant rise')
    """
    counts = [_whole(value, "baseline count") for value in baseline]
    current = _whole(current, "current count")
    if not counts:
        raise ValueError("a seasonal check needs at least one baseline period")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    phi = estimate_dispersion(counts) if dispersion is None else float(dispersion)
    if not (math.isfinite(phi) and phi > 0):
        raise ValueError(f"dispersion must be a positive number, got {dispersion!r}")
    if not (math.isfinite(year_effect) and year_effect >= 0):
        raise ValueError(f"year_effect must be a number >= 0, got {year_effect!r}")
    total = sum(counts)
    b = len(counts)
    phi = max(phi, 1.0) + year_effect * total / b
    p_value = float(_rise_p_values(np.array([current]), total, b, phi)[0])
    return SeasonalCheck(
        current=current,
        baseline=tuple(counts),
        expected=total / b,
        upper_limit=_upper_limit(total, b, phi, alpha),
        p_value=p_value,
        dispersion=phi,
        alpha=alpha,
    )


def seasonal_check_series(
    series: Mapping[str, int],
    month: str,
    *,
    years: int = 3,
    months: int = 1,
    alpha: float = 0.05,
    dispersion: float | None = 1.0,
    year_effect: float = 0.0,
) -> SeasonalCheck:
    """Check the period of `months` months ending at `month` ("YYYY-MM") in a monthly series.

    `series` maps "YYYY-MM" to a count; a month that is absent is *missing* (police.uk
    coverage gaps), which is not the same as a zero. The baseline is the same period in each
    of the `years` previous years; a baseline year with any month missing is left out (and
    `baseline_periods` says which were used). A missing month in the current period is an
    error, because a partial period would look like a fall.

    >>> series = {"2021-07": 10, "2022-07": 12, "2023-07": 8, "2024-07": 18}
    >>> seasonal_check_series(series, "2024-07").baseline_periods
    ('2021-07', '2022-07', '2023-07')
    """
    if years < 1 or months < 1:
        raise ValueError("years and months must be at least 1")
    current_months = _period(month, months)
    missing = [m for m in current_months if m not in series]
    if missing:
        raise ValueError(f"the current period has no data for {', '.join(missing)}")
    baseline: list[int] = []
    used: list[str] = []
    for back in range(years, 0, -1):
        period = _period(_shift(month, -12 * back), months)
        if all(m in series for m in period):
            baseline.append(sum(_whole(series[m], "count") for m in period))
            used.append(period[-1] if months == 1 else f"{period[0]} to {period[-1]}")
    if not baseline:
        raise ValueError(f"no earlier year has complete data for the period ending {month}")
    current = sum(_whole(series[m], "count") for m in current_months)
    check = seasonal_check(current, baseline, alpha=alpha, dispersion=dispersion, year_effect=year_effect)
    return replace(check, baseline_periods=tuple(used))


def estimate_dispersion(baseline: Sequence[int]) -> float:
    """Quasi-Poisson dispersion from one baseline: Pearson chi-square / (b - 1), at least 1.

    With fewer than two values, or an all-zero baseline, there is no information and 1.0 is
    returned.

    >>> estimate_dispersion([10, 20, 30])  # sum of (x - 20)^2 / 20 is 10, over 2
    5.0
    """
    return pooled_dispersion([baseline])


def pooled_dispersion(baselines: Sequence[Sequence[int]]) -> float:
    """Dispersion pooled over many series (say, every LSOA for one crime type), at least 1.

    Adds up each series' Pearson chi-square around its own mean and divides by the total
    degrees of freedom; far steadier than one three-year baseline on its own.

    >>> pooled_dispersion([[10, 20, 30], [5, 5, 5]])  # (10 + 0) / (2 + 2)
    2.5
    """
    chi_square = 0.0
    freedom = 0
    for series in baselines:
        values = np.asarray(series, dtype=float)
        mean = values.mean() if values.size else 0.0
        if values.size < 2 or mean == 0:
            continue
        chi_square += float(((values - mean) ** 2 / mean).sum())
        freedom += values.size - 1
    return max(1.0, chi_square / freedom) if freedom else 1.0


def pooled_year_effect(baselines: Sequence[Sequence[int]], guess: float = 0.02) -> float:
    """The squared coefficient of variation of year-to-year swings, pooled over series, >= 0.

    If each year's count is Poisson around mean x (1 + a swing of variance s2), a series has
    variance mean + s2 x mean^2, so each series' (sample variance - mean) / mean^2 estimates
    s2. These are averaged with weights df / (1 / mean + guess)^2, each estimate's inverse
    variance up to a constant: small series, where Poisson noise swamps the swing, count
    little, and large ones count alike rather than by mean^2 (a partnership total, the sum
    of many series whose swings partly cancel, would otherwise decide the estimate alone).
    Series with fewer than two values or a mean of 0 tell nothing; no information gives 0.

    Hand check with guess 0: (400 - 100) / 100^2 = 0.03 with weight 2 x 100^2, and
    (0 - 10) / 10^2 = -0.1 with weight 2 x 10^2: (600 - 20) / 20,200 = 0.0287.

    >>> round(pooled_year_effect([[100, 120, 80], [10, 10, 10]], guess=0), 4)
    0.0287
    """
    total = weights = 0.0
    for series in baselines:
        values = np.asarray(series, dtype=float)
        mean = values.mean() if values.size else 0.0
        if values.size < 2 or mean <= 0:
            continue
        weight = (values.size - 1) / (1.0 / mean + guess) ** 2
        total += weight * (values.var(ddof=1) - mean) / mean**2
        weights += weight
    return max(0.0, float(total / weights)) if weights > 0 else 0.0


def _rise_p_values(current: np.ndarray, total: int, b: int, phi: float) -> np.ndarray:
    # P(Binomial(n, q) >= y) = I_q(y, n - y + 1), the regularised incomplete beta, which also
    # works for the non-whole "effective counts" y/phi and n/phi used under overdispersion.
    y = current / phi
    n = (total + current) / phi
    q = 1.0 / (b + 1)
    with np.errstate(invalid="ignore"):
        tail = special.betainc(np.maximum(y, 1e-300), n - y + 1.0, q)
    return np.where(current <= 0, 1.0, tail)


def _upper_limit(total: int, b: int, phi: float, alpha: float) -> int:
    # The p-value falls as the current count rises (for a fixed baseline), so the limit is
    # the last count before the first flagged one. Search a range that is sure to contain it.
    mean = total / b
    span = int(mean + 20.0 * math.sqrt(phi * (mean + 1.0)) + 50.0 * phi)
    if _rise_p_values(np.array([span]), total, b, phi)[0] >= alpha:
        return span
    low, high = -1, span  # p(low) >= alpha (or low is below every count), p(high) < alpha
    while high - low > 1:
        # Bisection, not a scan: a large series with a large dispersion has a span of 10^5.
        middle = (low + high) // 2
        if _rise_p_values(np.array([middle]), total, b, phi)[0] < alpha:
            high = middle
        else:
            low = middle
    return high - 1


def _period(month: str, months: int) -> list[str]:
    return [_shift(month, -k) for k in range(months - 1, -1, -1)]


def _shift(month: str, by: int) -> str:
    try:
        year, number = int(month[:4]), int(month[5:7])
    except ValueError:
        raise ValueError(f"month must be YYYY-MM, got {month!r}") from None
    if len(month) != 7 or month[4] != "-" or not 1 <= number <= 12:
        raise ValueError(f"month must be YYYY-MM, got {month!r}")
    index = year * 12 + (number - 1) + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _whole(value: int, name: str) -> int:
    if isinstance(value, bool) or value != int(value) or value < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    return int(value)
