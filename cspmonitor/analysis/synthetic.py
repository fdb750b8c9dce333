"""A seeded synthetic police.uk data set: street-level CSV files and the events behind them.

police.uk publishes only a rolling 36 months and we may not redistribute a copy in the repo, so
demos, tests and benchmarks use data generated here. It is written in police.uk's exact
street-level format (``OUT/YYYY-MM/YYYY-MM-<force>-street.csv``) and shaped like the real thing:

* a realistic crime mix (violence and sexual offences ~38% of crimes, ASB ~19% of rows), a
  summer peak for violence and ASB, rates scaled by mid-2020 population and raised with IMD 2019
  deprivation, plus random per-LSOA "busyness";
* every event snapped to one of a fixed, seeded set of anonymous map points per LSOA, so many
  rows share coordinates; ~1.5% of rows have no location at all;
* effects planted on purpose, to check that analyses find them: `Hotspot`, `Rise`, `NearRepeat`.

Only Suffolk's locations are geographically real (points inside real 2011 LSOA polygons); other
forces are pseudo-forces with real LSOA codes but approximate locations (see `synthetic_places`).
The same arguments and seed always give byte-identical files.

>>> from pathlib import Path
>>> summary = generate_police_uk(Path("police-uk"), months=("2023-03", "2023-03"),
...                              reference_dir=Path("../shared/data"))  # doctest: +SKIP
>>> summary.files[0].name  # doctest: +SKIP
'2023-03-suffolk-street.csv'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from cspmonitor.analysis import geography
from cspmonitor.analysis import synthetic_rates as rates
from cspmonitor.analysis.policeuk_rules import CRIME_TYPES
from cspmonitor.analysis.synthetic_csv import write_force
from cspmonitor.analysis.synthetic_events import SOURCES, ForceEvents, Months, draw_force_events
from cspmonitor.analysis.synthetic_places import FORCE_NAMES, ForcePlaces, force_places

ALL_FORCES: tuple[str, ...] = tuple(sorted(FORCE_NAMES))


@dataclass(frozen=True)
class Hotspot:
    """Extra events of one type around a point: Poisson(`extra_per_month`) a month.

    `centre` is (longitude, latitude) or an LSOA 2011 code (its centroid). Events go to map points
    within `radius_m` metres, in the force holding most of them. `months` is an inclusive
    ("YYYY-MM", "YYYY-MM") range; None means every generated month.
    """

    crime_type: str
    centre: tuple[float, float] | str
    radius_m: float
    extra_per_month: float
    months: tuple[str, str] | None = None


@dataclass(frozen=True)
class Rise:
    """Multiply one type's rate in one district (LAD 2022 code) by `factor` from `from_month` on."""

    crime_type: str
    district_code: str
    factor: float
    from_month: str


@dataclass(frozen=True)
class NearRepeat:
    """A `fraction` of events of one type are followed by another of the same type.

    The follow-up is at a map point within `max_distance_m` metres, 1..`max_days` days later
    (what the Knox test looks for; police.uk files only show the month).
    """

    crime_type: str = "Burglary"
    fraction: float = 0.2
    max_distance_m: float = 200.0
    max_days: int = 14


Effect = Hotspot | Rise | NearRepeat


