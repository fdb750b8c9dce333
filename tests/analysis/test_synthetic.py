"""The seeded synthetic police.uk generator: format, realism and planted effects.

Format checks are run on the real police.uk sample too, so a check that the sample fails is a
wrong check, not a feature. Tolerances for counts come from the Poisson variance of the counts.
"""

import csv
import re
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow.compute as pc
import pytest
import shapely
from scipy.spatial import cKDTree

from cspmonitor.analysis import geography, synthetic
from cspmonitor.analysis.policeuk import read_street_crimes
from cspmonitor.analysis.policeuk_rules import CRIME_TYPES
from cspmonitor.analysis.synthetic import Hotspot, NearRepeat, Rise
from cspmonitor.analysis.synthetic_places import force_districts
from tests.reference import REFERENCE_DIR, SAMPLE

MONTHS = ("2022-12", "2023-02")
SEED = 7
WEST_SUFFOLK = "E07000245"
ASB = "Anti-social behaviour"


# What each police.uk column looks like (checked against the real sample below).
FIELD_FORMATS = {
    "Crime ID": r"([0-9a-f]{64})?",
    "Month": r"\d{4}-(0[1-9]|1[0-2])",
    "Reported by": r"[A-Z][A-Za-z &-]+",
    "Longitude": r"(-?\d{1,2}\.\d{6})?",
    "Latitude": r"(\d{2}\.\d{6})?",
    "Location": r"On or near [A-Za-z/' ]*|No location",
    "LSOA code": r"([EW]01\d{6})?",
    "LSOA name": r"([A-Za-z ,'.-]+ \d{3}[A-Z])?",
    "Context": r"",
}


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("police")
    summary = synthetic.generate_police_uk(out, months=MONTHS, seed=SEED, reference_dir=REFERENCE_DIR)
    rows = [row for path in summary.files for row in read_rows(path)[1]]
    return summary, rows


def test_it_writes_police_uk_file_names_and_the_exact_header(written):
    summary, _ = written
    names = [str(p.relative_to(summary.out_dir)) for p in summary.files]
    assert names == [f"{m}/{m}-suffolk-street.csv" for m in ("2022-12", "2023-01", "2023-02")]
    sample_header, _ = read_rows(SAMPLE)
    for path in summary.files:
        assert read_rows(path)[0] == sample_header
        assert path.read_bytes().count(b"\r") == 0  # LF line ends, like the sample


@pytest.mark.parametrize("column", FIELD_FORMATS)
def test_every_field_has_the_format_of_the_real_sample(written, column):
    _, rows = written
    _, sample = read_rows(SAMPLE)
    pattern = re.compile(FIELD_FORMATS[column])
    assert all(pattern.fullmatch(r[column]) for r in sample), "the check itself must accept real data"
    assert [r[column] for r in rows if not pattern.fullmatch(r[column])] == []


def test_outcomes_and_force_names_are_ones_police_uk_uses(written):
    _, rows = written
    _, sample = read_rows(SAMPLE)
    outcomes = {r["Last outcome category"] for r in rows if r["Crime type"] != ASB}
    assert {r["Last outcome category"] for r in sample if r["Crime type"] != ASB} <= outcomes
    assert "Under investigation" in outcomes and "" not in outcomes
    assert {(r["Reported by"], r["Falls within"]) for r in rows} == {("Suffolk Constabulary",) * 2}


def test_asb_rows_have_no_crime_id_and_no_outcome(written):
    _, rows = written
    asb = [r for r in rows if r["Crime type"] == ASB]
    crimes = [r for r in rows if r["Crime type"] != ASB]
    assert asb and all(r["Crime ID"] == "" and r["Last outcome category"] == "" for r in asb)
    assert all(len(r["Crime ID"]) == 64 for r in crimes)
    assert len({r["Crime ID"] for r in crimes}) == len(crimes)


def test_the_projects_own_reader_accepts_every_row(written):
    summary, rows = written
    result = read_street_crimes(summary.out_dir, today=date(2024, 1, 1))
    assert (result.rows_read, result.rows_rejected) == (len(rows), 0)


def test_rows_fall_in_the_requested_months_only(written):
    summary, rows = written
    for path in summary.files:
        assert {r["Month"] for r in read_rows(path)[1]} == {path.parent.name}
    assert {r["Month"] for r in rows} == {"2022-12", "2023-01", "2023-02"}


def test_it_writes_some_rows_without_a_location(written):
    _, rows = written
    unlocated = [r for r in rows if r["Location"] == "No location"]
    assert 0.005 < len(unlocated) / len(rows) < 0.03
    assert all(
        (r["Longitude"], r["Latitude"], r["LSOA code"], r["LSOA name"]) == ("",) * 4 for r in unlocated
    )


