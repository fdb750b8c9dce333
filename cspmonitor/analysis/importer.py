"""Import police.uk files into the crime store as one transaction.

Files are read and checked in parallel threads and each month is written to the store as it
finishes (its table then dropped), so memory holds a few months at a time however many are
imported. Nothing becomes visible until the whole import commits (see `store.CrimeStore.batch`).

Whole or nothing: when any chosen input cannot be imported (refused file, unreadable member,
misnamed file; with ``strict=True`` also a month with a rejected row), no month is stored and
every such input is listed with its reason. With ``per_month=True`` the good months are stored
and the rest listed. A file with rejected rows is otherwise stored without them and every
reject is listed, so nothing disappears unreported.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
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
    skipped: list[policeuk.Reject] = field(default_factory=list)
    per_month: bool = False
    inputs_not_imported: int = 0
    stored: bool = True

    def count(self, action: str) -> int:
        return sum(1 for month in self.months if month.action == action)

    def describe(self) -> str:
        """A plain-English summary of the import."""
        text = (
            f"{self.rows_read:,} rows read from {self.files_read:,} files: "
            f"{self.rows_valid:,} valid ({self.rows_without_location:,} without a location), "
            f"{self.rows_rejected:,} rejected. Months: {self.count('added')} added, "
            f"{self.count('replaced')} replaced, {self.count('unchanged')} unchanged. "
            f"{self.files_refused} files refused, {self.files_skipped} not street files."
        )
        if not self.stored:
            return (
                f"Nothing stored: {self.inputs_not_imported} of the chosen inputs could not be "
                "imported (each is listed with its reason), so the store is as it was. Fix them, "
                f"or import with --per-month to store the good months. {text}"
            )
        if self.per_month:
            return f"Stored month by month (--per-month). {text}"
        return text


def _hashing(source: Source, digests: dict[str, str]) -> Source:
    def load() -> bytes:
        data = source.load()
        digests[source.name] = hashlib.sha256(data).hexdigest()
        return data

    return replace(source, load=load)


def import_police_uk(
    paths: Sequence[str | os.PathLike[str]],
    store: CrimeStore,
    *,
    strict: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    per_month: bool = False,
) -> ImportSummary:
    """Import every police.uk street file under ``paths`` into ``store``, whole or nothing."""
    today = today or date.today()
    sources = list(iter_sources(paths))
    summary = ImportSummary(per_month=per_month)
    seen: dict[tuple[str, str], str] = {}
    # Two threads a core: each file has phases that hold the GIL (checks, bookkeeping) and
    # phases that do not (parsing, Parquet), and a second thread fills the first kind's gaps
    # (measured: 0.44 s against 0.60 s for 48 Suffolk months on 2 cores).
    workers = workers or min(8, 2 * (os.cpu_count() or 1))

    def process(source: Source) -> tuple[policeuk.FileResult, PutResult | None]:
        # Read, check and store in the worker: parsing and Parquet writing both release the
        # GIL, so two cores work on two months at once. Only counts come back.
        digests: dict[str, str] = {}
        result = policeuk.read_file(_hashing(source, digests), today)
        put = _store(result, store, digests.get(source.name, ""), strict)
        return replace(result, table=None), put

    done = 0
    with store.batch(), ThreadPoolExecutor(max_workers=workers) as pool:
        pending: set[Future] = set()
        queue = iter(sources)
        while True:
            # Keep only a few files in flight: each holds a parsed month until it is stored.
            while len(pending) < workers + 2:
                source = next(queue, None)
                if source is None:
                    break
                duplicate = policeuk.duplicate_of(source, seen)
                if duplicate is not None:
                    _tally(duplicate, None, summary, strict)
                    done += 1
                    continue
                pending.add(pool.submit(process, source))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                result, put = future.result()
                _tally(result, put, summary, strict)
                done += 1
                if progress:
                    progress(done, len(sources), result.name)
        summary.inputs_not_imported = summary.files_refused + summary.count("not stored")
        if summary.inputs_not_imported and not per_month:
            store.rollback()
            summary.stored = False
            summary.months = []
    return summary


def _store(result: policeuk.FileResult, store: CrimeStore, sha256: str, strict: bool) -> PutResult | None:
    if result.table is None or (strict and result.row_rejects):
        return None
    parsed = policeuk.parse_file_name(result.name)
    assert parsed is not None  # a file that was read had a valid name
    return store.put_month(
        parsed.force,
        parsed.month,
        result.table,
        source=result.name,
        sha256=sha256,
        rows_rejected=len(result.row_rejects),
        rows_without_location=result.rows_without_location,
    )


def _tally(result: policeuk.FileResult, put: PutResult | None, summary: ImportSummary, strict: bool) -> None:
    summary.rows_read += result.rows_read
    summary.rejects.extend(result.row_rejects)
    summary.rows_rejected += len(result.row_rejects)
    if result.skipped:
        summary.files_skipped += 1
        summary.skipped.append(policeuk.Reject(result.name, 0, "", f"skipped: {result.skip_reason}", ""))
        return
    if result.file_reject is not None:
        summary.files_refused += 1
        summary.rejects.append(result.file_reject)
        return
    summary.files_read += 1
    if put is None:  # strict, and the file had rejected rows
        summary.rejects.append(
            policeuk.Reject(
                result.name, 0, "", f"not stored: {len(result.row_rejects)} rows rejected (strict import)", ""
            )
        )
        parsed = policeuk.parse_file_name(result.name)
        summary.months.append(
            PutResult(parsed.force if parsed else "", parsed.month if parsed else "", "not stored", 0)
        )
        return
    summary.months.append(put)
    summary.rows_valid += result.rows_read - len(result.row_rejects)
    summary.rows_without_location += result.rows_without_location
