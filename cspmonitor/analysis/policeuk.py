"""Read police.uk street-level crime CSVs into one typed, validated table.

police.uk publishes monthly archives holding one file per force and month,
``YYYY-MM/YYYY-MM-<force>-street.csv``. `read_street_crimes` takes a single such file, a folder
of them (searched recursively, zip archives included) or a zip archive, and returns a
`StreetCrimes` result: a PyArrow table of valid rows plus a `Reject` for every row or file that
failed a rule. Nothing is dropped silently: ``rows_valid + rows_rejected == rows_read``.

Files called ``...-outcomes.csv`` or ``...-stop-and-search.csv`` come in the same archives; they
are not street files, so they are listed in ``files_skipped`` rather than rejected.

Parsing is PyArrow's C++ CSV reader with every column as text, then whole-column checks
(`policeuk_rules.check_rows`); Python touches individual rows only to describe rejects.
Files are parsed in parallel threads (PyArrow releases the GIL).

Decisions worth knowing:

- Rows without a location (no coordinates, no LSOA) are kept and counted: they are real
  crimes, and dropping them would under-count force-wide totals.
- A row whose month differs from its file's month is rejected, so every row is counted once,
  in the month police.uk published it under.
- Pre-2013 categories ("Violent crime", "Public disorder and weapons") are rejected with a
  reason rather than mapped; see `policeuk_rules.RETIRED_CRIME_TYPES`.
- A second copy of the same force and month (say an unzipped folder beside its zip) is
  refused, so nothing is counted twice.
- Northern Ireland's police.uk files give coordinates but no LSOA, so their rows fail the
  LSOA rule; this software serves England and Wales, so that is the intended outcome.
- A refused file's rows are not read, so they are not in ``rows_read``; the file is in
  ``file_rejects`` with the reason.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from cspmonitor.analysis.policeuk_files import Source, iter_sources, locate_records, parse_file_name
from cspmonitor.analysis.policeuk_rules import (
    HEADER,
    MONTH_PATTERN,
    check_rows,
    crime_type_values,
    explain,
    header_fault,
    unreadable_reason,
)


def _memory_pool() -> pa.MemoryPool:
    # The parsed tables are all kept (they are the result). Arrow's default allocator,
    # mimalloc, made each parse ~3x slower once earlier tables were retained (measured on
    # 500 files of 3 MB: 20 ms against 7 ms); jemalloc and the system allocator do not.
    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:  # pragma: no cover - wheels without jemalloc
        return pa.system_memory_pool()


_POOL = _memory_pool()

SCHEMA = pa.schema(
    [
        ("force", pa.dictionary(pa.int32(), pa.string())),
        ("month", pa.date32()),
        ("crime_id", pa.string()),
        ("reported_by", pa.string()),
        ("falls_within", pa.string()),
        ("longitude", pa.float64()),
        ("latitude", pa.float64()),
        ("location", pa.string()),
        ("lsoa_code", pa.string()),
        ("lsoa_name", pa.string()),
        ("crime_type", pa.dictionary(pa.int8(), pa.string())),
        ("outcome", pa.string()),
        ("context", pa.string()),
    ]
)
_TEXT_COLUMNS = {
    "crime_id": "Crime ID",
    "reported_by": "Reported by",
    "falls_within": "Falls within",
    "location": "Location",
    "lsoa_code": "LSOA code",
    "lsoa_name": "LSOA name",
    "outcome": "Last outcome category",
    "context": "Context",
}


@dataclass(frozen=True)
class Reject:
    """A row or file that was not imported.

    `line` is the physical line number in the file (the header is line 1); it is 0 when the
    whole file was refused before reading it. `column` is the first failing column ("" when
    the fault is not in one column). `raw` is the offending line as it appears in the file.
    """

    file: str
    line: int
    column: str
    reason: str
    raw: str


@dataclass(frozen=True)
class StreetCrimes:
    """The result of reading police.uk street-level files.

    `table` holds the valid rows (schema `SCHEMA`); rows with no location are kept, with null
    coordinates and LSOA, and counted in `rows_without_location`. `row_rejects` has one
    `Reject` per rejected row; `file_rejects` one per refused file, whose rows are not read.
    """

    table: pa.Table
    rows_read: int
    row_rejects: tuple[Reject, ...]
    file_rejects: tuple[Reject, ...]
    rows_without_location: int
    files_read: tuple[str, ...]
    files_skipped: tuple[str, ...]

    @property
    def rows_valid(self) -> int:
        """Number of rows imported."""
        return self.table.num_rows

    @property
    def rows_rejected(self) -> int:
        """Number of rows read but rejected."""
        return len(self.row_rejects)

    @property
    def balanced(self) -> bool:
        """True when every row read is either imported or rejected (always, by construction)."""
        return self.rows_valid + self.rows_rejected == self.rows_read

    @property
    def rejects(self) -> tuple[Reject, ...]:
        """File rejects followed by row rejects."""
        return self.file_rejects + self.row_rejects

    def summary(self) -> str:
        """One plain-English line, e.g. for an import log.

        >>> StreetCrimes(SCHEMA.empty_table(), 0, (), (), 0, (), ()).summary()
        '0 rows read: 0 imported (0 without a location), 0 rejected; 0 files read, 0 refused.'
        """
        return (
            f"{self.rows_read:,} rows read: {self.rows_valid:,} imported "
            f"({self.rows_without_location:,} without a location), {self.rows_rejected:,} "
            f"rejected; {len(self.files_read):,} files read, {len(self.file_rejects):,} refused."
        )


@dataclass(frozen=True)
class FileResult:
    """One file's outcome: its valid rows (None when refused or skipped) and its rejects."""

    name: str
    table: pa.Table | None
    rows_read: int
    row_rejects: list[Reject]
    file_reject: Reject | None
    rows_without_location: int = 0
    skipped: bool = False
    skip_reason: str = ""