@dataclass(frozen=True)
class GenerationSummary:
    """What `generate_police_uk` wrote: each file's path and number of data rows."""

    out_dir: Path
    rows_by_file: dict[Path, int]

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file written, sorted by path."""
        return tuple(sorted(self.rows_by_file))

    @property
    def total_rows(self) -> int:
        """Data rows over all files (headers not counted)."""
        return sum(self.rows_by_file.values())


def _check(forces: Sequence[str], effects: Sequence[Effect]) -> None:
    unknown = [f for f in forces if f not in FORCE_NAMES]
    if unknown:
        raise ValueError(f"unknown forces {unknown}; expected names from {ALL_FORCES}")
    for effect in effects:
        if not isinstance(effect, Hotspot | Rise | NearRepeat):
            raise TypeError(f"not an effect: {effect!r}")
        if effect.crime_type not in CRIME_TYPES:
            raise ValueError(f"{effect!r}: crime type must be one of {CRIME_TYPES}")


def _centre(hotspot: Hotspot, places: Iterable[ForcePlaces]) -> tuple[float, float]:
    if isinstance(hotspot.centre, str):
        for force in places:
            hit = np.flatnonzero(force.lsoa_code == hotspot.centre)
            if len(hit):
                return float(force.centre_x[hit[0]]), float(force.centre_y[hit[0]])
        raise ValueError(f"{hotspot!r}: LSOA {hotspot.centre} is not in the forces generated")
    x, y = geography.to_bng(np.array([hotspot.centre[0]]), np.array([hotspot.centre[1]]))
    return float(x[0]), float(y[0])


def _plan(places: list[ForcePlaces], effects: Sequence[Effect]) -> dict[str, tuple[list, list, list]]:
    """Share the effects out among forces: each Rise and Hotspot goes to the force it falls in."""
    plan: dict[str, tuple[list, list, list]] = {p.slug: ([], [], []) for p in places}
    for effect in effects:
        if isinstance(effect, NearRepeat):
            for _, _, near in plan.values():
                near.append(effect)
        elif isinstance(effect, Rise):
            owners = [p.slug for p in places if (p.district_code == effect.district_code).any()]
            if not owners:
                raise ValueError(f"{effect!r}: district is not in the forces generated")
            for slug in owners:
                plan[slug][0].append(effect)
        else:
            cx, cy = _centre(effect, places)
            inside = [
                int((np.hypot(p.point_x - cx, p.point_y - cy) <= effect.radius_m).sum()) for p in places
            ]
            if max(inside) == 0:
                raise ValueError(f"{effect!r}: no map point within {effect.radius_m} m of the centre")
            plan[places[int(np.argmax(inside))].slug][1].append((effect, cx, cy))
    return plan


def _rate(slug: str, scale: float) -> float:
    return rates.ROWS_PER_1000.get(slug, rates.NATIONAL_ROWS_PER_1000) * scale


def _draw_all(
    reference_dir: Path,
    forces: Sequence[str],
    months: tuple[str, str],
    seed: int,
    effects: Sequence[Effect],
    scale: float,
    pool: ThreadPoolExecutor,
):
    _check(forces, effects)
    span = Months.between(*months)
    places = list(pool.map(lambda slug: force_places(Path(reference_dir), slug, seed), forces))
    plan = _plan(places, effects)

    def draw(p: ForcePlaces) -> ForceEvents:
        return draw_force_events(p, span, seed, _rate(p.slug, scale), *plan[p.slug])

    return span, pool.map(draw, places)


def _as_table(events: ForceEvents, span: Months) -> pa.Table:
    p = events.places
    lsoa = events.lsoa
    return pa.table(
        {
            "force": pa.array(np.full(len(lsoa), p.slug)),
            "month": pa.array(span.labels).take(pa.array(events.month)),
            "date": pa.array(events.date.astype("datetime64[D]")),
            "x": p.point_x[events.point],
            "y": p.point_y[events.point],
            "lon": p.point_lon[events.point],
            "lat": p.point_lat[events.point],
            "lsoa_code": pa.array(p.lsoa_code).take(pa.array(lsoa)),
            "lsoa_name": pa.array(p.lsoa_name).take(pa.array(lsoa)),
            "district_code": pa.array(p.district_code).take(pa.array(lsoa)),
            "crime_type": pa.array(CRIME_TYPES).take(pa.array(events.crime_type)),
            "has_location": events.located,
            "effect": pa.array(SOURCES).take(pa.array(events.source)),
        }
    )


def generate_events(
    forces: Sequence[str] = ("suffolk",),
    months: tuple[str, str] = ("2021-04", "2023-03"),
    seed: int = 1,
    effects: Sequence[Effect] = (),
    *,
    reference_dir: Path,
    scale: float = 1.0,
) -> pa.Table:
    """The event-level truth behind `generate_police_uk` (same arguments, same events).

    One row per event: force, month ("YYYY-MM"), date (day level, for near-repeat analysis),
    x/y (BNG metres) and lon/lat of its map point, lsoa_code/lsoa_name (2011), district_code
    (LAD 2022), crime_type, has_location (False for rows police.uk would publish without a
    location; their true point is still given here) and effect ("base", "hotspot" or
    "near_repeat", naming what planted the event).
    """
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        span, drawn = _draw_all(reference_dir, forces, months, seed, effects, scale, pool)
        return pa.concat_tables([_as_table(events, span) for events in drawn])


def generate_police_uk(
    out_dir: Path,
    forces: Sequence[str] = ("suffolk",),
    months: tuple[str, str] = ("2021-04", "2023-03"),
    seed: int = 1,
    effects: Sequence[Effect] = (),
    *,
    reference_dir: Path,
    scale: float = 1.0,
    workers: int | None = None,
) -> GenerationSummary:
    """Write police.uk street-level CSVs for `forces` and the inclusive `months` range.

    Files go to ``out_dir/YYYY-MM/YYYY-MM-<force>-street.csv``. `scale` multiplies every rate
    (1.0 gives Suffolk ~6,500 rows a month, and all 43 forces ~7.5 million rows a year).
    Forces are generated in parallel on `workers` threads (default: one per CPU).
    """
    out_dir = Path(out_dir)
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        span, drawn = _draw_all(reference_dir, forces, months, seed, effects, scale, pool)
        written = pool.map(lambda events: write_force(events, span, out_dir, seed), drawn)
        rows = {path: n for part in written for path, n in part.items()}
    return GenerationSummary(out_dir, rows)
