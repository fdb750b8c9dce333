"""Outcome categories as data, snapshots compared only at the same age, and repeated Crime IDs
counted by the stated rule; checked on real police.uk files where they show it."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from cspmonitor.analysis.outcomes import (
    COURT,
    POLICE,
    UNKNOWN,
    IncomparableSnapshots,
    OutcomeSnapshot,
    age_in_months,
    categories,
    compare_outcome_rates,
    count_crimes,
    stage_of,
)
from tests.reference import REFERENCE_DIR

REAL = REFERENCE_DIR / "police_uk_real"
FILES = [
    REAL / "2014-06" / "2014-06-suffolk-street.csv",
    REAL / "2022-12" / "2022-12-essex-street.csv",
    REAL / "2025-12" / "2025-12-city-of-london-street.csv",
]


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_outcome_in_the_real_files_has_a_stage(path):
    outcomes = {row["Last outcome category"] for row in _rows(path)} - {""}
    assert outcomes and {o: stage_of(o) for o in outcomes if stage_of(o) == UNKNOWN} == {}


@pytest.mark.parametrize(
    ("category", "stage", "final"),
    [
        ("Under investigation", POLICE, False),
        ("Investigation complete; no suspect identified", POLICE, True),
        ("Offender given a drugs possession warning", POLICE, True),  # 2014 Suffolk, gone since
        ("Awaiting court outcome", COURT, False),
        ("Suspect charged as part of another case", COURT, True),
        ("Offender given suspended prison sentence", COURT, True),
    ],
)
def test_outcome_categories_are_grouped_into_police_and_court_stages(category, stage, final):
    found = categories()[category]
    assert (found.stage, found.final) == (stage, final)


def test_a_category_not_in_the_data_is_unknown_and_asb_has_none():
    assert stage_of("Referred to a new national body") == UNKNOWN
    assert stage_of("") is None and stage_of(None) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("category,stage,final,note\nX,prison,yes,\n", "row 2: stage 'prison' is not one of police, court"),
        ("category,stage,final,note\nX,court,maybe,\n", "row 2: final must be yes or no"),
        ("category,stage,final,note\nX,court,yes,\nX,police,yes,\n", "row 3: 'X' is listed twice"),
    ],
)
def test_a_categories_file_that_does_not_fit_names_the_row(tmp_path, text, message):
    path = tmp_path / "outcome_categories.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        categories(path)


@pytest.mark.parametrize(
    ("month", "downloaded", "age"),
    [
        ("2025-12", dt.date(2026, 1, 1), 0),
        ("2025-12", dt.date(2026, 2, 28), 1),  # PROVENANCE: the City of London file, about two months on
        ("2014-06", dt.date(2016, 7, 1), 24),
    ],
)
def test_a_files_age_is_whole_months_from_the_end_of_its_month(month, downloaded, age):
    assert age_in_months(month, downloaded) == age


def test_a_file_cannot_be_downloaded_before_its_month_ends():
    with pytest.raises(ValueError, match="a file for 2025-12 cannot have been downloaded on 2025-12-31"):
        age_in_months("2025-12", dt.date(2025, 12, 31))


def _snapshot(path, month, downloaded):
    rows = [r["Last outcome category"] for r in _rows(path) if r["Crime ID"]]
    counts = {}
    for outcome in rows:
        counts[outcome] = counts.get(outcome, 0) + 1
    return OutcomeSnapshot(month, downloaded, counts)


def test_outcome_rates_of_snapshots_of_different_ages_are_never_compared():
    # Essex 2022-12 was downloaded long after its month; City of London 2025-12 about two months on:
    # 59 % "Under investigation" against 37 % is the files' ages, not policing.
    essex = _snapshot(FILES[1], "2022-12", dt.date(2024, 6, 1))
    city = _snapshot(FILES[2], "2025-12", dt.date(2026, 2, 20))
    with pytest.raises(
        IncomparableSnapshots, match="downloaded 17 months after its month and the 2025-12 file 1"
    ):
        compare_outcome_rates(essex, city)
    with pytest.raises(IncomparableSnapshots, match="download date of the 2025-12 file is not known"):
        compare_outcome_rates(essex, OutcomeSnapshot("2025-12", None, city.counts))


def test_snapshots_of_the_same_age_are_compared_stage_by_stage():
    before = OutcomeSnapshot(
        "2024-01", dt.date(2024, 3, 10), {"Under investigation": 6, "Awaiting court outcome": 4}
    )
    after = OutcomeSnapshot(
        "2025-01", dt.date(2025, 3, 2), {"Under investigation": 8, "Awaiting court outcome": 2}
    )
    change = compare_outcome_rates(before, after)
    assert change[POLICE] == pytest.approx(0.2) and change[COURT] == pytest.approx(-0.2)
    assert change[UNKNOWN] == 0


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_real_files_with_no_repeated_crime_ids_count_one_crime_a_row(path):
    rows = _rows(path)
    counted = count_crimes(row["Crime ID"] for row in rows)
    assert (counted.crimes, counted.rows, counted.folded_rows) == (len(rows), len(rows), 0)


def test_a_crime_id_repeated_within_a_month_counts_once_and_is_reported():
    # As in a City of London month where 26 Crime IDs appeared twice.
    ids = [f"id{n:02d}" for n in range(100)] + [f"id{n:02d}" for n in range(26)] + [None] * 5
    counted = count_crimes(ids)
    assert (counted.crimes, counted.rows, counted.repeated_ids, counted.folded_rows) == (105, 131, 26, 26)
    assert "26 Crime IDs appear on more than one row and count once each" in counted.describe()