def read_street_crimes(
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    today: date | None = None,
    workers: int | None = None,
) -> StreetCrimes:
    """Read police.uk street-level CSVs from files, folders and zip archives.

    `today` (default: the current date) decides which months are "in the future". `workers`
    is the number of files parsed at once (default: the CPU count).

    >>> result = read_street_crimes(REFERENCE_DIR / "police_uk_sample")
    >>> result.rows_read, result.rows_valid, result.rows_rejected, result.balanced
    (70, 70, 0, True)
    """
    today = today or date.today()
    paths = [sources] if isinstance(sources, str | os.PathLike) else list(sources)
    workers = workers or os.cpu_count() or 1
    seen: dict[tuple[str, str], str] = {}
    results: list[FileResult] = []
    to_read: list[Source] = []
    for source in iter_sources(paths):
        duplicate = duplicate_of(source, seen)
        if duplicate is None:
            to_read.append(source)
        else:
            results.append(duplicate)
    # Sources load their bytes lazily inside the worker, so only the files being parsed are
    # in memory as text; the parsed tables are kept (they are the result).
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results += pool.map(lambda source: read_file(source, today), to_read)
    tables = [r.table for r in results if r.table is not None]
    outcome = StreetCrimes(
        table=pa.concat_tables(tables) if tables else SCHEMA.empty_table(),
        rows_read=sum(r.rows_read for r in results),
        row_rejects=tuple(rej for r in results for rej in r.row_rejects),
        file_rejects=tuple(r.file_reject for r in results if r.file_reject is not None),
        rows_without_location=sum(r.rows_without_location for r in results),
        files_read=tuple(r.name for r in results if r.table is not None),
        files_skipped=tuple(r.name for r in results if r.skipped),
    )
    if not outcome.balanced:  # pragma: no cover - would be a bug in this module
        raise AssertionError(f"row accounting does not balance: {outcome.summary()}")
    return outcome


def write_rejects(rejects: Sequence[Reject], path: str | os.PathLike[str]) -> int:
    """Write rejects to a UTF-8 CSV with columns file, line, column, reason, raw.

    Returns the number of rejects written.
    """
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "line", "column", "reason", "raw"])
        for reject in rejects:
            writer.writerow([reject.file, reject.line, reject.column, reject.reason, reject.raw])
    return len(rejects)


