"""The statutory calendar seen on a fixed day, so due soon and overdue do not move with the clock.

On 20 April 2026 (the demo's facts and owners loaded): sending the plan to the PCC and the
last quarter's information sharing fall due on 30 April (due soon, 10 days ahead); the
homicide review WS-DHR-2021-01's overview report, four Serious Violence Duty milestones and
the scrutiny due in September 2024 are overdue; everything else in 2026-27 and 2027-28 is
upcoming.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspmonitor.accounts.permissions import Access
from cspmonitor.reviews.duties import services

TODAY = dt.date(2026, 4, 20)
PLAN_TO_PCC_DUE = dt.date(2026, 4, 30)
DHR_STAGE = "WS-DHR-2021-01: Complete the overview report"


@pytest.fixture
def today(monkeypatch):
    """Pages and downloads see TODAY as today."""
    monkeypatch.setattr(services, "today", lambda: TODAY)
    return TODAY


def access(demo, persona: str, *, verified: bool = True) -> Access:
    """A persona's access to the demo partnership, signed in with both steps unless not ``verified``."""
    return Access(demo.by_name(persona).membership_in(demo.partnership), verified=verified)
