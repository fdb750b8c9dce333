"""The monthly fetch a partnership can switch on: police.uk's newest months, imported.

police.uk publishes a month some weeks after it ends, so each run asks for the three months
before the current one that the store does not hold yet, newest archive first; a month not
yet published is simply tried again next time. Run it once a month or more often (a month
already held is not fetched again): ``manage.py fetch_police_uk --due`` from cron, or the
`fetch_due_months` task. A month that would be replaced by a smaller file is never replaced.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from cspmonitor.analysis.policeuk_archive import FetchError, fetch
from cspmonitor.analysis.upload_scan import scan, smaller_than_stored
from cspmonitor.crime.services import crime_store, run_import
from cspmonitor.crimedata.models import MonthlyFetch

LOOK_BACK = 3


def due_months(today: date) -> list[str]:
    """The months before ``today``'s that a monthly run looks for, oldest first."""
    out = []
    year, month = today.year, today.month
    for _ in range(LOOK_BACK):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        out.append(f"{year:04d}-{month:02d}")
    return sorted(out)


def fetch_due(today: date | None = None) -> list[str]:
    """Fetch and import the due months of every partnership that switched it on; one line each."""
    today = today or timezone.localdate()
    held = set(crime_store().months())
    lines = []
    for choice in MonthlyFetch.objects.filter(enabled=True).select_related("partnership"):
        messages = [
            _fetch_force(force, due_months(today), held) for force in choice.partnership.police_uk_forces()
        ]
        choice.last_run, choice.last_message = timezone.now(), " ".join(messages)
        choice.save(update_fields=["last_run", "last_message"])
        lines.append(f"{choice.partnership}: {choice.last_message}")
    return lines


def _fetch_force(force: str, months: list[str], held: set) -> str:
    missing = [m for m in months if (force, m) not in held]
    if not missing:
        return f"{force}: every month to {months[-1]} is held."
    last_error = ""
    # Newest first: the newest published month tells which archive to read for the others.
    for newest in sorted(missing, reverse=True):
        wanted = [m for m in missing if m <= newest]
        with tempfile.TemporaryDirectory() as work:
            try:
                fetched = fetch(settings.POLICE_UK_ARCHIVE_URL, force, wanted, Path(work) / "police-uk")
            except FetchError as error:
                last_error = str(error)
                continue
            shrinking = smaller_than_stored(scan([fetched.folder])[0], crime_store().months())
            if shrinking:
                return f"{force}: not imported, {len(shrinking)} months would be replaced by smaller files."
            _, summary = run_import([str(fetched.folder)])
            held.update((m.force, m.month) for m in summary.months)
            return f"{force}: {summary.count('added')} months added ({', '.join(wanted)})."
    return f"{force}: nothing new yet ({last_error})"
