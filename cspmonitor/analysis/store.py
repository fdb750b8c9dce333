"""The crime store: police.uk rows as Parquet, partitioned by force and month, read with DuckDB.

Layout under the store's root::

    force=<slug>/month=<YYYY-MM>/data.parquet   one file per force-month
    manifest.parquet                            one row per force-month: source, hash, rows, time

police.uk publishes only a rolling 36 months; the store keeps every month it is given, so a
partnership's history outlives the website's window. A force-month is replaced as a whole:
the new file is written beside the old one and renamed over it, so a reader sees either the
old month or the new one, never half of either. Importing the same file again changes
nothing (same hash); a revised file for the same month replaces the earlier one.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from cspmonitor.analysis.queries import sql

MANIFEST_SCHEMA = pa.schema(
    [
        ("force", pa.string()),
        ("month", pa.string()),
        ("source", pa.string()),
        ("sha256", pa.string()),
        ("rows", pa.int64()),
        ("rows_rejected", pa.int64()),
        ("rows_without_location", pa.int64()),
        ("imported_at", pa.timestamp("s", tz="UTC")),
        ("revision", pa.int32()),
    ]
)


@dataclass(frozen=True)
class MonthRecord:
    """What the store knows about one force-month."""

    force: str
    month: str
    source: str
    sha256: str
    rows: int
    rows_rejected: int
    rows_without_location: int
    imported_at: dt.datetime
    revision: int


@dataclass(frozen=True)
class PutResult:
    """The effect of offering one force-month to the store: added, replaced or unchanged."""

    force: str
    month: str
    action: str  # "added", "replaced" or "unchanged"
    rows: int


class CrimeStore:
    """A directory of Parquet files with a manifest, queried through DuckDB."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._batch: dict[tuple[str, str], MonthRecord] | None = None

    @contextmanager
    def batch(self) -> Iterator[CrimeStore]:
        """Hold the manifest in memory while many months are put, and write it once at the end.

        Rewriting the manifest after every month made a national import spend a third of its
        time on it. Each month's data file is still replaced atomically as it is put; the
        manifest is written when the batch ends, also when it ends with an error, so it always
        records the months that were stored.
        """
        with self._lock:
            self._batch = self.months()
            before = dict(self._batch)
        try:
            yield self
        finally:
            with self._lock:
                records, self._batch = self._batch, None
                if records != before:
                    self._write_manifest(records)

    # -- manifest -----------------------------------------------------------------------------
    @property
    def _manifest_path(self) -> Path:
        return self.root / "manifest.parquet"

    def months(self) -> dict[tuple[str, str], MonthRecord]:
        """Every force-month in the store, keyed by (force, month)."""
        if not self._manifest_path.exists():
            return {}
        rows = pq.read_table(self._manifest_path).to_pylist()
        return {(r["force"], r["month"]): MonthRecord(**r) for r in rows}

    def _write_manifest(self, records: dict[tuple[str, str], MonthRecord]) -> None:
        ordered = sorted(records.values(), key=lambda r: (r.force, r.month))
        table = pa.Table.from_pylist([r.__dict__ for r in ordered], schema=MANIFEST_SCHEMA)
        _atomic_write(table, self._manifest_path)

    # -- writing ------------------------------------------------------------------------------
    def put_month(
        self,
        force: str,
        month: str,
        table: pa.Table,
        *,
        source: str,
        sha256: str,
        rows_rejected: int = 0,
        rows_without_location: int = 0,
    ) -> PutResult:
        """Store one force-month's rows, replacing any earlier version of that month whole.

        Safe to call from several threads at once for different months: the Parquet file is
        written outside the lock (PyArrow releases the GIL), only the manifest is shared.
        """
        with self._lock:
            earlier = (self._batch if self._batch is not None else self.months()).get((force, month))
        if earlier is not None and earlier.sha256 == sha256:
            return PutResult(force, month, "unchanged", earlier.rows)
        path = self._month_path(force, month)
        path.parent.mkdir(parents=True, exist_ok=True)
        columns = [name for name in table.column_names if name not in {"force", "month"}]
        _atomic_write(table.select(columns), path)
        with self._lock:
            records = self._batch if self._batch is not None else self.months()
            records[(force, month)] = MonthRecord(
                force=force,
                month=month,
                source=source,
                sha256=sha256,
                rows=table.num_rows,
                rows_rejected=rows_rejected,
                rows_without_location=rows_without_location,
                imported_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
                revision=(earlier.revision + 1) if earlier else 1,
            )
            if self._batch is None:
                self._write_manifest(records)
        return PutResult(force, month, "replaced" if earlier else "added", table.num_rows)

    def _month_path(self, force: str, month: str) -> Path:
        return self.root / f"force={force}" / f"month={month}" / "data.parquet"

    # -- reading ------------------------------------------------------------------------------
    def connect(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with a ``crimes`` view over every stored month.

        The view has the stored columns plus ``force`` and ``month`` (from the partition
        folders, as text 'YYYY-MM').
        """
        connection = duckdb.connect()
        files = sorted(self.root.glob("force=*/month=*/data.parquet"))
        if files:
            pattern = str(self.root / "force=*" / "month=*" / "data.parquet")
            # A view's file pattern cannot be a bound parameter; the path is ours, quoted.
            view = sql("crimes_view").replace("$pattern", _quote(pattern))
            connection.execute(view)
        else:
            connection.execute(sql("empty_crimes_view"))
        return connection

    def query(self, name: str, **parameters) -> pa.Table:
        """Run the named SQL file (``sql/<name>.sql``) with ``$parameters`` against the store."""
        with self.connect() as connection:
            return connection.sql(sql(name), params=parameters).to_arrow_table()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _atomic_write(table: pa.Table, path: Path) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    # zstd level 1: files about as small as the default level, written a fifth faster. Crime
    # IDs are all different, so trying to dictionary-encode them only wastes a quarter of the
    # write time; every other text column repeats and is dictionary-encoded.
    repeated = [name for name in table.column_names if name != "crime_id"]
    pq.write_table(table, temporary, compression="zstd", compression_level=1, use_dictionary=repeated)
    os.replace(temporary, path)
