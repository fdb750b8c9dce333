"""Seeded simulations of the emerging-issues check: false alarms with year-to-year swings,
and power on a planted rise.

A simulated partnership has three districts shaped on Western Suffolk (about 1,640, 840 and
940 crimes and ASB incidents a month) with the synthetic generator's crime mix, so its
series run from about 20 a quarter (robbery in the smallest district) to about 10,000 (all
crime across the partnership). Each district's crime type gets its own yearly swing,
lognormal with a standard deviation of `swing` (15% by default), in every year including the
current one; months are Poisson around that. The assessment's own `emerging_issues` judges
the last quarter against the three before it, with the totals by area and type summed from
the district series as the assessment sums them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from cspmonitor.analysis.assessment_counts import MonthlyCounts
from cspmonitor.analysis.assessment_emerging import BASELINE_YEARS, emerging_issues, quarter
from cspmonitor.analysis.names import ALL_AREAS, ALL_TYPES
from cspmonitor.analysis.policeuk_rules import ANTI_SOCIAL_BEHAVIOUR
from cspmonitor.analysis.synthetic_calibration import Rate
from cspmonitor.analysis.synthetic_rates import ASB_SHARE, CRIME_SHARES

DISTRICT_MONTHLY = {"West Suffolk": 1640.0, "Babergh": 840.0, "Mid Suffolk": 940.0}
LAST_MONTH = "2023-03"
SHARES = {ANTI_SOCIAL_BEHAVIOUR: ASB_SHARE, **{t: (1 - ASB_SHARE) * s for t, s in CRIME_SHARES.items()}}
# Planted rises for the power figures: a small, a middling and a large district series.
POWER_SERIES = {
    "small": ("Babergh", "Bicycle theft"),
    "middling": ("Mid Suffolk", "Burglary"),
    "large": ("West Suffolk", "Violence and sexual offences"),
}


@dataclass(frozen=True)
class Assessment:
    """What one simulated assessment flagged: (area, crime type) pairs."""

    flagged: frozenset[tuple[str, str]]


def _months() -> list[str]:
    ends = [*(_year_back(LAST_MONTH, back) for back in range(BASELINE_YEARS, 0, -1)), LAST_MONTH]
    return [m for end in ends for m in quarter(end)]


def _year_back(month: str, years: int) -> str:
    return f"{int(month[:4]) - years:04d}{month[4:]}"


def simulate(
    rng: np.random.Generator, *, swing: float = 0.15, rise: tuple[str, str] | None = None, factor: float = 1.5
) -> MonthlyCounts:
    """One partnership's monthly counts for the last quarter of four years."""
    months = _months()
    years = len(months) // 3
    counts: dict[tuple[str, str, str], int] = {}
    for district, monthly in DISTRICT_MONTHLY.items():
        for crime_type, share in SHARES.items():
            effect = np.exp(rng.normal(-(swing**2) / 2, swing, years))  # mean 1
            if rise == (district, crime_type):
                effect[-1] *= factor
            drawn = rng.poisson(monthly * share * np.repeat(effect, 3))
            for month, n in zip(months, drawn, strict=True):
                for area in (district, ALL_AREAS):
                    for kind in (crime_type, ALL_TYPES):
                        counts[(area, kind, month)] = counts.get((area, kind, month), 0) + int(n)
    return MonthlyCounts(
        counts,
        (*DISTRICT_MONTHLY, ALL_AREAS),
        (ALL_TYPES, *sorted(SHARES)),
        tuple(months),
        outside=0,
        unlocated=0,
    )


def assess(counts: MonthlyCounts) -> Assessment:
    section = emerging_issues(counts, set(counts.months), LAST_MONTH)
    return Assessment(frozenset((r["area"], r["crime_type"]) for r in section["flagged"]))


def null_rate(replicates: int, *, swing: float = 0.15, seed: int = 0) -> Rate:
    """Share of no-change assessments that raise any emerging issue."""
    events, start = 0, time.perf_counter()
    for child in np.random.SeedSequence(seed).spawn(replicates):
        events += bool(assess(simulate(np.random.default_rng(child), swing=swing)).flagged)
    return Rate(events, replicates, time.perf_counter() - start)


def power(replicates: int, series: tuple[str, str], *, swing: float = 0.15, seed: int = 0) -> Rate:
    """Share of assessments flagging `series` (district, crime type) after a planted 50% rise."""
    events, start = 0, time.perf_counter()
    for child in np.random.SeedSequence(seed).spawn(replicates):
        counts = simulate(np.random.default_rng(child), swing=swing, rise=series)
        events += series in assess(counts).flagged
    return Rate(events, replicates, time.perf_counter() - start)
