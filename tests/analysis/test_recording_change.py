"""A volume that collapses or jumps in one step is a possible recording change, not a fall or rise."""

from __future__ import annotations

import csv

import pytest

from cspmonitor.analysis.recording_change import POSSIBLE_RECORDING_CHANGE, find_recording_change, wording
from tests.reference import REFERENCE_DIR


def _months(counts, start_year=2019):
    return {f"{start_year + i // 12}-{i % 12 + 1:02d}": n for i, n in enumerate(counts)}


def _asb_rows(path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if row["Crime type"] == "Anti-social behaviour")


def test_city_of_london_asb_from_about_100_a_month_to_5_is_a_possible_recording_change():
    # The real December 2025 file has 5 ASB rows; 2019 months had about 100 (issue 19).
    december_2025 = _asb_rows(
        REFERENCE_DIR / "police_uk_real" / "2025-12" / "2025-12-city-of-london-street.csv"
    )
    assert december_2025 == 5
    series = _months([101, 96, 104, 99, 110, 93, 7, 5, 6, 4, 5, december_2025])
    found = find_recording_change(series)
    assert (found.month, found.direction, found.before, found.after) == ("2019-07", "collapse", 100, 5)
    assert wording("significant fall", series) == POSSIBLE_RECORDING_CHANGE


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        pytest.param([50, 48, 52, 49, 51, 50, 300, 310, 295, 305], "jump", id="a jump in one step"),
        pytest.param([100, 90, 80, 70, 60, 50, 40, 30, 20, 10], None, id="a steady fall is a fall"),
        pytest.param([100, 98, 103, 60, 40, 25, 15, 10, 8, 9], None, id="a fall over months overlaps"),
        pytest.param([100, 98, 103, 99, 101, 35, 30, 32, 28, 31], None, id="a third: too small a step"),
        pytest.param([100, 98, 103, 99, 101, 5, 4], None, id="two months after: too few to tell"),
        pytest.param([100, 98, 103, 99, 101, 5, 4, 120, 3], None, id="a month back at the old level"),
    ],
)
def test_only_an_abrupt_lasting_step_has_the_signature(counts, expected):
    found = find_recording_change(_months(counts))
    assert (found.direction if found else None) == expected


def test_a_change_without_the_signature_keeps_its_wording():
    series = _months([100, 90, 80, 70, 60, 50, 40, 30, 20, 10])
    assert wording("significant fall", series) == "significant fall"


def test_the_year_on_year_table_words_a_stepped_collapse_as_a_possible_recording_change():
    from cspmonitor.analysis.assessment_counts import MonthlyCounts, year_on_year

    previous = [f"2019-{m:02d}" for m in range(1, 13)]
    current = [f"2020-{m:02d}" for m in range(1, 13)]
    asb = dict(zip(previous + current, [100] * 18 + [5] * 6, strict=True))  # steps down in July 2020
    burglary = dict(
        zip(previous + current, [40] * 12 + [40, 38, 36, 34, 32, 30, 28, 26, 24, 22, 20, 18], strict=True)
    )
    counts = MonthlyCounts(
        {
            ("All", t, m): n
            for t, series in (("Anti-social behaviour", asb), ("Burglary", burglary))
            for m, n in series.items()
        },
        ("All",),
        ("Anti-social behaviour", "Burglary"),
        tuple(previous + current),
        0,
        0,
    )
    wording = {row["crime_type"]: row["wording"] for row in year_on_year(counts, previous, current, (12, 12))}
    assert wording == {"Anti-social behaviour": "possible recording change", "Burglary": "significant fall"}
