"""The assessment runs for any partnership: England and Wales, a London borough, a split
district and a multi-district partnership, on synthetic data and on real police.uk files.

Counts per district are checked against the generator's own record of where each event is,
not against the code under test: the LSOA's district, or for a split district the former
district its 2011 LSOA is named after.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow.compute as pc
import pytest

from cspmonitor.analysis import areas, placement
from cspmonitor.analysis.assessment import run_assessment
from cspmonitor.analysis.assessment_inputs import national_inputs
from cspmonitor.analysis.assessment_spatial import LsoaHotspots
from cspmonitor.analysis.importer import import_police_uk
from cspmonitor.analysis.names import ALL_TYPES
from cspmonitor.analysis.placement import Placer
from cspmonitor.analysis.store import CrimeStore
from cspmonitor.analysis.synthetic import generate_events, generate_police_uk
from tests.reference import REFERENCE_DIR

MONTHS = ("2022-04", "2023-03")
# Synthetic forces: Suffolk is real; "surrey" and "wiltshire" are pseudo-forces holding Camden
# and Cwm Taf's districts (see synthetic_places).
FORCES = ("suffolk", "surrey", "wiltshire")
SAMPLE = {
    "E22000373": ("Western Suffolk", "suffolk"),  # three whole districts
    "E22000274": ("Suffolk Coastal", "suffolk"),  # part of East Suffolk
    "E22000191": ("Camden", "surrey"),  # a London borough
    "W14000023": ("Cwm Taf", "wiltshire"),  # two Welsh districts
}
SCALE = 0.25


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("national")
    args = {"forces": FORCES, "months": MONTHS, "seed": 14, "reference_dir": REFERENCE_DIR, "scale": SCALE}
    generate_police_uk(tmp / "csv", **args)
    _write_transport_police(tmp / "csv")
    store = CrimeStore(tmp / "store")
    import_police_uk([tmp / "csv"], store)
    return store, generate_events(**args)


def _write_transport_police(folder: Path) -> None:
    """A British Transport Police month: ten Suffolk rows re-labelled as BTP's."""
    source = folder / "2022-06" / "2022-06-suffolk-street.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [r for r in reader if r["LSOA name"].startswith("Babergh")][:10]
        header = reader.fieldnames
    for row in rows:
        row["Reported by"] = row["Falls within"] = "British Transport Police"
        row["Crime ID"] = ""
    with (folder / "2022-06" / "2022-06-btp-street.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def _assess(store, code, force, stages=()):
    name, _ = SAMPLE[code]
    area = areas.ons_partnership_area(REFERENCE_DIR, code)
    inputs = national_inputs(REFERENCE_DIR, name, area, [force], *MONTHS)
    return run_assessment(store, inputs, extra_stages=stages), area


def _district_totals(result) -> dict[str, int]:
    return {
        r["area"]: r["current"]
        for r in result["totals"]
        if r["crime_type"] == ALL_TYPES and r["area"] != "all"
    }


def _expected(events, area, district, code) -> int:
    """Located events of the year in the district (or the partnership's part of it), less any
    the placement reports as unplaced (pseudo-forces' map points are not inside real LSOAs)."""
    name, force = SAMPLE[code]
    rows = events.filter(pc.and_(pc.equal(events["force"], force), events["has_location"]))
    codes = np.array(rows["lsoa_code"].to_pylist())
    if district in area.split:
        # The former district starts the 2011 LSOA's name: "Suffolk Coastal 012B".
        ours = np.char.startswith(np.array(rows["lsoa_name"].to_pylist()), name + " ")
    else:
        ours = np.array(rows["district_code"].to_pylist()) == district
    lon, lat = rows["lon"].to_numpy()[ours], rows["lat"].to_numpy()[ours]
    placed = Placer(REFERENCE_DIR).place(codes[ours].tolist(), lon, lat)
    return int(ours.sum()) - sum(placed.unplaced().values())


@pytest.mark.parametrize("code", sorted(SAMPLE))
def test_it_counts_in_each_district_exactly_the_rows_placed_there(synthetic, code):
    store, events = synthetic
    result, area = _assess(store, code, SAMPLE[code][1])
    totals = _district_totals(result)
    btp = 10 if code == "E22000373" else 0  # the BTP rows are in Babergh
    assert set(totals) == set(area.districts)
    for district, count in totals.items():
        extra = btp if district == "E07000200" else 0
        assert count == _expected(events, area, district, code) + extra, district


def test_it_places_every_row_of_real_suffolk_map_points(synthetic):
    store, _ = synthetic
    result, _ = _assess(store, "E22000274", "suffolk")
    assert result["excluded"]["unplaced"] == {}
    assert result["geography"]["lsoa_vintage"] == 2021


def test_it_reports_rows_it_could_not_place_by_reason(synthetic):
    store, _ = synthetic
    result, _ = _assess(store, "E22000191", "surrey")
    assert set(result["excluded"]["unplaced"]) <= set(placement.REASONS)


def test_it_includes_transport_police_rows_inside_the_area_and_shows_them(synthetic):
    store, _ = synthetic
    result, _ = _assess(store, "E22000373", "suffolk")
    btp = next(f for f in result["forces_included"] if f["force"] == "btp")
    assert btp == {"force": "btp", "rows": 10, "transport_police": True}
    # Outside the area, BTP rows are not listed: Camden's assessment has none.
    camden, _ = _assess(store, "E22000191", "surrey")
    assert [f["force"] for f in camden["forces_included"]] == ["surrey"]


def test_it_uses_the_population_and_deprivation_of_each_nation(synthetic):
    store, _ = synthetic
    wales, _ = _assess(store, "W14000023", "wiltshire")
    england, _ = _assess(store, "E22000191", "surrey")
    assert wales["geography"]["deprivation_source"] == "WIMD 2019"
    assert england["geography"]["deprivation_source"] == "IoD 2025"
    assert "mid-2022" in wales["rates"]["population_source"]
    suffolk, _ = _assess(store, "E22000373", "suffolk")
    babergh = next(
        r for r in suffolk["rates"]["rows"] if r["area"] == "E07000200" and r["crime_type"] == ALL_TYPES
    )
    assert babergh["population"] == 94_287  # PROVENANCE.md: MYE4, Babergh mid-2022 (revised)


def test_it_maps_hotspots_on_the_partnerships_own_2021_lsoas(synthetic):
    store, _ = synthetic
    result, area = _assess(store, "E22000274", "suffolk", [LsoaHotspots(REFERENCE_DIR)])
    rows = result["hotspots_lsoa"]["rows"]
    assert {r["lsoa_code"] for r in rows} == set(area.lsoa_district)
    assert sum(r["current"] for r in rows) == _district_totals(result)["E07000244"]


def test_it_assesses_real_files_of_both_lsoa_vintages(tmp_path):
    real = REFERENCE_DIR / "police_uk_real"
    for month in ("2022-12/2022-12-essex-street.csv", "2025-12/2025-12-city-of-london-street.csv"):
        (tmp_path / "csv" / month).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(real / month, tmp_path / "csv" / month)
    store = CrimeStore(tmp_path / "store")
    import_police_uk([tmp_path / "csv"], store)
    essex = _named_counts(real / "2022-12/2022-12-essex-street.csv")
    colchester = areas.ons_partnership_area(REFERENCE_DIR, "E22000084")
    inputs = national_inputs(REFERENCE_DIR, "Colchester", colchester, ["essex"], "2022-04", "2023-03")
    assert _district_totals(run_assessment(store, inputs)) == {"E07000071": essex["Colchester"]}
    # A 2021-coded month: Tower Hamlets 026F, part of an LSOA split in 2021, is among its rows.
    london = _named_counts(real / "2025-12/2025-12-city-of-london-street.csv")
    tower_hamlets = areas.ons_partnership_area(REFERENCE_DIR, "E22000215")
    inputs = national_inputs(
        REFERENCE_DIR, "Tower Hamlets", tower_hamlets, ["city-of-london"], "2025-04", "2026-03"
    )
    assert _district_totals(run_assessment(store, inputs)) == {"E09000030": london["Tower Hamlets"]}


def _named_counts(path: Path) -> Counter:
    """Located rows by the district name that starts their LSOA name (an independent count)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return Counter(r["LSOA name"].rsplit(" ", 1)[0] for r in csv.DictReader(handle) if r["Longitude"])
