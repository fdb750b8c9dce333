"""The crime app's seam to the plain-Python analysis package."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from cspmonitor.analysis.coverage import check_coverage
from cspmonitor.analysis.importer import ImportSummary, Progress, import_police_uk
from cspmonitor.analysis.policeuk import write_rejects
from cspmonitor.analysis.store import CrimeStore
from cspmonitor.crime.models import CrimeImport


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


def run_import(
    paths: list[str], *, user=None, strict: bool = False, progress: Progress | None = None
) -> tuple[CrimeImport, ImportSummary]:
    """Import police.uk files into the store and keep a record of what happened."""
    record = CrimeImport.objects.create(sources="\n".join(paths), started_by=user)
    store = crime_store()
    try:
        summary = import_police_uk(paths, store, strict=strict, progress=progress)
    except Exception as error:
        record.status, record.message = CrimeImport.Status.FAILED, str(error)
        record.finished_at = timezone.now()
        record.save()
        raise
    if summary.rejects:
        rejects_dir = store.root / "rejects"
        rejects_dir.mkdir(parents=True, exist_ok=True)
        path = rejects_dir / f"import-{record.pk}-rejects.csv"
        write_rejects(summary.rejects, path)
        record.rejects_file = str(path)
    for field in ["rows_read", "rows_valid", "rows_rejected", "rows_without_location"]:
        setattr(record, field, getattr(summary, field))
    record.months_added = summary.count("added")
    record.months_replaced = summary.count("replaced")
    record.months_unchanged = summary.count("unchanged")
    record.status = CrimeImport.Status.SUCCEEDED
    record.message = summary.describe()
    record.finished_at = timezone.now()
    record.save()
    return record, summary
