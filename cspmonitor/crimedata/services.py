"""Receive police.uk files from the browser, check them, and import them in the background.

Files are saved under ``CRIME_STORE_DIR/uploads/<id>/`` and looked at before anything is
stored: files of other forces are refused (the crime store is shared by every partnership on
the site), and a month that a file with fewer rows would replace waits for the officer's
confirmation. The import itself is `crime.services.run_import`, as on the command line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.db import transaction

from cspmonitor.analysis import upload_scan
from cspmonitor.analysis.assessment_inputs import TRANSPORT_POLICE
from cspmonitor.crime.services import coverage_lines, crime_store, run_import
from cspmonitor.crimedata.models import CrimeUpload

ACCEPTED_SUFFIXES = (".csv", ".zip")


class UploadRefused(ValueError):
    """The upload stored nothing; the message says why and what is expected."""


def uploads_root() -> Path:
    return crime_store().root / "uploads"


def receive(partnership, user, files) -> CrimeUpload:
    """Save and check ``files`` (Django uploaded files); queue the import or ask to confirm."""
    if not files:
        raise UploadRefused("Choose one or more police.uk CSV files, or the zip file police.uk makes.")
    wrong = [f.name for f in files if not f.name.lower().endswith(ACCEPTED_SUFFIXES)]
    if wrong:
        raise UploadRefused(
            f"{', '.join(wrong)}: only .csv files and .zip archives from police.uk can be uploaded."
        )
    upload = CrimeUpload.objects.create(
        partnership=partnership, uploaded_by=user, file_names="\n".join(f.name for f in files)
    )
    folder = uploads_root() / str(upload.pk)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for file in files:
            with (folder / Path(file.name).name).open("wb") as out:
                for chunk in file.chunks():
                    out.write(chunk)
        scans = _check(partnership, folder)
    except UploadRefused:
        shutil.rmtree(folder, ignore_errors=True)
        upload.delete()
        raise
    shrinking = upload_scan.smaller_than_stored(scans, crime_store().months())
    upload.folder = str(folder)
    upload.months = [s.__dict__ for s in scans]
    upload.shrinking = [s.__dict__ for s in shrinking]
    upload.status = CrimeUpload.Status.CONFIRM if shrinking else CrimeUpload.Status.QUEUED
    upload.save()
    if not shrinking:
        _enqueue(upload)
    return upload


def _check(partnership, folder: Path) -> list[upload_scan.MonthScan]:
    scans, unreadable = upload_scan.scan([folder])
    if unreadable:
        raise UploadRefused(
            f"{', '.join(Path(n).name for n in unreadable)} could not be read as a police.uk street-level "
            "CSV (a file with a 'Crime ID' column) or a zip archive of them. Nothing was imported."
        )
    if not scans:
        raise UploadRefused(
            "None of the files is a police.uk street-level file. Expected names like "
            "2023-03-suffolk-street.csv, or the zip file police.uk's download page makes. "
            "Nothing was imported."
        )
    allowed = {*partnership.police_uk_forces(), TRANSPORT_POLICE}
    others = sorted({s.force for s in scans} - allowed)
    if others:
        raise UploadRefused(
            f"The files include other forces' data ({', '.join(others)}); this partnership's force "
            f"is {', '.join(sorted(allowed - {TRANSPORT_POLICE})) or 'not recorded'} (and British "
            "Transport Police, btp). Upload only those. Nothing was imported."
        )
    return scans


def confirm(upload: CrimeUpload) -> None:
    """The officer accepts that smaller files replace the months listed: import them."""
    with transaction.atomic():
        changed = CrimeUpload.objects.filter(pk=upload.pk, status=CrimeUpload.Status.CONFIRM).update(
            status=CrimeUpload.Status.QUEUED
        )
    if changed:
        _enqueue(upload)


def cancel(upload: CrimeUpload) -> None:
    """Drop an upload waiting for confirmation: its files are deleted, the store is untouched."""
    if CrimeUpload.objects.filter(pk=upload.pk, status=CrimeUpload.Status.CONFIRM).update(
        status=CrimeUpload.Status.CANCELLED
    ):
        shutil.rmtree(upload.folder, ignore_errors=True)


def _enqueue(upload: CrimeUpload) -> None:
    from cspmonitor.crimedata import tasks

    tasks.import_upload.enqueue(upload.pk)


def run(upload_id: int) -> CrimeUpload:
    """Import a queued upload, recording progress on it; then delete its files."""
    upload = CrimeUpload.objects.select_related("partnership", "uploaded_by").get(pk=upload_id)
    if upload.status != CrimeUpload.Status.QUEUED:
        return upload
    CrimeUpload.objects.filter(pk=upload.pk).update(
        status=CrimeUpload.Status.RUNNING, stage="Reading the files"
    )

    def progress(done: int, total: int, name: str) -> None:
        CrimeUpload.objects.filter(pk=upload.pk).update(
            progress=100 * done // max(total, 1),
            stage=f"Imported {done} of {total} files ({Path(name).name})",
        )

    try:
        record, summary = run_import([upload.folder], user=upload.uploaded_by, progress=progress)
    except Exception as error:  # the import record says what failed; so does this page
        upload.status, upload.error = CrimeUpload.Status.FAILED, str(error)
    else:
        upload.crime_import = record
        upload.status, upload.progress, upload.stage = CrimeUpload.Status.DONE, 100, "Done"
        forces = {m.force for m in summary.months}
        upload.outcome = {
            "months": [
                {"force": m.force, "month": m.month, "action": m.action, "rows": m.rows}
                for m in summary.months
            ],
            "coverage": coverage_lines(crime_store(), forces),
            "describe": summary.describe(),
        }
    upload.save()
    shutil.rmtree(upload.folder, ignore_errors=True)
    return upload
