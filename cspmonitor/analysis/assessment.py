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
from cspmonitor.analysis.assessment_emerging import BASELINE_YEARS, emerging_issues
from cspmonitor.analysis.assessment_placed import forces_included, placed_counts, placed_points
from cspmonitor.analysis.coverage import check_coverage, month_range
from cspmonitor.analysis.names import not_enough_data
from cspmonitor.analysis.outcomes import stage_of
from cspmonitor.analysis.placement import Placer
from cspmonitor.analysis.store import CrimeStore

Progress = Callable[[int, str], None]  # (percent, stage)


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
    result["changes"] = {
        "method": "Exact conditional binomial test of two Poisson counts, months covered as "
        "exposures; 95% interval on the rate ratio; Benjamini–Hochberg across "
        "every crime type and area.",
        "rows": [],
    }
    if covered_previous and covered_current:
        result["changes"]["rows"] = year_on_year(
            counts, previous, current, (covered_previous, covered_current), inputs.alpha
        )
    else:
        # A new partnership holds no earlier year: the change cannot be judged yet, which is
        # not a failure of the assessment.
        result["changes"]["not_enough_data"] = not_enough_data(
            f"at least one month of the previous year ({previous[0]} to {previous[-1]}) and of this year"
        )
    result["rates"] = {
        "population_source": inputs.population_source,
        "rows": rates_per_1000(counts, current, population),
    }
    report(50, "Looking for emerging issues")
    result["emerging"] = emerging_issues(counts, held, inputs.last_month, inputs.alpha)
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


NO_OUTCOME = "No outcome recorded (ASB)"


def _outcomes(points: pa.Table) -> list[dict]:
    types, outcomes = points.column("crime_type").to_pylist(), points.column("outcome").to_pylist()
    tally = Counter(
        (crime_type, outcome or NO_OUTCOME) for crime_type, outcome in zip(types, outcomes, strict=True)
    )
    # The stage (police or court) comes from the outcome categories data file; ASB has none.
    return [
        {"crime_type": t, "outcome": o, "count": n, "stage": stage_of(o) if o != NO_OUTCOME else None}
        for (t, o), n in sorted(tally.items())
    ]


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
        "changes": bool(result.get("changes", {}).get("rows")),
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
