"""Look at police.uk files before importing them: which force-months, how many rows each,
how many rows share a Crime ID, and which months a file would replace with fewer rows.

A month replaced by a smaller file is how a 70-row sample once silently replaced a stored
5,955-row month and made the next assessment report a fall that was not there, so such a
replacement needs the officer's say-so (`smaller_than_stored`). Repeated Crime IDs inside a
month are real (police.uk files carry them: one crime, several records) and are kept; they
are counted so that people can see them.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyarrow.csv as pcsv

from cspmonitor.analysis.policeuk_files import iter_sources, parse_file_name
from cspmonitor.analysis.store import MonthRecord


@dataclass(frozen=True)
class MonthScan:
    """One street file's force-month, its data rows and rows repeating another's Crime ID."""

    force: str
    month: str
    source: str
    rows: int
    repeated_crime_ids: int


@dataclass(frozen=True)
class Shrink:
    """A stored month that a file with fewer rows would replace."""

    force: str
    month: str
    stored_rows: int
    new_rows: int
    source: str


def scan(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[MonthScan], list[str]]:
    """(street files found, one per force-month, first copy wins; names of files not readable).

    Files that are not street files (outcomes, stop and search, other names) are left out;
    the import reports them.
    """
    found: dict[tuple[str, str], MonthScan] = {}
    unreadable: list[str] = []
    for source in iter_sources(paths):
        if source.name.lower().endswith(".zip"):
            unreadable.append(source.name)  # iter_sources' stand-in for an archive it cannot open
            continue
        name = parse_file_name(source.name)
        if name is None or name.kind != "street" or (name.force, name.month) in found:
            continue
        try:
            table = pcsv.read_csv(
                io.BytesIO(source.load()),
                convert_options=pcsv.ConvertOptions(include_columns=["Crime ID"], strings_can_be_null=True),
            )
        except (OSError, ValueError, KeyError):  # not CSV, or no Crime ID column
            unreadable.append(source.name)
            continue
        ids = Counter(i for i in table.column("Crime ID").to_pylist() if i)
        repeated = sum(n for n in ids.values() if n > 1)
        found[(name.force, name.month)] = MonthScan(
            name.force, name.month, source.name, table.num_rows, repeated
        )
    return sorted(found.values(), key=lambda s: (s.force, s.month)), unreadable


def smaller_than_stored(
    scans: Sequence[MonthScan], stored: Mapping[tuple[str, str], MonthRecord]
) -> list[Shrink]:
    """The months each scan would replace with fewer rows than the store holds."""
    out = []
    for month in scans:
        record = stored.get((month.force, month.month))
        if record is not None and month.rows < record.rows:
            out.append(Shrink(month.force, month.month, record.rows, month.rows, month.source))
    return out
