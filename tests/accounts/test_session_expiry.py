"""A session ends after a working day without a request, however long it has lasted before."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import time_machine
from django.conf import settings

from tests.conftest import sign_in

ROOT = Path(__file__).resolve().parents[2]
NINE_AM = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def _signed_in(client, demo) -> bool:
    return client.get(demo.partnership.get_absolute_url()).status_code == 200


def test_by_default_a_session_lasts_a_working_day_from_the_last_request():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_it_ends_the_session_after_a_working_day_idle(client, demo):
    with time_machine.travel(NINE_AM, tick=False) as clock:
        sign_in(client, demo.officer)
        assert _signed_in(client, demo)
        clock.shift(dt.timedelta(hours=8, minutes=1))
        response = client.get(demo.partnership.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_each_request_restarts_the_idle_clock(client, demo):
    with time_machine.travel(NINE_AM, tick=False) as clock:
        sign_in(client, demo.viewer)
        for _ in range(3):  # three working hours apart: over a day in all, never idle for one
            clock.shift(dt.timedelta(hours=7))
            assert _signed_in(client, demo)


def test_the_idle_time_is_read_from_the_environment():
    result = subprocess.run(
        [sys.executable, "-c", "import cspmonitor.settings as s; print(s.SESSION_COOKIE_AGE)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SESSION_IDLE_MINUTES": "90"},
    )
    assert result.stdout.strip() == "5400", result.stderr
