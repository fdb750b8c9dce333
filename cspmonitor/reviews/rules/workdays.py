"""Working days, calendar days and calendar months, as statutory clocks in England and Wales count them.

A working day is a day that is not a Saturday, a Sunday or a bank holiday in England and Wales.
Bank holidays come from the ``holidays`` package (``country_holidays("GB", subdiv="ENG")``),
which knows the substitute days when Christmas or New Year falls at a weekend and the one-off
holidays proclaimed for a single year (the Platinum Jubilee on 3 June 2022, the Queen's state
funeral on 19 September 2022, the Coronation on 8 May 2023). England and Wales share one list.
A one-off holiday proclaimed after the installed version of ``holidays`` was released is not
known until the package is upgraded.

Counting rules (the same in every function here):

* "n working days after" a date does not count that date: the clock starts the next day, so
  an application received on a Friday has its first working day on the Monday.
* "n months after" a date is the same day of the month n months on (the "corresponding date"
  rule); when that month is shorter, its last day. One month after 31 January 2023 is
  28 February 2023.

Plain Python: no Django imports.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from dateutil.relativedelta import relativedelta

WORKING = "working"
CALENDAR = "calendar"
MONTHS = "months"
#: The ways a statutory target can be counted: working days, calendar days or calendar months.
DAY_KINDS: tuple[str, ...] = (WORKING, CALENDAR, MONTHS)

_ONE_DAY = dt.timedelta(days=1)
_SATURDAY = 5


@cache
def _bank_holidays(year: int) -> dict[dt.date, str]:
    # One frozen copy per year: `holidays` objects fill in years lazily as they are asked,
    # which is not something to share between threads.
    import holidays  # imported when first needed: every Django start-up loads this module

    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


def bank_holiday(day: dt.date) -> str | None:
    """The name of the England and Wales bank holiday on ``day``, or None.

    >>> bank_holiday(dt.date(2022, 9, 19))
    'State Funeral of Queen Elizabeth II'
    >>> bank_holiday(dt.date(2022, 12, 27))
    'Christmas Day (observed)'
    >>> bank_holiday(dt.date(2022, 12, 28)) is None
    True
    """
    return _bank_holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    """True unless ``day`` is a Saturday, a Sunday or an England and Wales bank holiday.

    >>> is_working_day(dt.date(2023, 5, 8))  # the Coronation
    False
    >>> is_working_day(dt.date(2023, 5, 9))
    True
    """
    return day.weekday() < _SATURDAY and bank_holiday(day) is None


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``start`` (before it when ``n`` is negative); ``start`` when 0.

    Ten working days from Friday 16 December 2022 skip the weekends, Boxing Day, the substitute
    day for Christmas Day and the substitute day for New Year's Day:

    >>> add_working_days(dt.date(2022, 12, 16), 10)
    datetime.date(2023, 1, 4)
    >>> add_working_days(dt.date(2022, 12, 16), 0)
    datetime.date(2022, 12, 16)
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    day, left = start, abs(n)
    while left:
        day += step
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days come after ``start`` up to and including ``end``.

    The inverse of `add_working_days`: ``working_days_between(d, add_working_days(d, n)) == n``.
    Negative when ``end`` is before ``start``.

    >>> working_days_between(dt.date(2022, 4, 29), dt.date(2022, 5, 6))  # over the May Day holiday
    4
    >>> working_days_between(dt.date(2022, 5, 6), dt.date(2022, 4, 29))
    -4
    """
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for offset in range(1, (end - start).days + 1) if is_working_day(start + offset * _ONE_DAY))


def add_months(start: dt.date, n: int) -> dt.date:
    """The corresponding date ``n`` calendar months after ``start``, or the month's last day.

    >>> add_months(dt.date(2023, 1, 31), 1), add_months(dt.date(2024, 1, 31), 1)
    (datetime.date(2023, 2, 28), datetime.date(2024, 2, 29))
    >>> add_months(dt.date(2022, 6, 15), 6)
    datetime.date(2022, 12, 15)
    """
    return start + relativedelta(months=n)


def add_days(start: dt.date, n: int, kind: str) -> dt.date:
    """``start`` moved on by ``n`` days of ``kind``: "working", "calendar" or "months".

    >>> add_days(dt.date(2022, 4, 29), 1, "working")
    datetime.date(2022, 5, 3)
    >>> add_days(dt.date(2022, 4, 29), 1, "calendar")
    datetime.date(2022, 4, 30)
    >>> add_days(dt.date(2022, 4, 29), 1, "months")
    datetime.date(2022, 5, 29)
    """
    if kind == WORKING:
        return add_working_days(start, n)
    if kind == CALENDAR:
        return start + n * _ONE_DAY
    if kind == MONTHS:
        return add_months(start, n)
    raise ValueError(f"{kind!r} is not a kind of day: use one of {', '.join(DAY_KINDS)}")


def counts(day: dt.date, kind: str) -> bool:
    """Whether ``day`` moves a clock that counts days of ``kind`` (months count calendar days).

    >>> counts(dt.date(2022, 12, 25), "working"), counts(dt.date(2022, 12, 25), "months")
    (False, True)
    """
    if kind == WORKING:
        return is_working_day(day)
    if kind in (CALENDAR, MONTHS):
        return True
    raise ValueError(f"{kind!r} is not a kind of day: use one of {', '.join(DAY_KINDS)}")
