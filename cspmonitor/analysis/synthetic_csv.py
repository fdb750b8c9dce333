"""Write synthetic events as police.uk street-level CSV files, byte for byte in police.uk's format.

Every column is built with Arrow ``take`` from a small table of distinct values (one entry per
map point, LSOA, crime type or outcome), so a national year of ~7.5 million rows never goes
through a Python loop, and PyArrow's C++ writer does the formatting.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from cspmonitor.analysis import synthetic_rates as rates
from cspmonitor.analysis.policeuk_rules import ANTI_SOCIAL_BEHAVIOUR, CRIME_TYPES, HEADER
from cspmonitor.analysis.synthetic_events import ForceEvents, Months, force_rng

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_ASB = CRIME_TYPES.index(ANTI_SOCIAL_BEHAVIOUR)
# police.uk quotes only fields that need it, and none of ours do (no commas or quotes in
# generated street names, LSOA names or outcomes); "none" makes Arrow refuse, rather than
# mis-write, any value that would need quoting.
_WRITE_OPTIONS = pacsv.WriteOptions(quoting_style="none", quoting_header="none", batch_size=1 << 16)


def file_path(out_dir: Path, month: str, force: str) -> Path:
    """``out_dir/YYYY-MM/YYYY-MM-<force>-street.csv``, as police.uk archives lay files out."""
    return Path(out_dir) / month / f"{month}-{force}-street.csv"


def _crime_ids(rng: np.random.Generator, is_crime: np.ndarray) -> pa.Array:
    """64 lower-case hex characters (like police.uk's SHA-256 ids) for crimes, null for ASB."""
    n = int(is_crime.sum())
    data = _HEX[rng.integers(0, 16, (n, 64), dtype=np.uint8)]
    ids = pa.Array.from_buffers(
        pa.string(), n, [None, pa.py_buffer(np.arange(0, 64 * n + 1, 64, dtype=np.int32)), pa.py_buffer(data)]
    )
    position = np.cumsum(is_crime) - 1
    return ids.take(pa.array(position, mask=~is_crime))


def _outcomes(rng: np.random.Generator, crime_type: np.ndarray) -> pa.Array:
    table = np.array([rates.outcome_probabilities(t).cumsum() for t in CRIME_TYPES])
    table[:, -1] = 1.0
    u = rng.random(len(crime_type))
    choice = (u[:, None] >= table[crime_type]).sum(axis=1)
    return pa.array(rates.OUTCOMES).take(pa.array(choice, mask=crime_type == _ASB))


def _with_null(values) -> pa.Array:
    return pa.array(list(values) + [None], type=pa.string())


def write_force(events: ForceEvents, months: Months, out_dir: Path, seed: int) -> dict[Path, int]:
    """Write one file per requested month for this force; return rows written per path.

    A month with no events still gets a file holding only the header, as police.uk does for a
    force that published nothing.
    """
    places = events.places
    rng = force_rng(seed, places.slug, 3)
    lon = _with_null(f"{v:.6f}" for v in places.point_lon)
    lat = _with_null(f"{v:.6f}" for v in places.point_lat)
    location = pa.array(list(places.point_location) + ["No location"], type=pa.string())
    lsoa_code, lsoa_name = _with_null(places.lsoa_code), _with_null(places.lsoa_name)
    types = pa.array(CRIME_TYPES)
    force_name = pa.array([places.name])
    lsoa = events.lsoa
    written: dict[Path, int] = {}
    for m, label in enumerate(months.labels):
        rows = np.flatnonzero(events.month == m)
        # police.uk runs through LSOAs by name, then crime types; unlocated rows come last.
        rows = rows[
            np.lexsort((events.point[rows], events.crime_type[rows], lsoa[rows], ~events.located[rows]))
        ]
        n = len(rows)
        located = events.located[rows]
        point = np.where(located, events.point[rows], len(places.point_x))
        area = np.where(located, lsoa[rows], len(places.lsoa_code))
        crime_type = events.crime_type[rows].astype(np.int64)
        constant = np.zeros(n, dtype=np.int64)
        columns = [
            _crime_ids(rng, crime_type != _ASB),
            pa.array([label]).take(constant),
            force_name.take(constant),
            force_name.take(constant),
            lon.take(point),
            lat.take(point),
            location.take(point),
            lsoa_code.take(area),
            lsoa_name.take(area),
            types.take(crime_type),
            _outcomes(rng, crime_type),
            pa.nulls(n, pa.string()),
        ]
        path = file_path(out_dir, label, places.slug)
        path.parent.mkdir(parents=True, exist_ok=True)
        pacsv.write_csv(pa.Table.from_arrays(columns, names=list(HEADER)), path, _WRITE_OPTIONS)
        written[path] = n
    return written