def duplicate_of(source: Source, seen: dict[tuple[str, str], str]) -> FileResult | None:
    """A refusal when ``source`` repeats a force-month already in ``seen``, else None."""
    # Two copies of one force-month (an unzipped folder next to its zip, say) would double
    # every count, so the second copy (in sorted path order) is refused rather than added.
    name = parse_file_name(source.name)
    if name is None or name.kind != "street":
        return None
    first = seen.setdefault((name.force, name.month), source.name)
    if first == source.name:
        return None
    reason = f"duplicate: {name.force} {name.month} was already read from {first}"
    return FileResult(source.name, None, 0, [], Reject(source.name, 0, "", reason, ""))


#: police.uk's street-level data begins with December 2010.
FIRST_MONTH = "2010-12"


def read_file(source: Source, today: date) -> FileResult:
    """Read and check one police.uk file; the importer calls this file by file.

    Never raises for anything in the file: whatever cannot be read is a refusal with a reason.
    """

    def refuse(reason: str, line: int = 0, column: str = "", raw: str = "") -> FileResult:
        return FileResult(source.name, None, 0, [], Reject(source.name, line, column, reason, raw))

    if source.problem:
        return refuse(source.problem)
    if source.skip:
        return FileResult(source.name, None, 0, [], None, skipped=True, skip_reason=source.skip)
    name = parse_file_name(source.name)
    if name is None:
        return refuse("file name does not match YYYY-MM-<force>-street.csv")
    if name.kind != "street":
        return FileResult(
            source.name,
            None,
            0,
            [],
            None,
            skipped=True,
            skip_reason=f"a police.uk {name.kind} file, not street crimes",
        )
    month, force = name.month, name.force
    if not MONTH_PATTERN.match(month):
        return refuse(f"file name month {month!r} is not a month in YYYY-MM form")
    if month < FIRST_MONTH:
        return refuse(f"file name month {month} is before December 2010, when police.uk's data begins")
    if month > f"{today:%Y-%m}":
        return refuse(f"file name month {month} is in the future")
    if name.folder and name.folder != month:
        return refuse(f"file for {month} is in the folder for {name.folder}")
    try:
        data = source.load()
    except OSError as error:
        return refuse(f"unreadable: {error}")
    try:
        return _read(source.name, force, month, data, today, refuse)
    except (csv.Error, ValueError, UnicodeDecodeError, pa.ArrowException) as error:
        return refuse(f"unreadable: {unreadable_reason(error)}")


def _read(name: str, force: str, month: str, data: bytes, today: date, refuse) -> FileResult:
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return refuse(f"unreadable: line {line} is not UTF-8 text (save the file as UTF-8)", line=line)
    if data.count(b"\r") != data.count(b"\r\n"):
        return refuse(
            "lines end in a carriage return alone (an old Mac format); save the file with "
            "Windows or Unix line endings"
        )
    header_end = data.find(b"\n")
    header_line = data[: header_end if header_end >= 0 else len(data)].rstrip(b"\r")
    try:
        header = next(csv.reader([header_line.decode("utf-8")]), [])
    except UnicodeDecodeError:
        return refuse("unreadable: the header is not UTF-8 text", line=1)
    if tuple(header) != HEADER:
        return refuse(*header_fault(header), raw=header_line.decode("utf-8")[:500])
    table, invalid = _parse(data)
    return _validate(name, force, month, data, table, invalid, today)


