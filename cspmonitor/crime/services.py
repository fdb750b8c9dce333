"""The crime app's seam to the plain-Python analysis package."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from cspmonitor.analysis.coverage import check_coverage
from cspmonitor.analysis.importer import ImportSummary, Progress, import_police_uk
from cspmonitor.analysis.policeuk import write_rejects
from cspmonitor.analysis.store import CrimeStore
from cspmonitor.crime.models import CrimeImport
from cspmonitor.processes import current_process, is_gone

logger = logging.getLogger(__name__)

INTERRUPTED_MESSAGE = (
    "The import stopped before it finished (its process {process} is no longer running). "
    "Nothing from it was stored: the crime store reads as it did before. Import the files again."
)


def crime_store() -> CrimeStore:
    """The store under ``CRIME_STORE_DIR``."""
    return CrimeStore(Path(str(settings.CRIME_STORE_DIR)))


def coverage_lines(store: CrimeStore, forces: set[str]) -> list[str]:
    """One line per force: the months the store holds, and any gaps or short months."""
    held: dict[str, dict[str, int]] = {}
    for (force, month), record in store.months().items():
        if force in forces:
            held.setdefault(force, {})[month] = record.rows
    lines = []
    for force, months in sorted(held.items()):
        check = check_coverage(months, min(months), max(months))
        lines.append(f"Coverage, {force}: {len(months)} months held. {check.describe()}")
    return lines


def mark_interrupted_imports() -> int:
    """Mark 'running' imports whose process has died as interrupted; returns how many.

    The store itself needs no repair for them (an import commits whole or not at all);
    `CrimeStore.recover` deletes the files they left.
    """
    marked = 0
    for record in CrimeImport.objects.filter(status=CrimeImport.Status.RUNNING).exclude(process=""):
        if is_gone(record.process):
            record.status = CrimeImport.Status.INTERRUPTED
            record.message = INTERRUPTED_MESSAGE.format(process=record.process)
            record.finished_at = timezone.now()
            record.save(update_fields=["status", "message", "finished_at"])
            marked += 1
    return marked


def run_import(
    paths: list[str],
    *,
    user=None,
    strict: bool = False,
    per_month: bool = False,
    progress: Progress | None = None,
) -> tuple[CrimeImport, ImportSummary]:
    """Import police.uk files into the store and keep a record of what happened."""
    mark_interrupted_imports()
    store = crime_store()
    store.recover()
    record = CrimeImport.objects.create(
        sources="\n".join(paths), started_by=user, per_month=per_month, process=current_process()
    )
    try:
        summary = import_police_uk(paths, store, strict=strict, per_month=per_month, progress=progress)
    except Exception as error:
        logger.exception("Crime import %s failed", record.pk)
        record.status = CrimeImport.Status.FAILED
        record.message = f"The import failed and nothing was stored: {error}"
        record.finished_at = timezone.now()
        record.save()
        raise
    listed = summary.rejects + summary.skipped
    if listed:
        rejects_dir = store.root / "rejects"
        rejects_dir.mkdir(parents=True, exist_ok=True)
        path = rejects_dir / f"import-{record.pk}-rejects.csv"
        write_rejects(listed, path)
        record.rejects_file = str(path)
    for field in ["rows_read", "rows_valid", "rows_rejected", "rows_without_location"]:
        setattr(record, field, getattr(summary, field))
    record.months_added = summary.count("added")
    record.months_replaced = summary.count("replaced")
    record.months_unchanged = summary.count("unchanged")
    record.status = CrimeImport.Status.SUCCEEDED if summary.stored else CrimeImport.Status.FAILED
    record.message = summary.describe()
    record.finished_at = timezone.now()
    record.save()
    return record, summary