def test_all_lsoa_codes_used_exist_in_the_lookup_with_their_names(written):
    _, rows = written
    districts = geography.lsoa_districts(REFERENCE_DIR)
    used = {(r["LSOA code"], r["LSOA name"]) for r in rows if r["LSOA code"]}
    assert all(code in districts and districts[code].lsoa11_name == name for code, name in used)
    suffolk = set(force_districts(REFERENCE_DIR)["suffolk"])
    assert {districts[code].district_code for code, _ in used} == suffolk


@pytest.fixture(scope="module")
def year():
    return synthetic.generate_events(months=("2022-01", "2022-12"), seed=SEED, reference_dir=REFERENCE_DIR)


def test_a_suffolk_year_has_a_realistic_size_and_mix(year):
    months = np.array(year["month"].to_pylist())
    per_month = np.unique(months, return_counts=True)[1]
    assert len(per_month) == 12
    assert 6_000 <= per_month.mean() <= 7_000
    assert per_month.min() > 5_500 and per_month.max() < 7_500  # seasonal swing, not a step
    types = np.array(year["crime_type"].to_pylist())
    crimes = types[types != ASB]
    assert 0.35 <= np.mean(crimes == "Violence and sexual offences") <= 0.40
    assert 0.15 <= np.mean(types == ASB) <= 0.25
    shares = {t: np.mean(crimes == t) for t in CRIME_TYPES if t != ASB}
    next_largest = sorted(shares, key=shares.get, reverse=True)[1:5]
    assert set(next_largest) == {"Shoplifting", "Criminal damage and arson", "Public order", "Other theft"}


def test_many_crimes_share_a_snapped_map_point(written):
    _, rows = written
    located = [(r["Longitude"], r["Latitude"]) for r in rows if r["Longitude"]]
    assert len(set(located)) < 0.5 * len(located)


def test_summer_brings_more_violence_than_winter(year):
    violence = year.filter(pc.equal(year["crime_type"], "Violence and sexual offences"))
    months = np.array(violence["month"].to_pylist())
    summer = np.isin(months, ["2022-06", "2022-07", "2022-08"]).sum()
    winter = np.isin(months, ["2022-01", "2022-02", "2022-12"]).sum()
    # Summer and winter counts are ~6,000 each; 4 Poisson standard deviations is ~220.
    assert summer - winter > 4 * np.sqrt(summer + winter)


def test_suffolk_events_lie_inside_their_real_lsoa_polygon():
    events = synthetic.generate_events(months=("2023-01", "2023-01"), seed=SEED, reference_dir=REFERENCE_DIR)
    shapes = geography.lsoa_shapes(REFERENCE_DIR)
    polygon = dict(zip(shapes.codes, shapes.geometries, strict=True))
    codes = events["lsoa_code"].to_pylist()
    x, y = events["x"].to_numpy(), events["y"].to_numpy()
    inside = [shapely.contains_xy(polygon[c], px, py) for c, px, py in zip(codes, x, y, strict=True)]
    assert all(inside)


def test_the_same_seed_writes_byte_identical_files(tmp_path):
    def run(folder: str, seed: int) -> bytes:
        summary = synthetic.generate_police_uk(
            tmp_path / folder,
            months=("2023-03", "2023-03"),
            seed=seed,
            reference_dir=REFERENCE_DIR,
            scale=0.2,
        )
        return summary.files[0].read_bytes()

    first = run("a", 3)
    assert first == run("b", 3)
    assert first != run("c", 4)


def test_a_planted_rise_gives_the_expected_ratio_of_counts():
    rise = Rise("Burglary", WEST_SUFFOLK, factor=2.0, from_month="2022-10")
    events = synthetic.generate_events(
        months=("2022-04", "2023-03"), seed=SEED, effects=[rise], reference_dir=REFERENCE_DIR
    )
    burglary = events.filter(pc.equal(events["crime_type"], "Burglary"))
    after = np.array(burglary["month"].to_pylist()) >= "2022-10"
    west = np.array(burglary["district_code"].to_pylist()) == WEST_SUFFOLK
    counts = [np.sum(w & a) for w in (west, ~west) for a in (after, ~after)]
    # The ratio of ratios cancels population and seasonality (both halves have the same months
    # for both areas); its log has variance ~ sum(1/n) under Poisson counts.
    log_ratio = np.log(counts[0] / counts[1]) - np.log(counts[2] / counts[3])
    tolerance = 4 * np.sqrt(sum(1 / n for n in counts))
    assert abs(log_ratio - np.log(2.0)) < tolerance
    assert tolerance < np.log(2.0) / 2  # enough data to tell a doubling from no change


