"""Count tables for the strategic assessment: by crime type, area and month.

Counts come from the crime store by LSOA; an LSOA is placed in its district through the ONS
lookup, and rows whose LSOA lies outside the partnership's districts are counted apart
(police force areas and districts do not line up) rather than silently lost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from cspmonitor.analysis import recording_change
from cspmonitor.analysis.change import NORMAL_VARIATION, poisson_rate, rate_change
from cspmonitor.analysis.multiple import benjamini_hochberg
from cspmonitor.analysis.names import ALL_AREAS, ALL_TYPES


@dataclass(frozen=True)
class MonthlyCounts:
    """Counts by (area, crime type, month) for the partnership's districts and their total.

    `outside` counts located rows in other districts; `unlocated` rows with no location
    (police.uk gives some crimes no place); neither is in the partnership's figures.
    """

    counts: Mapping[tuple[str, str, str], int]
    areas: tuple[str, ...]
    crime_types: tuple[str, ...]
    months: tuple[str, ...]
    outside: int
    unlocated: int

    def series(self, area: str, crime_type: str) -> dict[str, int]:
        """Month → count for one area and type (all months, zeros included)."""
        return {m: self.counts.get((area, crime_type, m), 0) for m in self.months}

    def total(self, area: str, crime_type: str, months: Sequence[str]) -> int:
        return sum(self.counts.get((area, crime_type, m), 0) for m in months)


def monthly_counts(
    table: pa.Table, lsoa_district: Mapping[str, str], districts: Sequence[str], months: Sequence[str]
) -> MonthlyCounts:
    """Fold a (lsoa_code, crime_type, month, crimes) table into area × type × month counts."""
    wanted = set(districts)
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    outside = unlocated = 0
    types: set[str] = set()
    for lsoa, crime_type, month, n in zip(
        *(table.column(c).to_pylist() for c in ("lsoa_code", "crime_type", "month", "crimes")), strict=True
    ):
        if lsoa is None:
            unlocated += n
            continue
        district = lsoa_district.get(lsoa)
        if district not in wanted:
            outside += n
            continue
        types.add(crime_type)
        for area in (district, ALL_AREAS):
            counts[(area, crime_type, month)] += n
            counts[(area, ALL_TYPES, month)] += n
    return MonthlyCounts(
        dict(counts), (*districts, ALL_AREAS), (ALL_TYPES, *sorted(types)), tuple(months), outside, unlocated
    )


def year_on_year(
    counts: MonthlyCounts,
    previous: Sequence[str],
    current: Sequence[str],
    months_covered: tuple[int, int],
    alpha: float = 0.05,
) -> list[dict]:
    """Change from the previous year to the current one for every type × area.

    Each change is an exact conditional binomial test with the months of data covered as
    exposures; p-values are adjusted by Benjamini–Hochberg across every type × area tested,
    so that among the changes called significant the expected share of false ones is alpha.
    A significant change whose monthly counts over both years step down or up in one go, as a
    change in recording does, is worded "possible recording change" instead of a rise or fall
    (see ``recording_change``).
    """
    rows: list[dict[str, Any]] = []
    for area in counts.areas:
        for crime_type in counts.crime_types:
            before = counts.total(area, crime_type, previous)
            after = counts.total(area, crime_type, current)
            change = rate_change(before, after, months_covered[0], months_covered[1])
            rows.append(
                {
                    "area": area,
                    "crime_type": crime_type,
                    "previous": before,
                    "current": after,
                    "ratio": change.ratio,
                    "ci_low": change.ci_low,
                    "ci_high": change.ci_high,
                    "p_value": change.p_value,
                }
            )
    adjusted = benjamini_hochberg([row["p_value"] for row in rows])
    for row, p in zip(rows, adjusted, strict=True):
        row["p_adjusted"] = float(p)
        row["wording"] = _wording(row["ratio"], float(p), alpha)
        if row["wording"] != NORMAL_VARIATION:
            series = counts.series(row["area"], row["crime_type"])
            months = {m: series[m] for m in (*previous, *current) if m in series}
            row["wording"] = recording_change.wording(row["wording"], months)
    return rows


def _wording(ratio: float, p_adjusted: float, alpha: float) -> str:
    if p_adjusted != p_adjusted or p_adjusted >= alpha:  # NaN (0 v 0) or not significant
        return "within normal variation"
    return "significant rise" if ratio > 1 else "significant fall"


def rates_per_1000(
    counts: MonthlyCounts, months: Sequence[str], population: Mapping[str, float]
) -> list[dict]:
    """Rates per 1,000 residents with exact Poisson intervals, for every type × area."""
    rows = []
    for area in counts.areas:
        for crime_type in counts.crime_types:
            n = counts.total(area, crime_type, months)
            rate = poisson_rate(n, population[area])
            rows.append(
                {
                    "area": area,
                    "crime_type": crime_type,
                    "count": n,
                    "population": population[area],
                    "rate": rate.rate,
                    "ci_low": rate.ci_low,
                    "ci_high": rate.ci_high,
                }
            )
    return rows
