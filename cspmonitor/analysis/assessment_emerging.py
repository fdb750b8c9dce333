"""Emerging issues for the strategic assessment: a rise in the last three months, per series.

Each crime type in each area (and in the partnership as a whole) is judged on the year's last
three months against the same three months in up to three earlier years (`seasonal`), and
Benjamini–Hochberg controls false discoveries across every series judged.

Counts swing from year to year by more than Poisson noise, and by more the larger the series
(a 15% swing is 2 crimes in a series of 12, 150 in one of 1,000). The check allows for that
with a negative binomial dispersion, variance = mean + s2 x mean^2, where s2 is estimated
once from every crime type in every district over the baseline years and the current one
(`seasonal.pooled_year_effect`). Not below `MIN_YEAR_EFFECT`: a few years say little about
the swing, and an estimate that happens to come out near zero would let every large series
raise false alarms. On simulated partnerships with a 15% swing and no real change, 6.6% of
1,000 assessments raise any emerging issue (issue 16 measured 32% with the pooled
quasi-Poisson dispersion used before); a 50% rise in one district's crime type is found in
12% (about 30 a quarter), 18% (about 110) and 25% (about 1,500) of 300: a swing of 15%
hides much of a 50% rise in one quarter.

`FALSE_ALARM_SENTENCE` says in one sentence what "emerging" means and how often it is raised by
chance; the rate in it is measured by `synthetic_emerging` (and checked by the tests and
``make bench``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cspmonitor.analysis.assessment_counts import MonthlyCounts
from cspmonitor.analysis.multiple import benjamini_hochberg
from cspmonitor.analysis.names import ALL_AREAS, ALL_TYPES, not_enough_data
from cspmonitor.analysis.seasonal import _shift, pooled_year_effect, seasonal_check_series

BASELINE_YEARS = 3
MONTHS = 3
# The smallest yearly swing assumed: 5% (s2 = 0.0025), well below the 10-15% that recorded
# crime series commonly show from one year to the next, so that it binds only when the
# estimate comes out implausibly steady (and a real rise is still seen in steady data).
MIN_YEAR_EFFECT = 0.0025
MEANING = (
    '"Emerging" means that the last three months were higher than the same three months in up '
    "to three earlier years by more than chance and the usual year-to-year swing explain; "
    "in simulations with no real change and a 15% swing from year to year, about {rate} of "
    "assessments still show at least one emerging issue by chance."
)
# Measured by synthetic_emerging.null_rate: 66 of 1,000 simulated assessments (95% interval
# 5.1% to 8.3%); `make bench` measures it again (bench/README.md).
FALSE_ALARM_RATE = "7%"
FALSE_ALARM_SENTENCE = MEANING.format(rate=FALSE_ALARM_RATE)


def emerging_issues(counts: MonthlyCounts, held: set[str], last_month: str, alpha: float = 0.05) -> dict:
    """The emerging-issues section of the assessment: every series judged, and those flagged.

    `held` is the set of months the store holds (a month police.uk never published is
    missing, not zero); a series whose last three months are not all held, or with no earlier
    year complete, is not judged, and when none can be the section says what it needs.
    """
    keys = [(a, t) for a in counts.areas for t in counts.crime_types]
    series = {key: {m: n for m, n in counts.series(*key).items() if m in held} for key in keys}
    ends = [end for end in baseline_ends(last_month) if all(m in held for m in quarter(end))]
    if ends and all(m in held for m in quarter(last_month)):
        # The current quarter too: under "no change" it is one more year of the same swing,
        # and three baseline years alone often understate it (too many false alarms).
        ends.append(last_month)
    # The swing is estimated on the parts, each crime type in each district, not on totals
    # made of them: a total's independent swings partly cancel and would pull it down.
    baselines = [
        [sum(s[m] for m in quarter(end)) for end in ends]
        for (area, crime_type), s in series.items()
        if area != ALL_AREAS and crime_type != ALL_TYPES
    ]
    year_effect = max(MIN_YEAR_EFFECT, pooled_year_effect(baselines))
    checks = []
    for (area, crime_type), s in series.items():
        try:
            check = seasonal_check_series(
                s,
                last_month,
                years=BASELINE_YEARS,
                months=MONTHS,
                alpha=alpha,
                dispersion=1.0,
                year_effect=year_effect,
            )
        except ValueError:
            continue  # no earlier year with data, or the quarter itself incomplete
        checks.append((area, crime_type, check))
    adjusted = benjamini_hochberg([c.p_value for *_, c in checks]) if checks else np.array([])
    rows = []
    for (area, crime_type, check), p in zip(checks, adjusted, strict=True):
        flagged = bool(p < alpha and check.current > check.expected)
        rows.append(
            {
                "area": area,
                "crime_type": crime_type,
                "current": check.current,
                "expected": check.expected,
                "upper_limit": check.upper_limit,
                "dispersion": check.dispersion,
                "p_value": check.p_value,
                "p_adjusted": float(p),
                "baseline_periods": list(check.baseline_periods),
                "wording": "significant rise" if flagged else "within normal variation",
            }
        )
    section: dict = {
        "period_end": last_month,
        "months": MONTHS,
        "year_effect": year_effect,
        "method": "Last three months against the same months in up to three earlier years "
        "(exact conditional test; negative binomial dispersion, variance = mean + s² × mean², "
        f"with s = {year_effect**0.5:.0%} the year-to-year swing pooled over every series; "
        "Benjamini–Hochberg across all series).",
        "meaning": FALSE_ALARM_SENTENCE,
        "rows": rows,
        "flagged": [r for r in rows if r["wording"] == "significant rise"],
    }
    if not rows:
        months = quarter(last_month)
        section["not_enough_data"] = not_enough_data(
            f"the three months {months[0]} to {months[-1]} and the same three months "
            "in at least one earlier year"
        )
    return section


def quarter(end: str) -> list[str]:
    """The three months ending with `end`, oldest first."""
    return [_shift(end, -back) for back in range(MONTHS - 1, -1, -1)]


def baseline_ends(last_month: str) -> Sequence[str]:
    """The same month in each of the baseline years, oldest first."""
    return [_shift(last_month, -12 * back) for back in range(BASELINE_YEARS, 0, -1)]
