"""Import police.uk files into the crime store, one force-month at a time.

Files are read and checked in parallel threads but handed to the store as they finish, and
each month's table is dropped once stored, so memory holds a few months at a time however
many are imported. A file with rejected rows is stored without them and every reject is
listed; with ``strict=True`` such a file is not stored at all. A refused file (wrong header,
unreadable, bad name) stores nothing for its month. Either way nothing disappears unreported.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date

from cspmonitor.analysis import policeuk
from cspmonitor.analysis.policeuk_files import Source, iter_sources
from cspmonitor.analysis.store import CrimeStore, PutResult

Progress = Callable[[int, int, str], None]  # (files done, files in all, file name)


@dataclass
class ImportSummary:
    """What an import did, for the command's summary and the import record."""

    files_read: int = 0
    files_refused: int = 0
    files_skipped: int = 0
    rows_read: int = 0
    rows_valid: int = 0
    rows_rejected: int = 0
    rows_without_location: int = 0
    months: list[PutResult] = field(default_factory=list)
    rejects: list[policeuk.Reject] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for month in self.months if month.action == action)

    def describe(self) -> str:
        """A plain-English summary of the import."""
        return (
            f"{self.rows_read:,} rows read from {self.files_read:,} files: "
            f"{self.rows_valid:,} valid ({self.rows_without_location:,} without a location), "
            f"{self.rows_rejected:,} rejected. Months: {self.count('added')} added, "
            f"{self.count('replaced')} replaced, {self.count('unchanged')} unchanged. "
            f"{self.files_refused} files refused, {self.files_skipped} not street files."
        )


def _hashing(source: Source, digests: dict[str, str]) -> Source:
    def load() -> bytes:
        data = source.load()
        digests[source.name] = hashlib.sha256(data).hexdigest()
        return data

    return Source(source.name, load)


def import_police_uk(
    paths: Sequence[str | os.PathLike[str]],
    store: CrimeStore,
    *,
    strict: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import every police.uk street file under ``paths`` into ``store``."""
    today = today or date.today()
    sources = list(iter_sources(paths))
    summary = ImportSummary()
    digests: dict[str, str] = {}
    seen: dict[tuple[str, str], str] = {}
    workers = workers or min(4, os.cpu_count() or 1)
    done = 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: set[Future] = set()
        queue = iter(sources)
        while True:
            # Keep only a few files in flight: each parsed month is held until stored.
            while len(pending) < workers * 2:
                source = next(queue, None)
                if source is None:
                    break
                duplicate = policeuk.duplicate_of(source, seen)
                if duplicate is not None:
                    _record(duplicate, summary, store, digests, strict)
                    done += 1
                    continue
                pending.add(pool.submit(policeuk.read_file, _hashing(source, digests), today))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                result = future.result()
                _record(result, summary, store, digests, strict)
                done += 1
                if progress:
                    progress(done, len(sources), result.name)
    return summary


def _record(result, summary: ImportSummary, store: CrimeStore, digests, strict: bool) -> None:
    summary.rows_read += result.rows_read
    summary.rejects.extend(result.row_rejects)
    summary.rows_rejected += len(result.row_rejects)
    if result.skipped:
        summary.files_skipped += 1
        return
    if result.file_reject is not None:
        summary.files_refused += 1
        summary.rejects.append(result.file_reject)
        return
    summary.files_read += 1
    if strict and result.row_rejects:
        summary.rejects.append(
            policeuk.Reject(
                result.name, 0, "", f"not stored: {len(result.row_rejects)} rows rejected (strict import)", ""
            )
        )
        return
    table = result.table
    force = table.column("force")[0].as_py() if table.num_rows else _force_of(result.name)
    month = _month_of(result.name)
    put = store.put_month(
        force,
        month,
        table,
        source=result.name,
        sha256=digests[result.name],
        rows_rejected=len(result.row_rejects),
        rows_without_location=result.rows_without_location,
    )
    summary.months.append(put)
    summary.rows_valid += table.num_rows
    summary.rows_without_location += result.rows_without_location


def _force_of(name: str) -> str:
    parsed = policeuk.parse_file_name(name)
    assert parsed is not None  # a file that was read had a valid name
    return parsed.force


def _month_of(name: str) -> str:
    parsed = policeuk.parse_file_name(name)
    assert parsed is not None
    return parsed.month