def test_a_planted_hotspot_puts_its_extra_events_within_the_radius():
    centre = (0.7129, 52.2463)  # Bury St Edmunds town centre
    hotspot = Hotspot("Shoplifting", centre, radius_m=400, extra_per_month=60, months=("2022-06", "2022-08"))
    events = synthetic.generate_events(
        months=("2022-04", "2022-09"), seed=SEED, effects=[hotspot], reference_dir=REFERENCE_DIR
    )
    planted = events.filter(pc.equal(events["effect"], "hotspot"))
    # Great-circle distance from lon/lat, independent of the generator's grid arithmetic.
    lon, lat = np.radians(planted["lon"].to_numpy()), np.radians(planted["lat"].to_numpy())
    lon0, lat0 = np.radians(centre)
    h = np.sin((lat - lat0) / 2) ** 2 + np.cos(lat) * np.cos(lat0) * np.sin((lon - lon0) / 2) ** 2
    metres = 2 * 6_371_000 * np.arcsin(np.sqrt(h))
    assert metres.max() <= 400 * 1.01  # 1% for the sphere against the OSGB ellipsoid
    assert set(planted["month"].to_pylist()) == {"2022-06", "2022-07", "2022-08"}
    assert set(planted["crime_type"].to_pylist()) == {"Shoplifting"}
    assert abs(planted.num_rows - 180) < 4 * np.sqrt(180)


def test_a_hotspot_centred_on_an_lsoa_uses_its_centroid():
    lsoa = "E01029925"  # Forest Heath 008A
    shapes = geography.lsoa_shapes(REFERENCE_DIR, [WEST_SUFFOLK])
    at = shapes.codes.index(lsoa)
    hotspot = Hotspot("Drugs", lsoa, radius_m=500, extra_per_month=30)
    events = synthetic.generate_events(
        months=("2023-01", "2023-02"), seed=SEED, effects=[hotspot], reference_dir=REFERENCE_DIR
    )
    planted = events.filter(pc.equal(events["effect"], "hotspot"))
    distance = np.hypot(planted["x"].to_numpy() - shapes.x[at], planted["y"].to_numpy() - shapes.y[at])
    assert planted.num_rows > 0 and distance.max() <= 500


def test_a_hotspot_with_no_map_point_in_reach_is_refused():
    far_away = Hotspot("Drugs", (-3.0, 53.0), radius_m=100, extra_per_month=5)  # North Wales
    with pytest.raises(ValueError, match="no map point"):
        synthetic.generate_events(effects=[far_away], reference_dir=REFERENCE_DIR)


def burglary_pairs(events, metres: float, days: int) -> int:
    burglary = events.filter(pc.equal(events["crime_type"], "Burglary"))
    xy = np.column_stack([burglary["x"].to_numpy(), burglary["y"].to_numpy()])
    when = burglary["date"].to_numpy().astype("datetime64[D]").astype(int)
    pairs = cKDTree(xy).query_pairs(metres, output_type="ndarray")
    return int((np.abs(when[pairs[:, 0]] - when[pairs[:, 1]]) <= days).sum())


def test_planted_near_repeats_add_burglary_pairs_close_in_space_and_time():
    effect = NearRepeat("Burglary", fraction=0.3, max_distance_m=200, max_days=14)
    args = dict(months=("2022-04", "2022-09"), seed=SEED, reference_dir=REFERENCE_DIR)
    plain = synthetic.generate_events(**args)
    planted = synthetic.generate_events(effects=[effect], **args)
    followers = planted.filter(pc.equal(planted["effect"], "near_repeat")).num_rows
    originals = plain.filter(pc.equal(plain["crime_type"], "Burglary")).num_rows
    # Binomial(originals, 0.3), less those pushed past the last day (at most 14 of 183 days).
    expected_high = 0.3 * originals
    expected_low = expected_high * (1 - 14 / 183)
    spread = 4 * np.sqrt(originals * 0.3 * 0.7)
    assert expected_low - spread < followers < expected_high + spread
    # Every follow-up is within 200 m and 14 days of its original, so each adds at least one pair.
    assert burglary_pairs(planted, 200, 14) - burglary_pairs(plain, 200, 14) >= followers


def test_it_refuses_unknown_forces_and_crime_types():
    with pytest.raises(ValueError, match="atlantis"):
        synthetic.generate_events(forces=["atlantis"], reference_dir=REFERENCE_DIR)
    with pytest.raises(ValueError, match="crime type"):
        synthetic.generate_events(
            effects=[Rise("Arson", WEST_SUFFOLK, 2.0, "2022-01")], reference_dir=REFERENCE_DIR
        )


def test_national_pseudo_forces_cover_every_district_exactly_once():
    forces = force_districts(REFERENCE_DIR)
    assert len(forces) == 43
    assigned = [code for codes in forces.values() for code in codes]
    assert sorted(assigned) == sorted({r.district_code for r in geography.lsoa_lookup(REFERENCE_DIR)})
    assert all(codes for codes in forces.values())


def test_a_pseudo_force_file_is_valid_police_uk_data(tmp_path):
    summary = synthetic.generate_police_uk(
        tmp_path,
        forces=["dyfed-powys"],
        months=("2023-03", "2023-03"),
        reference_dir=REFERENCE_DIR,
        scale=0.1,
    )
    result = read_street_crimes(tmp_path, today=date(2024, 1, 1))
    assert result.rows_read == summary.total_rows > 0
    assert result.rows_rejected == 0
    _, rows = read_rows(summary.files[0])
    assert {r["Reported by"] for r in rows} == {"Dyfed-Powys Police"}
