"""Row rules for police.uk street-level crime files, applied to whole columns at once.

police.uk publishes one CSV per force and month with the header in `HEADER`. Every rule here is
written twice on purpose: once as a vectorised PyArrow check that decides *whether* a row fails
(fast enough for a national year of ~7.5 million rows), and once as a plain-Python function that
explains *why*, which runs only for the rows that failed. The vectorised masks decide which
columns are named in a reject, so the two can never disagree about which rows are rejected.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

HEADER: tuple[str, ...] = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)

ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"

#: The 14 police.uk crime types plus anti-social behaviour, in police.uk's order.
CRIME_TYPES: tuple[str, ...] = (
    ANTI_SOCIAL_BEHAVIOUR,
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)

# Categories police.uk used before May 2013. They are rejected, not mapped: "Violent crime" did
# not include most sexual offences (they sat in "Other crime"), so relabelling it "Violence and
# sexual offences" would manufacture a step change in any series that spans 2013. police.uk only
# publishes a rolling 36 months, so these appear only in old private archives.
RETIRED_CRIME_TYPES: dict[str, str] = {
    "Violent crime": (
        "'Violent crime' is the pre-May-2013 category; it is not comparable with "
        "'Violence and sexual offences' (sexual offences were then in 'Other crime'), "
        "so it is not imported"
    ),
    "Public disorder and weapons": (
        "'Public disorder and weapons' is the pre-May-2013 category, later split into "
        "'Public order' and 'Possession of weapons'; it cannot be split after the fact, "
        "so it is not imported"
    ),
}

# Generous bounds around the UK (Scilly to Shetland, Northern Ireland to Lowestoft). police.uk
# snaps points to anonymous map points on land, so anything outside is a corrupted value.
LONGITUDE_RANGE = (-8.7, 1.8)
LATITUDE_RANGE = (49.8, 60.9)

CRIME_ID_LENGTH = 64
_LSOA_CODE = r"^[EW]01[0-9]{6}$"
_DECIMAL = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$"
MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@cache
def crime_type_values() -> pa.Array:
    """`CRIME_TYPES` as an Arrow array, built on first use: building any Arrow array makes pyarrow
    look for pandas, and importing this module should not pay for that (see `arrow.py`)."""
    return pa.array(CRIME_TYPES)


@dataclass(frozen=True)
class RowChecks:
    """Outcome of the vectorised checks on one file.

    `failures` maps a column name to a boolean Arrow array, true where that column breaks a
    rule; `failed` is their union. `crime_type_index` is each row's position in
    `CRIME_TYPES` (null when unknown), reused to build the dictionary-encoded column.
    """

    failures: dict[str, pa.ChunkedArray]
    failed: pa.ChunkedArray
    longitude: pa.ChunkedArray
    latitude: pa.ChunkedArray
    no_location: pa.ChunkedArray
    crime_type_index: pa.ChunkedArray

    @property
    def failed_count(self) -> int:
        """Number of rows that fail at least one rule."""
        return int(pc.sum(self.failed).as_py() or 0)

    def failing_columns(self, rows: np.ndarray) -> list[list[str]]:
        """For each row index in `rows`, the failing column names in header order."""
        masks = {c: m.to_numpy(zero_copy_only=False)[rows] for c, m in self.failures.items()}
        return [[c for c in masks if masks[c][i]] for i in range(len(rows))]


# In what follows an Arrow comparison with a null gives null, and a null in a failure mask
# would be read as "not failed"; every test that can meet a null is wrapped in _known, so a
# missing value never passes a check by accident.
def _known(mask: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.fill_null(mask, False)


def _to_float(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Parse decimals; anything that does not parse becomes null (and then fails)."""
    try:
        # Fast path: one C++ cast. Arrow also accepts "nan", "inf" and "1e1"; NaN and
        # infinity then fail the UK range test, which is what we want.
        return pc.cast(column, pa.float64())
    except pa.ArrowInvalid:
        numeric = pc.match_substring_regex(column, _DECIMAL)
        return pc.cast(pc.if_else(numeric, column, pa.scalar(None, pa.string())), pa.float64())


def _within(values: pa.ChunkedArray, bounds: tuple[float, float]) -> pa.ChunkedArray:
    return _known(pc.and_(pc.greater_equal(values, bounds[0]), pc.less_equal(values, bounds[1])))


def _matches(column: pa.ChunkedArray, pattern: str) -> pa.ChunkedArray:
    # Codes repeat a lot within a file (a few hundred LSOAs for 15,000 rows), so run the
    # regex over the distinct values only and spread the answer back with the indices.
    encoded = pc.dictionary_encode(column.combine_chunks())
    on_dictionary = pc.match_substring_regex(encoded.dictionary, pattern)
    return pa.chunked_array([_known(pc.take(on_dictionary, encoded.indices))])


