"""The strategic assessment: every figure for one partnership and financial year.

`run_assessment` reads the crime store, checks coverage first, then computes counts, changes
with exact tests and false-discovery control, rates per 1,000 residents, seasonal emerging
issues, outcomes, repeat locations, LSOA rankings, hotspots and near-repeats. The result is
plain data (JSON-ready dicts and lists) with the method of each figure stated beside it, so
the page, the JSON download and the report builder all read the same numbers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from cspmonitor.analysis.assessment_counts import (
    ALL_AREAS,
    ALL_TYPES,
    MonthlyCounts,
    monthly_counts,
    rates_per_1000,
    year_on_year,
)
from cspmonitor.analysis.assessment_placed import forces_included, placed_counts, placed_points
from cspmonitor.analysis.coverage import check_coverage, month_range
from cspmonitor.analysis.multiple import benjamini_hochberg
from cspmonitor.analysis.placement import Placer
from cspmonitor.analysis.seasonal import pooled_dispersion, seasonal_check_series
from cspmonitor.analysis.store import CrimeStore

Progress = Callable[[int, str], None]  # (percent, stage)
BASELINE_YEARS = 3


@dataclass(frozen=True)
class AssessmentInputs:
    """What the assessment needs besides the crime store; all plain values."""

    partnership: str
    districts: Mapping[str, str]  # district code → name
    forces: Sequence[str]  # police.uk force slugs, e.g. ["suffolk"]
    first_month: str  # the financial year, e.g. "2022-04" …
    last_month: str  # … "2023-03"
    lsoa_district: Mapping[str, str]  # any LSOA code (2011 or 2021) → district code
    district_population: Mapping[str, float]
    lsoa_population: Mapping[str, float] = field(default_factory=dict)
    lsoa_imd_decile: Mapping[str, int] = field(default_factory=dict)
    alpha: float = 0.05
    # With a placer, every row is first given its 2021 LSOA (both code vintages accepted) and
    # `lsoa_district` lists only the partnership's own 2021 LSOAs (a split district's part).
    placer: Placer | None = None
    # Forces whose rows count where they fall inside the area but whose months are not
    # required (British Transport Police: railway crime in every partnership).
    other_forces: Sequence[str] = ()
    population_source: str = "ONS mid-2020 LSOA estimates"
    deprivation_source: str = "IMD 2019"

    @property
    def all_forces(self) -> list[str]:
        return [*self.forces, *(f for f in self.other_forces if f not in self.forces)]


def _shift_year(month: str, years: int) -> str:
    return f"{int(month[:4]) + years:04d}{month[4:]}"


def run_assessment(
    store: CrimeStore,
    inputs: AssessmentInputs,
    progress: Progress | None = None,
    extra_stages: Sequence[Callable[[CrimeStore, AssessmentInputs, dict], None]] = (),
) -> dict:
    """Compute the assessment; ``extra_stages`` add sections (maps, hotspots) to the result."""
    report = progress or (lambda percent, stage: None)
    current = month_range(inputs.first_month, inputs.last_month)
    previous = month_range(_shift_year(inputs.first_month, -1), _shift_year(inputs.last_month, -1))
    history_start = _shift_year(inputs.first_month, -BASELINE_YEARS)
    all_months = month_range(history_start, inputs.last_month)

    report(5, "Checking coverage")
    # Coverage is judged over the two years compared; earlier years only feed the seasonal
    # baseline, where a missing year is left out rather than counted as zero.
    coverage = _coverage(store, inputs, previous[0])
    held = _months_held(store, inputs.forces)
    covered_current = sum(1 for m in current if m in held)
    covered_previous = sum(1 for m in previous if m in held)

    report(15, "Counting by crime type, district and month")
    table, unplaced = placed_counts(store, inputs, history_start)
    counts = monthly_counts(table, inputs.lsoa_district, list(inputs.districts), all_months)
    population = {
        **inputs.district_population,
        ALL_AREAS: sum(inputs.district_population[d] for d in inputs.districts),
    }

    result: dict = {
        "partnership": inputs.partnership,
        "year": {"first_month": inputs.first_month, "last_month": inputs.last_month},
        "areas": {**inputs.districts, ALL_AREAS: inputs.partnership},
        "forces": list(inputs.forces),
        "coverage": coverage,
        "excluded": {
            "outside_the_partnership": counts.outside,
            "without_a_location": counts.unlocated,
            "unplaced": unplaced,
            "note": "Rows located in other districts, rows police.uk gives no location, and "
            "rows that could not be placed in a 2021 LSOA (counted by reason) are kept in the "
            "crime store but left out of the partnership's figures.",
        },
        "monthly": _monthly(counts, all_months),
        "totals": _totals(counts, previous, current),
    }
    report(35, "Testing year-on-year changes")
    if covered_previous:
        result["changes"] = {
            "method": "Exact conditional binomial test of two Poisson counts, months covered as "
            "exposures; 95% interval on the rate ratio; Benjamini–Hochberg across "
            "every crime type and area.",
            "rows": year_on_year(
                counts, previous, current, (covered_previous, covered_current), inputs.alpha
            ),
        }
    result["rates"] = {
        "population_source": inputs.population_source,
        "rows": rates_per_1000(counts, current, population),
    }
    report(50, "Looking for emerging issues")
    result["emerging"] = _emerging(counts, held, inputs.last_month, inputs.alpha)
    report(60, "Outcomes, repeat locations and LSOA ranking")
    points = partnership_points(store, inputs, inputs.first_month, inputs.last_month)
    result["outcomes"] = _outcomes(points)
    result["repeat_locations"] = _repeat_locations(points)
    result["lsoas"] = _lsoa_ranking(points, inputs)
    result["forces_included"] = forces_included(points, inputs)
    if inputs.placer is not None:
        result["geography"] = {
            "lsoa_vintage": 2021,
            "lsoas": len(inputs.lsoa_district),
            "deprivation_source": inputs.deprivation_source,
        }
    result["regulation_5"] = regulation_5(result)
    for number, stage in enumerate(extra_stages, start=1):
        report(60 + 35 * number // max(len(extra_stages), 1), stage.__doc__ or stage.__name__)
        stage(store, inputs, result)
    report(100, "Done")
    return json_ready(result)


def json_ready(value):
    """The result with NaN and infinities as None (JSON has neither; PostgreSQL refuses them).

    A ratio of 0 to 0, or an interval with no upper end (nothing last year), becomes None,
    which the page shows as "not defined".
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(item) for item in value]
    return value


