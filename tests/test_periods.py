"""Financial years and quarters, April to March."""

import datetime as dt

import pytest

from cspmonitor.periods import FinancialYear, PeriodError, Quarter, quarter_choices


def test_it_reads_a_financial_year_and_knows_its_first_and_last_days():
    year = FinancialYear.parse("2022-23")
    assert (year.start, year.end) == (dt.date(2022, 4, 1), dt.date(2023, 3, 31))


@pytest.mark.parametrize("text", ["2022-24", "2022/23", "22-23", "", "2022-23 Q1"])
def test_it_refuses_a_year_not_written_like_2022_23(text):
    with pytest.raises(PeriodError, match="like 2022-23"):
        FinancialYear.parse(text)


def test_it_puts_january_to_march_in_the_year_that_began_the_april_before():
    assert FinancialYear.containing(dt.date(2023, 3, 31)).label == "2022-23"
    assert FinancialYear.containing(dt.date(2023, 4, 1)).label == "2023-24"


def test_the_first_quarter_is_april_to_june_and_the_fourth_january_to_march():
    q1, _q2, _q3, q4 = FinancialYear.parse("2022-23").quarters()
    assert (q1.start, q1.end) == (dt.date(2022, 4, 1), dt.date(2022, 6, 30))
    assert (q4.start, q4.end) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    assert q4.long_label == "Q4 2022-23 (January to March 2023)"


def test_it_finds_the_quarter_of_a_day_and_steps_across_years():
    q = Quarter.containing(dt.date(2023, 2, 14))
    assert q.label == "2022-23 Q4"
    assert q.next().label == "2023-24 Q1"
    assert q.next().previous() == q
    assert Quarter.parse("2022-23 Q1").previous().label == "2021-22 Q4"


def test_it_refuses_a_quarter_written_another_way():
    with pytest.raises(PeriodError, match="like 2022-23 Q1"):
        Quarter.parse("Q1 2022")


def test_quarter_choices_run_from_the_first_years_q1_to_the_last_years_q4():
    choices = quarter_choices(FinancialYear(2022), FinancialYear(2024))
    assert len(choices) == 12
    assert choices[0][0] == "2022-23 Q1" and choices[-1][0] == "2024-25 Q4"