def check_rows(table: pa.Table, month: str) -> RowChecks:
    """Apply every row rule to a table of 12 string columns from a file for `month`.

    Empty fields must already be nulls (read the CSV with ``null_values=[""]``). `month` is
    the file's own month (already checked to be well formed and not in the future), so one
    equality test covers the row's format, future and mismatch rules.
    """

    def col(name: str) -> pa.ChunkedArray:
        return table.column(name)

    def empty(name: str) -> pa.ChunkedArray:
        return pc.is_null(col(name))

    def present(name: str) -> pa.ChunkedArray:
        return pc.is_valid(col(name))

    is_asb = _known(pc.equal(col("Crime type"), ANTI_SOCIAL_BEHAVIOUR))
    crime_type_index = pc.index_in(col("Crime type"), value_set=crime_type_values())
    longitude, latitude = _to_float(col("Longitude")), _to_float(col("Latitude"))
    no_location = pc.and_(empty("Longitude"), empty("Latitude"))
    located = pc.invert(no_location)
    # Only the Crime ID's length is checked: a shifted column shows up there, and a hex test
    # on 64 characters per row would cost more than all the other checks together.
    id_length_ok = _known(pc.equal(pc.binary_length(col("Crime ID")), CRIME_ID_LENGTH))
    failures = {
        "Crime ID": pc.or_(
            pc.and_(is_asb, present("Crime ID")),
            pc.invert(pc.or_(empty("Crime ID"), id_length_ok)),
        ),
        "Month": pc.invert(_known(pc.equal(col("Month"), month))),
        "Reported by": empty("Reported by"),
        "Falls within": empty("Falls within"),
        # A NaN or null is never "within", so a non-numeric value fails the range test too.
        "Longitude": pc.and_(located, pc.invert(_within(longitude, LONGITUDE_RANGE))),
        "Latitude": pc.and_(located, pc.invert(_within(latitude, LATITUDE_RANGE))),
        "LSOA code": pc.invert(
            pc.or_(
                _matches(col("LSOA code"), _LSOA_CODE),
                pc.and_(empty("LSOA code"), no_location),
            )
        ),
        "LSOA name": pc.xor(empty("LSOA code"), empty("LSOA name")),
        "Crime type": pc.is_null(crime_type_index),
        "Last outcome category": pc.and_(is_asb, present("Last outcome category")),
    }
    failed = failures["Crime ID"]
    for mask in list(failures.values())[1:]:
        failed = pc.or_(failed, mask)
    return RowChecks(failures, failed, longitude, latitude, no_location, crime_type_index)


def explain(column: str, row: dict[str, str], month: str, today: date) -> str:
    """Say in words why `column` of a failed `row` was rejected.

    `row` maps each HEADER name to the field's text ("" for an empty field).

    >>> explain("Crime type", {"Crime type": "Arson"}, "2023-03", date(2024, 1, 1))
    "unknown crime type 'Arson'"
    """
    value = row[column]
    if column == "Crime ID":
        if row["Crime type"] == ANTI_SOCIAL_BEHAVIOUR:
            return f"an anti-social behaviour row must have no Crime ID, found {value!r}"
        return f"Crime ID must be empty or {CRIME_ID_LENGTH} characters long, found {value!r}"
    if column == "Month":
        return explain_month(value, month, today)
    if column in ("Reported by", "Falls within"):
        return f"{column} is empty"
    if column in ("Longitude", "Latitude"):
        other = row["Latitude" if column == "Longitude" else "Longitude"]
        low, high = LONGITUDE_RANGE if column == "Longitude" else LATITUDE_RANGE
        if value == "":
            return f"{column} is empty but the other coordinate is {other!r}; need both or neither"
        if not re.match(_DECIMAL, value):
            return f"{column} is not a number: {value!r}"
        return f"{column} {value} is outside the UK range {low} to {high}"
    if column == "LSOA code":
        if value == "":
            return "LSOA code is empty but the row has coordinates"
        return f"LSOA code must be E01 or W01 followed by 6 digits, found {value!r}"
    if column == "LSOA name":
        if value == "":
            return "LSOA name is empty but the LSOA code is not"
        return f"LSOA name {value!r} given without an LSOA code"
    if column == "Crime type":
        return RETIRED_CRIME_TYPES.get(value, f"unknown crime type {value!r}")
    if column == "Last outcome category":
        return f"an anti-social behaviour row must have no outcome, found {value!r}"
    raise ValueError(f"no rule for column {column!r}")  # pragma: no cover - programming error


def explain_month(value: str, expected: str, today: date) -> str:
    """Say why a Month value is not the expected file month."""
    if not MONTH_PATTERN.match(value):
        return f"not a month in YYYY-MM form: {value!r}"
    if value > f"{today:%Y-%m}":
        return f"month {value} is in the future"
    return f"month {value} does not match the file's month {expected}"


def header_fault(header: list[str]) -> tuple[str, int, str]:
    """What is wrong with a header that is not `HEADER`: (reason, line, column)."""
    if not any(header):
        return "file is empty: no header line", 1, ""
    for position, expected in enumerate(HEADER):
        found = header[position] if position < len(header) else None
        if found != expected:
            where = f"column {position + 1}"
            if found is None:
                return f"header has {len(header)} columns, expected 12", 1, expected
            return f"header {where} is {found!r}, expected {expected!r}", 1, expected
    return f"header has {len(header)} columns, expected 12", 1, ""


def unreadable_reason(error: Exception) -> str:
    """Why a file could not be parsed, in words, from the parser's error."""
    text = str(error)
    if isinstance(error, UnicodeDecodeError) or "invalid UTF8" in text:
        return "the file is not UTF-8 text"
    if "field larger than field limit" in text:
        return f"a field is longer than {csv.field_size_limit():,} characters, so the file is damaged"
    return text