def _coverage(store: CrimeStore, inputs: AssessmentInputs, first: str) -> dict:
    rows: dict[str, dict[str, int]] = {force: {} for force in inputs.forces}
    for (force, month), record in store.months().items():
        if force in rows:
            rows[force][month] = record.rows
    out = {}
    for force, by_month in rows.items():
        check = check_coverage(by_month, first, inputs.last_month)
        out[force] = {
            "missing": list(check.missing),
            "short": list(check.short),
            "complete": check.complete,
            "description": check.describe(),
        }
    return out


def _months_held(store: CrimeStore, forces: Sequence[str]) -> set[str]:
    """Months held for every one of the partnership's forces."""
    by_force: dict[str, set[str]] = {force: set() for force in forces}
    for force, month in store.months():
        if force in by_force:
            by_force[force].add(month)
    return set.intersection(*by_force.values()) if by_force else set()


def _monthly(counts: MonthlyCounts, months: Sequence[str]) -> dict:
    return {
        "months": list(months),
        "series": [
            {
                "area": area,
                "crime_type": crime_type,
                "counts": [counts.counts.get((area, crime_type, m), 0) for m in months],
            }
            for area in counts.areas
            for crime_type in counts.crime_types
        ],
    }


def _totals(counts: MonthlyCounts, previous: Sequence[str], current: Sequence[str]) -> list[dict]:
    return [
        {
            "area": area,
            "crime_type": crime_type,
            "previous": counts.total(area, crime_type, previous),
            "current": counts.total(area, crime_type, current),
        }
        for area in counts.areas
        for crime_type in counts.crime_types
    ]


def _emerging(counts: MonthlyCounts, held: set[str], last_month: str, alpha: float) -> dict:
    """The year's last quarter against the same quarter in earlier years, per type and area.

    Overdispersion is pooled over every series (one estimate, more stable than each series'
    own), and Benjamini–Hochberg controls false discoveries across all series checked.
    """
    keys = [(a, t) for a in counts.areas for t in counts.crime_types]
    # Only months the store holds: a month police.uk never published is missing, not zero.
    series = {key: {m: n for m, n in counts.series(*key).items() if m in held} for key in keys}
    ends = [end for end in _quarter_ends(last_month) if all(m in held for m in _quarter_months(end))]
    baselines = [[sum(s[m] for m in _quarter_months(end)) for end in ends] for s in series.values()]
    usable = [b for b in baselines if len(b) > 1 and sum(b) > 0]
    phi = pooled_dispersion(usable) if usable else 1.0
    checks = []
    for (area, crime_type), s in series.items():
        try:
            check = seasonal_check_series(
                s, last_month, years=BASELINE_YEARS, months=3, alpha=alpha, dispersion=phi
            )
        except ValueError:
            continue  # no earlier year with data: nothing to compare with
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
                "p_value": check.p_value,
                "p_adjusted": float(p),
                "baseline_periods": list(check.baseline_periods),
                "wording": "significant rise" if flagged else "within normal variation",
            }
        )
    return {
        "period_end": last_month,
        "months": 3,
        "dispersion": phi,
        "method": "Last three months against the same months in up to three earlier years "
        "(exact conditional test, pooled quasi-Poisson dispersion, "
        "Benjamini–Hochberg across all series).",
        "rows": rows,
        "flagged": [r for r in rows if r["wording"] == "significant rise"],
    }