def _parse(data: bytes) -> tuple[pa.Table, list[tuple[int, str, int]]]:
    """Parse all columns as text; rows with the wrong number of fields are set aside."""
    invalid: list[tuple[int, str, int]] = []

    def handler(row: pacsv.InvalidRow) -> str:
        # number counts lines of the body; the header is line 1 of the file.
        invalid.append(((row.number or 0) + 1, row.text, row.actual_columns))
        return "skip"

    header_end = data.find(b"\n")
    body = data[header_end + 1 :] if header_end >= 0 else b""
    if not body.strip():  # a header and nothing else: a force with no rows that month
        return pa.table({c: pa.array([], pa.string()) for c in HEADER}), invalid
    table = pacsv.read_csv(
        pa.py_buffer(body),
        # One block per file gives single-chunk columns, so later checks never copy to combine.
        # Files are parsed in parallel, so each parse runs on one thread (which also makes
        # InvalidRow.number a line number).
        read_options=pacsv.ReadOptions(
            column_names=list(HEADER),
            use_threads=False,
            block_size=max(len(body) + 1, 1 << 20),
        ),
        memory_pool=_POOL,
        # Allowing line breaks inside quoted values halves the parser's speed, and police.uk
        # files rarely quote anything, so it is switched on only when a quote is present.
        parse_options=pacsv.ParseOptions(invalid_row_handler=handler, newlines_in_values=b'"' in body),
        # Every column as text, and an empty field (quoted or not) as null: "no location",
        # "no Crime ID" (anti-social behaviour) and "no outcome" are all missing values.
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(HEADER, pa.string()),
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
    )
    return table, invalid


def _validate(
    name: str,
    force: str,
    month: str,
    data: bytes,
    table: pa.Table,
    invalid: list[tuple[int, str, int]],
    today: date,
) -> FileResult:
    checks = check_rows(table, month)
    lines, raws = None, None
    if invalid or checks.failed_count:
        # The parser numbers records, not lines; find each record's physical line.
        lines, raws, invalid_lines = locate_records(data, len(table), [line for line, _, _ in invalid])
        invalid = [(line, text, n) for line, (_, text, n) in zip(invalid_lines, invalid, strict=True)]
    rejects = [Reject(name, line, "", f"row has {n} fields, expected 12", text) for line, text, n in invalid]
    longitude, latitude = checks.longitude, checks.latitude
    crime_types, no_location = checks.crime_type_index, checks.no_location
    if checks.failed_count:
        # The slow, per-row path: only for the rows that failed.
        bad_rows = np.flatnonzero(checks.failed.to_numpy(zero_copy_only=False))
        assert lines is not None
        fields = table.take(pa.array(bad_rows)).to_pylist()
        for index, record, columns in zip(bad_rows, fields, checks.failing_columns(bad_rows), strict=True):
            row = {column: value or "" for column, value in record.items()}
            reasons = [explain(c, row, month, today) for c in columns]
            reason = reasons[0] + "".join(
                f"; also {c}: {r}" for c, r in zip(columns[1:], reasons[1:], strict=True)
            )
            raw = raws[index] if raws is not None else _reserialise(row)
            rejects.append(Reject(name, int(lines[index]), columns[0], reason, raw))
        rejects.sort(key=lambda r: r.line)
        # Filtering copies every column, so it is done only when something failed.
        keep = pc.invert(checks.failed)
        table, longitude, latitude = table.filter(keep), longitude.filter(keep), latitude.filter(keep)
        crime_types, no_location = crime_types.filter(keep), no_location.filter(keep)
    out = _typed(table, longitude, latitude, crime_types, force, month)
    return FileResult(
        name,
        out,
        len(checks.failed) + len(invalid),
        rejects,
        None,
        rows_without_location=int(pc.sum(no_location).as_py() or 0),
    )


def _reserialise(row: dict[str, str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([row[c] for c in HEADER])
    return buffer.getvalue()


def _typed(
    table: pa.Table,
    longitude: pa.ChunkedArray,
    latitude: pa.ChunkedArray,
    crime_types: pa.ChunkedArray,
    force: str,
    month: str,
) -> pa.Table:
    n = table.num_rows
    first_day = (date(int(month[:4]), int(month[5:]), 1) - date(1970, 1, 1)).days
    columns: dict[str, pa.Array | pa.ChunkedArray] = {
        "force": pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int32)), [force]),
        "month": pa.array(np.full(n, first_day, dtype=np.int32), type=pa.date32()),
        "longitude": longitude,
        "latitude": latitude,
        "crime_type": pa.DictionaryArray.from_arrays(
            pc.cast(crime_types, pa.int8()).combine_chunks(), crime_type_values()
        ),
    }
    for name, source in _TEXT_COLUMNS.items():
        columns[name] = table.column(source)
    return pa.table([columns[f.name] for f in SCHEMA], schema=SCHEMA)
