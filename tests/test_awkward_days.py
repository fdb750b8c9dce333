import datetime as dt
import doctest

from tests import awkward_days


def test_its_example_gives_the_days_it_shows():
    failed, attempted = doctest.testmod(awkward_days)
    assert (failed, attempted) == (0, 1)


def test_every_awkward_day_is_after_today_and_one_is_forty_days_before_a_demo_booking():
    from cspmonitor.demo.loader import next_meeting_date

    today = dt.date(2027, 5, 1)
    days = awkward_days.awkward_days(today)
    assert all(day > today for day in days)
    assert any(next_meeting_date("quarterly", day) == day + dt.timedelta(days=40) for day in days)
    assert dt.date(2028, 2, 29) in days and dt.date(2028, 3, 31) in days and dt.date(2028, 4, 1) in days