def _quarter_months(end: str) -> list[str]:
    year, month = int(end[:4]), int(end[5:])
    out = []
    for back in (2, 1, 0):
        y, m = year, month - back
        if m < 1:
            y, m = y - 1, m + 12
        out.append(f"{y:04d}-{m:02d}")
    return out


def _quarter_ends(last_month: str) -> list[str]:
    return [_shift_year(last_month, -back) for back in range(BASELINE_YEARS, 0, -1)]


def partnership_points(store: CrimeStore, inputs: AssessmentInputs, first: str, last: str) -> pa.Table:
    """Located rows of the partnership's forces from ``first`` to ``last`` in its own districts.

    With a placer, ``lsoa_code`` is the row's 2021 LSOA and rows of `other_forces` are included.
    """
    if inputs.placer is not None:
        return placed_points(store, inputs, first, last)
    points = store.query("points", first_month=first, last_month=last, forces=list(inputs.forces))
    codes = points.column("lsoa_code").to_pylist()
    keep = np.array([inputs.lsoa_district.get(code) in inputs.districts for code in codes], dtype=bool)
    return points.filter(keep)


def _outcomes(points: pa.Table) -> list[dict]:
    types, outcomes = points.column("crime_type").to_pylist(), points.column("outcome").to_pylist()
    tally = Counter(
        (crime_type, outcome or "No outcome recorded (ASB)")
        for crime_type, outcome in zip(types, outcomes, strict=True)
    )
    return [{"crime_type": t, "outcome": o, "count": n} for (t, o), n in sorted(tally.items())]


def _repeat_locations(points: pa.Table, top: int = 20) -> list[dict]:
    """Snap points ranked by count: police.uk places many crimes on the same anonymous point."""
    rows = range(points.num_rows)
    lon, lat = points.column("longitude").to_pylist(), points.column("latitude").to_pylist()
    where, lsoa = points.column("location").to_pylist(), points.column("lsoa_code").to_pylist()
    tally = Counter((lon[i], lat[i]) for i in rows)
    first: dict = {}
    for i in rows:
        first.setdefault((lon[i], lat[i]), (where[i], lsoa[i]))
    return [
        {
            "longitude": x,
            "latitude": y,
            "location": first[(x, y)][0],
            "lsoa_code": first[(x, y)][1],
            "count": n,
        }
        for (x, y), n in tally.most_common(top)
    ]


def _lsoa_ranking(points: pa.Table, inputs: AssessmentInputs, top: int = 20) -> list[dict]:
    tally = Counter(points.column("lsoa_code").to_pylist())
    ranked = []
    for code, n in tally.most_common(top):
        population = inputs.lsoa_population.get(code)
        ranked.append(
            {
                "lsoa_code": code,
                "district": inputs.lsoa_district.get(code),
                "count": n,
                "population": population,
                "rate_per_1000": 1000 * n / population if population else None,
                "imd_decile": inputs.lsoa_imd_decile.get(code),
            }
        )
    return ranked


REGULATION_5 = [
    ("levels_and_patterns", "Levels and patterns of crime, disorder and substance misuse"),
    ("changes", "Changes since the last assessment, and why"),
    ("priorities", "Priorities the partnership should adopt"),
    ("community_views", "The views of people who live and work in the area"),
    ("plan_delivery", "How far the last partnership plan was delivered"),
]


def regulation_5(result: Mapping) -> list[dict]:
    """Which elements regulation 5 of SI 2007/1830 asks for the assessment holds so far.

    Levels and changes come from the data; the others need the partnership's own records
    (priorities, consultation, plan monitoring) and are marked missing until supplied.
    """
    present = {
        "levels_and_patterns": bool(result.get("totals")),
        "changes": bool(result.get("changes")),
        "priorities": bool(result.get("priorities")),
        "community_views": bool(result.get("community_views")),
        "plan_delivery": bool(result.get("plan_delivery")),
    }
    notes = {
        "changes": "The data show what changed; officers add why.",
        "priorities": "Recorded in the partnership plan.",
        "community_views": "Add the results of consultation.",
        "plan_delivery": "Drawn from the action plan's quarterly updates.",
    }
    return [
        {"key": key, "element": label, "present": present[key], "note": notes.get(key, "")}
        for key, label in REGULATION_5
    ]


__all__ = ["ALL_AREAS", "ALL_TYPES", "AssessmentInputs", "run_assessment", "regulation_5"]
