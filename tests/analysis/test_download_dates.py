"""A police.uk file's download date: from the import's option, else a full date in its path."""

from __future__ import annotations

import datetime as dt

import pytest

from cspmonitor.analysis.download_dates import date_in_name, download_date

D = dt.date


@pytest.mark.parametrize(
    ("path", "month", "given", "expected"),
    [
        pytest.param(
            "2025-12/2025-12-city-of-london-street.csv", "2025-12", None, None, id="archive month only"
        ),
        pytest.param(
            "2026-02.zip/2025-12/2025-12-suffolk-street.csv", "2025-12", None, None, id="zip by month"
        ),
        pytest.param(
            "dl-2026-02-20/2025-12/2025-12-suffolk-street.csv", "2025-12", None, D(2026, 2, 20), id="folder"
        ),
        pytest.param(
            "2026-03-14/2026-02-20.zip/x.csv", "2025-12", None, D(2026, 2, 20), id="nearest date wins"
        ),
        pytest.param("dl-2026-02-20/x.csv", "2025-12", D(2026, 3, 1), D(2026, 3, 1), id="the option wins"),
    ],
)
def test_it_takes_the_download_date_from_the_option_or_the_nearest_dated_name(path, month, given, expected):
    assert download_date(path, month, given) == expected


def test_it_refuses_a_download_date_before_the_month_ended():
    with pytest.raises(
        ValueError, match="2025-12-01/x.csv: a file for 2025-12 cannot have been downloaded on 2025-12-01"
    ):
        download_date("2025-12-01/x.csv", "2025-12")


def test_it_refuses_a_name_with_an_impossible_date():
    with pytest.raises(ValueError, match="'2026-02-30' holds 2026-02-30, which is not a date"):
        date_in_name("2026-02-30/x.csv")
