"""Background work whose worker died is noticed, started again a few times, then failed in words."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cspmonitor import background
from cspmonitor.crime.models import Assessment
from cspmonitor.partnership.models import Partnership
from cspmonitor.processes import _start_time
from cspmonitor.reports import services
from cspmonitor.reports.models import GeneratedReport
from tests.conftest import sign_in


def dead_worker() -> str:
    """The identity of a real process that has been killed with SIGKILL."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # noqa: S603
    identity = f"{socket.gethostname()}:{process.pid}:{_start_time(process.pid)}"
    process.kill()
    process.wait()
    return identity


def _running(demo, **fields) -> Assessment:
    values = {"status": "running", "progress": 15, "stage": "Counting", "attempts": 1} | fields
    return Assessment.objects.create(partnership=demo.partnership, year="2022-23", **values)


def test_a_run_whose_worker_was_killed_is_queued_again_when_its_page_is_looked_at(
    client, demo, django_capture_on_commit_callbacks
):
    assessment = _running(demo, worker=dead_worker(), heartbeat_at=timezone.now())
    tasks_before = DBTaskResult.objects.count()
    sign_in(client, demo.officer)
    status = client.get(
        reverse("crime:assessment_status", args=[demo.partnership.slug, assessment.pk])
    ).json()
    assert status["status"] == "queued"
    assert status["stage"] == "The background worker stopped; starting again (attempt 2 of 3)"
    assert DBTaskResult.objects.count() == tasks_before + 1  # handed to the workers again


def test_after_its_last_attempt_it_fails_with_a_message_on_its_page(client, demo):
    assessment = _running(demo, worker=dead_worker(), attempts=3)
    sign_in(client, demo.officer)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "This page updates itself" not in page
    assert "The background worker stopped while working on this, 3 times, so it was not tried again." in page
    assessment.refresh_from_db()
    assert assessment.status == "failed"


def test_a_run_on_a_worker_elsewhere_counts_as_abandoned_only_once_its_heartbeat_is_stale(demo, settings):
    settings.TASK_LEASE_SECONDS = 60
    fresh = _running(demo, worker="another-host:123:456", heartbeat_at=timezone.now() - timedelta(seconds=30))
    stale = _running(demo, worker="another-host:123:456", heartbeat_at=timezone.now() - timedelta(seconds=90))
    assert background.recover_all() == 1
    fresh.refresh_from_db()
    stale.refresh_from_db()
    assert (fresh.status, stale.status) == ("running", "queued")


def test_a_worker_holds_the_lease_with_a_heartbeat_while_it_works(transactional_db, monkeypatch):
    # Committed data (not the demo): the heartbeat thread writes through its own connection.
    monkeypatch.setattr(background, "HEARTBEAT_SECONDS", 0.05)
    partnership = Partnership.objects.create(name="Heartbeat test", slug="heartbeat")
    assessment = Assessment.objects.create(partnership=partnership, year="2022-23")
    with background.lease(Assessment, assessment.pk):
        assessment.refresh_from_db()
        first = assessment.heartbeat_at
        assert assessment.attempts == 1 and assessment.worker.split(":")[0] == socket.gethostname()
        for _ in range(100):
            assessment.refresh_from_db()
            if assessment.heartbeat_at != first:
                break
            background.threading.Event().wait(0.05)
    assert assessment.heartbeat_at > first


def test_a_report_that_fails_is_logged_with_its_traceback_and_explained_in_words(demo, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise KeyError("rag")

    monkeypatch.setattr(services, "build", broken)
    report = services.start(
        demo.partnership, kind="annual", year="2022-23", edition="public", file_format="html"
    )
    with caplog.at_level(logging.ERROR, logger="cspmonitor.reports.services"):
        services.generate(report)
    assert report.status == GeneratedReport.Status.FAILED
    assert report.error.startswith("Something went wrong while generating this report (KeyError: 'rag').")
    assert f"quoting number {report.pk}" in report.error
    [record] = [r for r in caplog.records if r.name == "cspmonitor.reports.services"]
    assert record.exc_info and record.exc_info[0] is KeyError
