"""Background tasks that survive their worker dying: a lease, a heartbeat, retries, a message.

A record of long work (a strategic assessment, a generated report) is *leased* by the worker
running it: the record keeps the worker's ``host:pid:start``, the number of attempts, and a
heartbeat that a thread beside the work refreshes every `HEARTBEAT_SECONDS`. A record still
'running' whose worker has gone (its process no longer runs on this host) or whose heartbeat is
older than the TASK_LEASE_SECONDS setting was abandoned: `recover` queues it again, up to the
TASK_MAX_ATTEMPTS setting, and then fails it with a message for its page. Recovery runs when
the page (or its status poll) is looked at, and at start-up (``manage.py recover_tasks``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from cspmonitor.processes import current_process, is_gone

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 10


class TaskRecord(models.Model):
    """Fields for a record of background work: status, progress, error, lease."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    worker = models.CharField(
        max_length=200, blank=True, help_text="host:pid:start of the worker running it."
    )
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True

    #: Subclasses name the task that does their work (enqueued with the record's pk).
    task_path: str = ""

    def enqueue(self) -> None:
        from django.utils.module_loading import import_string

        import_string(self.task_path).enqueue(self.pk)


def _rows(model: type[TaskRecord]) -> Any:
    # Each kind of record has its own status, stage, error and finished_at fields.
    return model._default_manager


def failure_message(error: BaseException, what: str, pk: int) -> str:
    """An error in words for the person who started the work (the traceback goes to the log)."""
    if isinstance(error, ValueError) and str(error):
        return str(error)  # our refusals say what is missing and what to do
    return (
        f"Something went wrong while {what} ({type(error).__name__}: {error}). The details are in "
        f"the server's log; try again, and if it happens again tell your system administrator, "
        f"quoting number {pk}."
    )


@contextmanager
def lease(model: type[TaskRecord], pk: int) -> Iterator[None]:
    """Hold the record's lease while the work inside runs: claim it, beat, let it go."""
    now = timezone.now()
    _rows(model).filter(pk=pk).update(
        worker=current_process(), heartbeat_at=now, attempts=models.F("attempts") + 1
    )
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(HEARTBEAT_SECONDS):
                _rows(model).filter(pk=pk).update(heartbeat_at=timezone.now())
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def abandoned(record: TaskRecord) -> bool:
    """Whether a running record's worker has died or stopped beating."""
    if getattr(record, "status", None) != TaskRecord.Status.RUNNING:
        return False
    if record.worker and is_gone(record.worker):
        return True
    lease_ends = (record.heartbeat_at or timezone.now()) + timedelta(seconds=settings.TASK_LEASE_SECONDS)
    return timezone.now() > lease_ends


def recover(record: TaskRecord, describe: Callable[[TaskRecord], str] = str) -> bool:
    """Queue an abandoned record again, or fail it once it has had its attempts; True if changed."""
    if not abandoned(record):
        return False
    model = type(record)
    with transaction.atomic():
        # Only one page view (or start-up) acts on an abandoned record.
        claimed = _rows(model).filter(pk=record.pk, status=TaskRecord.Status.RUNNING, worker=record.worker)
        attempts = settings.TASK_MAX_ATTEMPTS
        if record.attempts < attempts:
            stage = (
                f"The background worker stopped; starting again (attempt {record.attempts + 1} of {attempts})"
            )
            if not claimed.update(status=TaskRecord.Status.QUEUED, stage=stage, worker="", progress=0):
                return False
            log.warning("%s was abandoned by worker %s; queued again", describe(record), record.worker)
            record.refresh_from_db()
            record.enqueue()  # the tasks backend hands it to the workers once this commits
            return True
        error = (
            f"The background worker stopped while working on this, {record.attempts} times, so it was "
            "not tried again. Start it again; if it stops again, tell your system administrator."
        )
        if not claimed.update(status=TaskRecord.Status.FAILED, error=error, finished_at=timezone.now()):
            return False
        log.error("%s was abandoned by worker %s %s times; failed", describe(record), record.worker, attempts)
    record.refresh_from_db()
    return True


def recover_all() -> int:
    """Recover every abandoned record of every kind; returns how many were changed."""
    from cspmonitor.crime.models import Assessment
    from cspmonitor.reports.models import GeneratedReport

    changed = 0
    for model in (Assessment, GeneratedReport):
        for record in model.objects.filter(status=TaskRecord.Status.RUNNING):
            changed += recover(record)
    return changed
