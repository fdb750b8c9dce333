"""The crime store: police.uk rows as Parquet, partitioned by force and month, read with DuckDB.

Layout under the store's root::

    manifest.parquet                               the committed state: one row per force-month
    force=<slug>/month=<YYYY-MM>/data-<id>.parquet one file per force-month and import
    .write.lock, .read.lock                        advisory locks (see below)

The manifest is the only truth. A reader lists the files the manifest names and reads
nothing else, so a file on disk that the manifest does not name is invisible.

An import is one transaction (`CrimeStore.batch`): each month's rows go to a *new* file
named for the transaction (never over a stored file); at the end a new manifest is written
under a temporary name, flushed to disk and renamed over ``manifest.parquet`` — the one
atomic step that makes the whole import visible at once. Only then are the files it replaced
deleted. A process killed at any moment therefore leaves the store reading exactly as before
the import (the old manifest still names only the old files) or exactly as after it (the new
manifest was renamed in), plus perhaps some unreferenced files; the next write (or
`recover`) deletes those. Importing the same file again changes nothing (same hash, and the
stored file is still there at its recorded size); a revised file replaces its month whole.

One writer at a time: `batch` holds an exclusive lock on ``.write.lock`` (a second import
waits for the first). Readers hold a shared lock on ``.read.lock`` while they query, and
replaced files are deleted only when no reader holds it; otherwise they are left for the
next write to clear, so a query never loses a file it was about to open.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from cspmonitor.analysis.queries import sql

MANIFEST = "manifest.parquet"
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
        ("file", pa.string()),  # relative to the root
        ("file_bytes", pa.int64()),
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
    file: str = ""
    file_bytes: int | None = None


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
        self._batch: _Transaction | None = None

    # -- transactions -------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[CrimeStore]:
        """Put many months as one transaction: all of them become visible at once, or none.

        Leaving the block normally commits; leaving it with an exception discards every month
        put inside it (their new files are deleted and the manifest is untouched).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        with _flock(self.root / ".write.lock", fcntl.LOCK_EX):
            self._recover_locked()
            transaction = _Transaction(self.months())
            with self._lock:
                self._batch = transaction
            try:
                yield self
            except BaseException:
                self._discard(transaction)
                raise
            finally:
                with self._lock:
                    self._batch = None
            if transaction.written:
                self._commit(transaction)

    def rollback(self) -> None:
        """Inside `batch`: forget every month put so far (the batch then commits nothing)."""
        with self._lock:
            transaction = self._batch
        if transaction is None:
            raise RuntimeError("rollback() is only meaningful inside batch()")
        self._discard(transaction)
        transaction.records = dict(transaction.committed)
        transaction.written.clear()

    def recover(self) -> list[Path]:
        """Delete what an interrupted import left behind; returns the paths deleted.

        Runs at the start of every write; call it at start-up to clear space sooner.
        """
        if not self.root.exists():
            return []
        with _flock(self.root / ".write.lock", fcntl.LOCK_EX):
            return self._recover_locked()

    def _recover_locked(self) -> list[Path]:
        referenced = {self.root / r.file for r in self.months().values()}
        deleted = [p for p in self.root.glob("force=*/month=*/*") if p not in referenced]
        deleted += [p for p in self.root.glob(".*.tmp") if p.is_file()]
        if not _try_flock(self.root / ".read.lock"):
            # A reader may still be reading files of the previous manifest: keep the data
            # files for the next write and clear only the temporary ones.
            deleted = [p for p in deleted if p.name.endswith(".tmp")]
        for path in deleted:
            path.unlink(missing_ok=True)
        for folder in self.root.glob("force=*/month=*"):
            if not any(folder.iterdir()):
                folder.rmdir()
        return deleted

    def _discard(self, transaction: _Transaction) -> None:
        for path in transaction.written:
            path.unlink(missing_ok=True)

    def _commit(self, transaction: _Transaction) -> None:
        _sync_directories({path.parent for path in transaction.written})
        self._write_manifest(transaction.records)
        # Committed: the files the new manifest no longer names can go, unless being read.
        replaced = {self.root / r.file for r in transaction.committed.values()} - {
            self.root / r.file for r in transaction.records.values()
        }
        if replaced and _try_flock(self.root / ".read.lock"):
            for path in replaced:
                path.unlink(missing_ok=True)

    # -- manifest -----------------------------------------------------------------------------
    @property
    def _manifest_path(self) -> Path:
        return self.root / MANIFEST

    def months(self) -> dict[tuple[str, str], MonthRecord]:
        """Every committed force-month in the store, keyed by (force, month)."""
        if not self._manifest_path.exists():
            return {}
        records = {}
        for row in pq.read_table(self._manifest_path).to_pylist():
            # Stores written before transactions kept one data.parquet per month.
            row["file"] = row.get("file") or _legacy_file(row["force"], row["month"])
            records[(row["force"], row["month"])] = MonthRecord(**row)
        return records

    def _write_manifest(self, records: dict[tuple[str, str], MonthRecord]) -> None:
        ordered = sorted(records.values(), key=lambda r: (r.force, r.month))
        table = pa.Table.from_pylist([r.__dict__ for r in ordered], schema=MANIFEST_SCHEMA)
        temporary = self.root / f".{MANIFEST}.{secrets.token_hex(6)}.tmp"
        pq.write_table(table, temporary)
        _fsync(temporary)
        os.replace(temporary, self._manifest_path)  # the commit
        _sync_directories({self.root})

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

        Inside `batch` the month becomes visible when the batch commits; outside, at once.
        Safe to call from several threads at once for different months: the Parquet file is
        written outside the lock (PyArrow releases the GIL), only the records are shared.
        """
        with self._lock:
            transaction = self._batch
        if transaction is None:
            with self.batch():
                return self.put_month(
                    force,
                    month,
                    table,
                    source=source,
                    sha256=sha256,
                    rows_rejected=rows_rejected,
                    rows_without_location=rows_without_location,
                )
        earlier = transaction.committed.get((force, month))
        if earlier is not None and earlier.sha256 == sha256 and self._intact(earlier):
            return PutResult(force, month, "unchanged", earlier.rows)
        relative = f"force={force}/month={month}/data-{transaction.id}.parquet"
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            transaction.written.add(path)
        columns = [name for name in table.column_names if name not in {"force", "month"}]
        _write_parquet(table.select(columns), path)
        record = MonthRecord(
            force=force,
            month=month,
            source=source,
            sha256=sha256,
            rows=table.num_rows,
            rows_rejected=rows_rejected,
            rows_without_location=rows_without_location,
            imported_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            revision=(earlier.revision + 1) if earlier else 1,
            file=relative,
            file_bytes=path.stat().st_size,
        )
        with self._lock:
            transaction.records[(force, month)] = record
        return PutResult(force, month, "replaced" if earlier else "added", table.num_rows)

    def _intact(self, record: MonthRecord) -> bool:
        """The recorded file is there at its recorded size (else re-importing repairs it)."""
        path = self.root / record.file
        try:
            size = path.stat().st_size
        except OSError:
            return False
        return record.file_bytes is None or size == record.file_bytes

    # -- reading ------------------------------------------------------------------------------
    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A DuckDB connection with a ``crimes`` view over every committed month.

        The view has the stored columns plus ``force`` and ``month`` (from the partition
        folders, as text 'YYYY-MM'). The files are the manifest's, read under the shared read
        lock, so a concurrent import never deletes one of them while this is open.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        with _flock(self.root / ".read.lock", fcntl.LOCK_SH), duckdb.connect() as connection:
            files = sorted(str(self.root / record.file) for record in self.months().values())
            if files:
                # A view's file list cannot be a bound parameter; the paths are ours, quoted.
                listed = "[" + ", ".join(_quote(name) for name in files) + "]"
                connection.execute(sql("crimes_view").replace("$pattern", listed))
            else:
                connection.execute(sql("empty_crimes_view"))
            yield connection

    def query(self, name: str, **parameters) -> pa.Table:
        """Run the named SQL file (``sql/<name>.sql``) with ``$parameters`` against the store."""
        with self.connect() as connection:
            return connection.sql(sql(name), params=parameters).to_arrow_table()


def _transaction_id() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(4)


@dataclass
class _Transaction:
    """One batch: the manifest it started from, the records it will commit, its new files."""

    committed: dict[tuple[str, str], MonthRecord]
    records: dict[tuple[str, str], MonthRecord] = field(init=False)
    written: set[Path] = field(default_factory=set)
    id: str = field(default_factory=_transaction_id)

    def __post_init__(self) -> None:
        self.records = dict(self.committed)


def _legacy_file(force: str, month: str) -> str:
    return f"force={force}/month={month}/data.parquet"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def _flock(path: Path, mode: int) -> Iterator[None]:
    with open(path, "a+b") as handle:
        fcntl.flock(handle, mode)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _try_flock(path: Path) -> bool:
    """True when nobody holds ``path``'s lock (checked by taking it exclusively for a moment)."""
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_directories(folders: set[Path]) -> None:
    # A rename or a new file is durable only once its folder is flushed too.
    for folder in folders:
        _fsync(folder)


def _write_parquet(table: pa.Table, path: Path) -> None:
    # zstd level 1: files about as small as the default level, written a fifth faster. Crime
    # IDs are all different, so trying to dictionary-encode them only wastes a quarter of the
    # write time; every other text column repeats and is dictionary-encoded.
    repeated = [name for name in table.column_names if name != "crime_id"]
    pq.write_table(table, path, compression="zstd", compression_level=1, use_dictionary=repeated)
    _fsync(path)
