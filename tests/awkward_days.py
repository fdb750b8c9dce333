"""The awkward days `make test-dates` runs the suite on, counted from today so they stay ahead.

A financial year's last and first day, a leap day, Christmas Eve, a bank holiday in England and
Wales, and 40 days before a day the demo books meetings on (a test that records a meeting 40 days
ahead once collided with the demo's own). Printed one a line, earliest first:

    python -m tests.awkward_days
"""

from __future__ import annotations

import calendar
import datetime as dt
import os


def _next(today: dt.date, month: int, day: int, *, leap: bool = False) -> dt.date:
    year = today.year
    while True:
        if not leap or calendar.isleap(year):
            candidate = dt.date(year, month, day)
            if candidate > today:
                return candidate
        year += 1


def _next_bank_holiday(today: dt.date) -> dt.date:
    import holidays

    dates = holidays.country_holidays("GB", subdiv="ENG", years=[today.year, today.year + 1])
    return min(day for day in dates if day > today)


def _forty_days_before_a_demo_booking(today: dt.date) -> dt.date:
    """Forty days before the quarterly groups' next meeting, as the demo books it from that day."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspmonitor.settings")
    import django

    django.setup()
    from cspmonitor.demo.loader import next_meeting_date

    day = today + dt.timedelta(days=1)
    while next_meeting_date("quarterly", day) != day + dt.timedelta(days=40):
        day += dt.timedelta(days=1)
    return day


def awkward_days(today: dt.date) -> list[dt.date]:
    """The awkward days after ``today``.

    >>> [d.isoformat() for d in awkward_days(dt.date(2026, 12, 3))]
    ['2026-12-24', '2026-12-25', '2027-03-04', '2027-03-31', '2027-04-01', '2028-02-29']
    """
    return sorted(
        {
            _next(today, 3, 31),
            _next(today, 4, 1),
            _next(today, 2, 29, leap=True),
            _next(today, 12, 24),
            _next_bank_holiday(today),
            _forty_days_before_a_demo_booking(today),
        }
    )


if __name__ == "__main__":
    print("\n".join(day.isoformat() for day in awkward_days(dt.date.today())))
