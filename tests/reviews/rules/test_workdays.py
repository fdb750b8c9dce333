"""Working days in England and Wales: weekends, bank holidays, substitute days and one-off holidays."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from cspmonitor.reviews.rules.workdays import (
    add_days,
    add_months,
    add_working_days,
    bank_holiday,
    is_working_day,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (D(2022, 12, 16), True, "a Friday"),
        (D(2022, 12, 17), False, "a Saturday"),
        (D(2022, 12, 18), False, "a Sunday"),
        (D(2022, 5, 2), False, "the early May bank holiday, a Monday"),
        (D(2022, 5, 3), True, "the Tuesday after it"),
        (D(2022, 6, 2), False, "the spring bank holiday moved for the Jubilee"),
        (D(2022, 6, 3), False, "the Platinum Jubilee"),
        (D(2022, 9, 19), False, "the Queen's state funeral"),
        (D(2022, 12, 26), False, "Boxing Day"),
        (D(2022, 12, 27), False, "the substitute day for Christmas Day on a Sunday"),
        (D(2023, 1, 2), False, "the substitute day for New Year's Day on a Sunday"),
        (D(2023, 5, 8), False, "the Coronation"),
        (D(2023, 5, 29), False, "the spring bank holiday"),
        (D(2021, 12, 28), False, "the substitute day for Boxing Day on a Sunday"),
        (D(2020, 5, 8), False, "the early May bank holiday moved to VE Day"),
        (D(2020, 5, 4), True, "the Monday it would otherwise have been"),
    ],
)
def test_it_knows_which_days_are_working_days(day, working, why):
    assert is_working_day(day) is working, why


def test_it_names_the_bank_holiday():
    assert bank_holiday(D(2023, 5, 8)) == "Coronation of Charles III"
    assert bank_holiday(D(2023, 5, 9)) is None


def test_it_uses_one_list_for_england_and_wales():
    years = range(2014, 2031)
    england = holidays.country_holidays("GB", subdiv="ENG", years=years)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=years)
    assert set(england) == set(wales)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Mon 19 to Fri 23 are 1-5; Boxing Day and the Christmas substitute day are skipped;
        # Wed 28 to Fri 30 are 6-8; the New Year substitute day (Mon 2 Jan) is skipped.
        (D(2022, 12, 16), 10, D(2023, 1, 4)),
        (D(2022, 12, 16), 0, D(2022, 12, 16)),
        (D(2022, 12, 16), 1, D(2022, 12, 19)),
        (D(2022, 12, 23), 1, D(2022, 12, 28)),
        (D(2022, 12, 17), 1, D(2022, 12, 19)),  # from a Saturday
        (D(2022, 4, 29), 1, D(2022, 5, 3)),  # over the 2 May 2022 bank holiday
        (D(2022, 4, 29), 5, D(2022, 5, 9)),
        (D(2022, 9, 16), 1, D(2022, 9, 20)),  # over the Queen's funeral
        (D(2023, 5, 5), 1, D(2023, 5, 9)),  # over the Coronation
        (D(2022, 5, 27), 5, D(2022, 6, 7)),  # over the Jubilee's four-day weekend
        (D(2022, 12, 28), -1, D(2022, 12, 23)),
        (D(2023, 1, 4), -10, D(2022, 12, 16)),
    ],
)
def test_it_adds_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2022, 12, 16), D(2022, 12, 16), 0),
        (D(2022, 12, 23), D(2022, 12, 27), 0),  # only the weekend and two bank holidays
        (D(2022, 12, 23), D(2022, 12, 28), 1),
        (D(2022, 12, 16), D(2023, 1, 4), 10),
        (D(2023, 1, 4), D(2022, 12, 16), -10),
        (D(2022, 4, 29), D(2022, 5, 6), 4),
    ],
)
def test_it_counts_working_days_between_two_dates(start, end, expected):
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize("n", [0, 1, 5, 10, 15, 20, 40])
@pytest.mark.parametrize("start", [D(2022, 12, 16), D(2022, 12, 24), D(2022, 9, 17), D(2023, 4, 6)])
def test_it_counts_back_to_the_working_days_it_added(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@pytest.mark.parametrize(
    ("start", "n", "kind", "expected"),
    [
        (D(2022, 12, 16), 10, "working", D(2023, 1, 4)),
        (D(2022, 12, 16), 10, "calendar", D(2022, 12, 26)),
        (D(2022, 12, 16), 0, "calendar", D(2022, 12, 16)),
        (D(2022, 12, 16), 1, "months", D(2023, 1, 16)),
        (D(2023, 1, 31), 1, "months", D(2023, 2, 28)),
        (D(2024, 1, 31), 1, "months", D(2024, 2, 29)),
        (D(2023, 8, 31), 6, "months", D(2024, 2, 29)),
    ],
)
def test_it_adds_days_of_each_kind(start, n, kind, expected):
    assert add_days(start, n, kind) == expected


def test_it_refuses_an_unknown_kind_of_day():
    with pytest.raises(ValueError, match="'fortnights' is not a kind of day"):
        add_days(D(2023, 1, 1), 1, "fortnights")


def test_it_keeps_month_arithmetic_within_the_month():
    assert add_months(D(2023, 3, 31), -1) == D(2023, 2, 28)
