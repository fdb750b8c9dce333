"""The strategic assessment finds effects planted in synthetic data, and few on null data."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from cspmonitor.analysis import geography
from cspmonitor.analysis.assessment import AssessmentInputs, run_assessment
from cspmonitor.analysis.assessment_spatial import spatial_stages
from cspmonitor.analysis.importer import import_police_uk
from cspmonitor.analysis.store import CrimeStore
from cspmonitor.analysis.synthetic import Hotspot, NearRepeat, Rise, generate_police_uk
from tests.reference import REFERENCE_DIR, SAMPLE

DISTRICTS = {"E07000245": "West Suffolk", "E07000200": "Babergh", "E07000203": "Mid Suffolk"}
BABERGH = "E07000200"
HOTSPOT_LSOA = "E01030115"  # St Edmundsbury 013A, in West Suffolk: the planted hotspot
MONTHS = ("2020-04", "2023-03")


def _assess(tmp: Path, effects, seed: int) -> dict:
    generate_police_uk(tmp / "csv", months=MONTHS, seed=seed, effects=effects, reference_dir=REFERENCE_DIR)
    store = CrimeStore(tmp / "store")
    import_police_uk([tmp / "csv"], store)
    return run_assessment(store, _inputs(), extra_stages=spatial_stages(REFERENCE_DIR))


def _inputs() -> AssessmentInputs:
    """Western Suffolk's 2022-23 assessment inputs, as the web app builds them."""
    return AssessmentInputs(
        "Western Suffolk CSP",
        DISTRICTS,
        ["suffolk"],
        "2022-04",
        "2023-03",
        geography.district_of_lsoa(REFERENCE_DIR),
        geography.district_population_2020(REFERENCE_DIR),
        geography.population_2020(REFERENCE_DIR),
    )


@pytest.fixture(scope="module")
def planted_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("planted")


@pytest.fixture(scope="module")
def planted(planted_dir):
    effects = [
        Rise("Burglary", BABERGH, factor=1.8, from_month="2022-04"),
        Hotspot(
            "Criminal damage and arson",
            HOTSPOT_LSOA,
            radius_m=400,
            extra_per_month=25,
            months=("2022-04", "2023-03"),
        ),
        NearRepeat("Burglary", fraction=0.3, max_distance_m=150, max_days=10),
    ]
    return _assess(planted_dir, effects, seed=11)


@pytest.fixture(scope="module")
def null(tmp_path_factory):
    return _assess(tmp_path_factory.mktemp("null"), [], seed=12)


def _change(result, area, crime_type):
    return next(r for r in result["changes"]["rows"] if r["area"] == area and r["crime_type"] == crime_type)


def test_a_planted_rise_in_one_district_is_a_significant_rise(planted):
    change = _change(planted, BABERGH, "Burglary")
    assert change["wording"] == "significant rise"
    assert 1.4 < change["ratio"] < 2.3
    assert change["ci_low"] > 1


def test_the_planted_rise_is_an_emerging_issue(planted):
    flagged = {(r["area"], r["crime_type"]) for r in planted["emerging"]["flagged"]}
    assert (BABERGH, "Burglary") in flagged


def test_a_planted_hotspot_is_a_hot_grid_cluster_where_it_was_planted(planted):
    # Gi* on LSOAs asks whether an LSOA *and its neighbours* are high; one busy LSOA among
    # quiet ones is a rise in its count, while the 500 m grid resolves the cluster itself.
    row = next(r for r in planted["hotspots_lsoa"]["rows"] if r["lsoa_code"] == HOTSPOT_LSOA)
    assert row["current"] > 2 * row["previous"]
    assert planted["hotspots_grid"]["hot"] >= 1
    hot_cells = [c for c in planted["hotspots_grid"]["flagged"] if c["class"] == "hot"]
    shapes = geography.lsoa_shapes(REFERENCE_DIR, ["E07000245"])
    i = shapes.codes.index(HOTSPOT_LSOA)
    nearest = min(((c["x"] - shapes.x[i]) ** 2 + (c["y"] - shapes.y[i]) ** 2) ** 0.5 for c in hot_cells)
    assert nearest < 1500


