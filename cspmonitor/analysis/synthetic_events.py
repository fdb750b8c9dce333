"""Draw one force's synthetic events (base rates plus planted effects) as NumPy columns.

`synthetic` is the public face; this module holds the vectorised drawing so that each force can
be generated independently (and in parallel) from its own seeded random streams.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from cspmonitor.analysis import synthetic_rates as rates
from cspmonitor.analysis.policeuk_rules import CRIME_TYPES
from cspmonitor.analysis.synthetic_places import ForcePlaces, stable_key

BASE, HOTSPOT, NEAR_REPEAT = 0, 1, 2
SOURCES = ("base", "hotspot", "near_repeat")


@dataclass(frozen=True)
class Months:
    """The requested months, first to last inclusive, as labels and day boundaries."""

    labels: tuple[str, ...]

    @classmethod
    def between(cls, first: str, last: str) -> Months:
        """Every month from `first` to `last` ("YYYY-MM"), inclusive."""
        start, end = np.datetime64(first, "M"), np.datetime64(last, "M")
        if end < start:
            raise ValueError(f"month range ends ({last}) before it starts ({first})")
        return cls(tuple(str(m) for m in np.arange(start, end + np.timedelta64(1, "M"))))

    @property
    def starts(self) -> np.ndarray:
        """First day of each month, and of the month after the last (length n + 1)."""
        months = np.array(self.labels, dtype="datetime64[M]")
        return np.append(months, months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]")

    @property
    def calendar(self) -> np.ndarray:
        """Calendar month number (1–12) of each month."""
        return np.array([int(m[5:]) for m in self.labels])

    def index(self, label: str) -> int:
        """Position of `label` in the range, clipped to 0 .. n (n = after the last month)."""
        return int(np.searchsorted(np.array(self.labels), label))


@dataclass(frozen=True, eq=False)
class ForceEvents:
    """One force's events: indices into its `ForcePlaces`, `CRIME_TYPES` and `Months`."""

    places: ForcePlaces
    point: np.ndarray
    crime_type: np.ndarray
    month: np.ndarray
    date: np.ndarray
    source: np.ndarray
    located: np.ndarray

    @property
    def lsoa(self) -> np.ndarray:
        """Index of each event's LSOA (the LSOA of its map point)."""
        return self.places.point_lsoa[self.point]


def force_rng(seed: int, slug: str, stream: int) -> np.random.Generator:
    """The random stream `stream` of one force: independent of other forces and of thread order."""
    return np.random.default_rng([seed, stable_key(slug), stream])


def expected_counts(places: ForcePlaces, months: Months, rate: float, rises: list) -> np.ndarray:
    """(LSOAs × types × months) Poisson means before planted hotspots and near-repeats."""
    shares = rates.type_shares()
    lam = (
        (places.population * places.busyness * rate / 1000)[:, None, None]
        * (shares[None, :] * rates.deprivation_factors(places.imd_decile))[:, :, None]
        * rates.seasonal_factors(months.calendar)[None, :, :]
    )
    for rise in rises:
        lsoas = places.district_code == rise.district_code
        later = np.arange(months.index(rise.from_month), lam.shape[2])
        lam[np.ix_(lsoas, [CRIME_TYPES.index(rise.crime_type)], later)] *= rise.factor
    return lam


def _days(rng: np.random.Generator, months: Months, month: np.ndarray) -> np.ndarray:
    starts = months.starts
    length = (starts[1:] - starts[:-1]).astype(int)
    return starts[month] + np.floor(rng.random(len(month)) * length[month]).astype("timedelta64[D]")


def draw_force_events(
    places: ForcePlaces,
    months: Months,
    seed: int,
    rate: float,
    rises: list,
    hotspots: list,
    near_repeats: list,
) -> ForceEvents:
    """Draw a force's events. `hotspots` holds (Hotspot, centre_x, centre_y) owned by this force."""
    rng = force_rng(seed, places.slug, 2)
    lam = expected_counts(places, months, rate, rises)
    counts = rng.poisson(lam).ravel()
    cells = np.repeat(np.flatnonzero(counts), counts[counts > 0])
    lsoa, crime_type, month = np.unravel_index(cells, lam.shape)
    point = places.pick_points(lsoa, rng.random(len(cells)))
    parts = [(point, crime_type, month, np.full(len(cells), BASE))]

    for hotspot, cx, cy in hotspots:
        candidates = np.flatnonzero(np.hypot(places.point_x - cx, places.point_y - cy) <= hotspot.radius_m)
        first, last = hotspot.months or (months.labels[0], months.labels[-1])
        active = np.arange(months.index(first), min(months.index(last) + 1, len(months.labels)))
        n = rng.poisson(hotspot.extra_per_month, len(active))
        month = np.repeat(active, n)
        point = candidates[rng.integers(0, len(candidates), len(month))]
        parts.append((point, np.full(len(month), CRIME_TYPES.index(hotspot.crime_type)), month,
                      np.full(len(month), HOTSPOT)))  # fmt: skip

    point, crime_type, month, source = (np.concatenate(c) for c in zip(*parts, strict=True))
    date = _days(rng, months, month)
    for effect in near_repeats:
        extra = _near_repeats(rng, places, months, effect, point, crime_type, date)
        point, crime_type, date = (
            np.concatenate(pair) for pair in zip((point, crime_type, date), extra, strict=True)
        )
        source = np.concatenate([source, np.full(len(extra[0]), NEAR_REPEAT)])
    month = np.searchsorted(months.starts, date, side="right") - 1
    located = rng.random(len(point)) >= rates.NO_LOCATION_SHARE
    return ForceEvents(
        places, point, crime_type.astype(np.int8), month, date, source.astype(np.int8), located
    )


def _near_repeats(rng, places, months, effect, point, crime_type, date):
    """Follow-up events: same type, within `max_distance_m` and 1..`max_days` days after."""
    originals = np.flatnonzero(
        (crime_type == CRIME_TYPES.index(effect.crime_type)) & (rng.random(len(point)) < effect.fraction)
    )
    delay = rng.integers(1, effect.max_days + 1, len(originals)).astype("timedelta64[D]")
    new_date = date[originals] + delay
    keep = new_date < months.starts[-1]  # a follow-up after the last month is not published
    originals, new_date = originals[keep], new_date[keep]
    ox, oy = places.point_x[point[originals]], places.point_y[point[originals]]
    r = effect.max_distance_m * np.sqrt(rng.random(len(originals)))
    angle = rng.uniform(0, 2 * np.pi, len(originals))
    tree = cKDTree(np.column_stack([places.point_x, places.point_y]))
    _, snapped = tree.query(np.column_stack([ox + r * np.cos(angle), oy + r * np.sin(angle)]))
    # Snapping can carry a point further than the planted distance; then reuse the original's
    # map point (distance 0), which is what a repeat at the same address looks like on police.uk.
    too_far = np.hypot(places.point_x[snapped] - ox, places.point_y[snapped] - oy) > effect.max_distance_m
    new_point = np.where(too_far, point[originals], snapped)
    return new_point, crime_type[originals], new_date