def test_the_planted_hotspot_shows_on_the_grid_as_new_or_intensifying(planted):
    # The hotspot was planted in the assessed year only, so last year's cells there were quiet.
    shapes = geography.lsoa_shapes(REFERENCE_DIR, ["E07000245"])
    i = shapes.codes.index(HOTSPOT_LSOA)
    near = [
        c
        for c in planted["hotspots_grid"]["flagged"]
        if ((c["x"] - shapes.x[i]) ** 2 + (c["y"] - shapes.y[i]) ** 2) ** 0.5 < 1500
    ]
    assert {c["trend"] for c in near} & {"new", "intensifying"}
    # Gi* judges a cell with its neighbours, so one cell may fall while its cluster rises.
    rising = [c for c in near if c["trend"] in {"new", "intensifying"}]
    assert sum(c["count"] for c in rising) > 1.5 * sum(c["previous"] for c in rising)


def test_planted_near_repeats_show_more_close_pairs_than_chance(planted):
    knox = planted["near_repeats"]["by_type"]["Burglary"]
    assert knox["ratio"][0][0] > 1.3
    assert knox["p_values"][0][0] <= 0.05


def test_on_null_data_few_changes_are_called_significant(null):
    rows = null["changes"]["rows"]
    significant = [r for r in rows if r["wording"] != "within normal variation"]
    # Benjamini–Hochberg keeps the chance of any false discovery at 5% when nothing changed;
    # allow the stated rate of the tests, not more.
    assert len(significant) <= 0.05 * len(rows)


def test_on_null_data_few_emerging_issues_are_flagged(null):
    rows = null["emerging"]["rows"]
    assert len(null["emerging"]["flagged"]) <= 0.05 * len(rows)


def test_the_assessment_reports_what_it_left_out(planted):
    assert planted["excluded"]["outside_the_partnership"] > 0  # Ipswich, East Suffolk
    assert planted["excluded"]["without_a_location"] > 0
    assert all(force["complete"] for force in planted["coverage"].values())


def test_rates_per_1000_use_the_district_population(planted):
    row = next(
        r for r in planted["rates"]["rows"] if r["area"] == BABERGH and r["crime_type"] == "All crime and ASB"
    )
    assert row["population"] == geography.district_population_2020(REFERENCE_DIR)[BABERGH]
    assert row["rate"] == pytest.approx(1000 * row["count"] / row["population"])


def test_counts_per_crime_type_and_district_equal_the_input_files(planted, planted_dir):
    lookup = geography.district_of_lsoa(REFERENCE_DIR)
    expected: Counter = Counter()
    for path in sorted((planted_dir / "csv").glob("*/*-street.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                district = lookup.get(row["LSOA code"])
                if "2022-04" <= row["Month"] <= "2023-03" and district in DISTRICTS:
                    expected[(district, row["Crime type"])] += 1
    got = {
        (t["area"], t["crime_type"]): t["current"]
        for t in planted["totals"]
        if t["area"] in DISTRICTS and t["crime_type"] != "All crime and ASB"
    }
    assert {key: n for key, n in got.items() if n} == dict(expected)


def test_real_rows_located_in_another_district_are_counted_apart_not_lost(tmp_path):
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    elsewhere = sum(1 for r in rows if r["LSOA name"].startswith("Arun"))
    unlocated = sum(1 for r in rows if not r["LSOA code"])
    assert elsewhere == 2  # as PROVENANCE.md describes the sample
    store = CrimeStore(tmp_path / "store")
    import_police_uk([SAMPLE], store)
    result = run_assessment(store, _inputs())
    assert result["excluded"]["outside_the_partnership"] == elsewhere
    assert result["excluded"]["without_a_location"] == unlocated
    partnership_total = next(
        t["current"]
        for t in result["totals"]
        if t["area"] == "all" and t["crime_type"] == "All crime and ASB"
    )
    assert partnership_total + elsewhere + unlocated == len(rows)
    assert not result["coverage"]["suffolk"]["complete"]  # only March 2023 is held


def test_each_outcome_carries_its_stage_from_the_categories_data(planted):
    stages = {row["outcome"]: row["stage"] for row in planted["outcomes"]}
    assert stages["No outcome recorded (ASB)"] is None
    assert {stage for outcome, stage in stages.items() if outcome != "No outcome recorded (ASB)"} <= {
        "police",
        "court",
    }
    assert stages["Awaiting court outcome"] == "court" and stages["Under investigation"] == "police"
