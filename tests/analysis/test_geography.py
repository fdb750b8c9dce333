"""Geography and denominators read from the shared reference data.

Expected figures come from PROVENANCE.md (checked there against the published files) or are
recomputed here by an independent route, never copied from this module's output.
"""

import numpy as np
import pytest
import shapely

from cspmonitor.analysis import geography
from cspmonitor.analysis.geography import ReferenceDataError
from tests.reference import REFERENCE_DIR

BABERGH, MID_SUFFOLK, WEST_SUFFOLK = "E07000200", "E07000203", "E07000245"
WESTERN_SUFFOLK = (BABERGH, MID_SUFFOLK, WEST_SUFFOLK)
FOREST_HEATH, ST_EDMUNDSBURY = "E07000201", "E07000204"


def test_it_maps_forest_heath_lsoas_into_west_suffolk():
    districts = geography.lsoa_districts(REFERENCE_DIR)
    forest_heath_008a = districts["E01029925"]
    assert forest_heath_008a.lsoa11_name == "Forest Heath 008A"
    assert (forest_heath_008a.district_code, forest_heath_008a.district_name) == (
        WEST_SUFFOLK,
        "West Suffolk",
    )
    old_names = [
        r
        for r in geography.lsoa_lookup(REFERENCE_DIR)
        if r.lsoa11_name.startswith(("Forest Heath", "St Edm"))
    ]
    # One LSOA per feature in the two pre-2019 boundary files: 34 Forest Heath + 66 St Edmundsbury.
    assert len(old_names) == 34 + 66
    assert {r.district_code for r in old_names} == {WEST_SUFFOLK}


def test_it_never_returns_a_district_abolished_in_2019():
    codes = {r.district_code for r in geography.lsoa_lookup(REFERENCE_DIR)}
    assert FOREST_HEATH not in codes and ST_EDMUNDSBURY not in codes


def test_it_maps_a_2021_lsoa_code_to_its_district():
    # E01016184 (2011) became E01035239 "Bracknell Forest 002I" in 2021; the code is new.
    row = geography.lsoa_districts(REFERENCE_DIR)["E01035239"]
    assert (row.lsoa11_code, row.district_code) == ("E01016184", "E06000036")


def test_it_sums_lsoa_populations_to_the_published_district_totals():
    totals = geography.district_population_2020(REFERENCE_DIR)
    assert (totals[BABERGH], totals[MID_SUFFOLK], totals[WEST_SUFFOLK]) == (92_735, 104_857, 177_302)


def test_it_reads_thousands_separators_in_lsoa_populations():
    population = geography.population_2020(REFERENCE_DIR)
    assert len(population) == 34_753
    assert population["E01011949"] == 1_944  # written "1,944" in the file


def test_it_reads_census_2021_without_the_footnote_rows():
    census = geography.census_2021(REFERENCE_DIR)
    assert (len(census), sum(census.values())) == (35_672, 59_597_601)


def test_it_reads_an_imd_decile_consistent_with_the_rank_for_every_english_lsoa():
    imd = geography.imd2019(REFERENCE_DIR)
    assert len(imd) == 32_844
    ranks = np.array([d.rank for d in imd.values()])
    deciles = np.array([d.decile for d in imd.values()])
    # The published ranks run 1..32,844 with a handful of ties (equal scores share a rank).
    assert ranks.min() == 1 and ranks.max() == 32_844
    assert len(np.unique(ranks)) > 32_800
    # Deciles are tenths of the ranking (rank 1 = most deprived).
    assert np.array_equal(deciles, np.ceil(ranks / 32_844 * 10).astype(int))
    assert all(code.startswith("E01") for code in imd)


def test_it_parses_the_imd_workbook_once_per_path():
    assert geography.imd2019(REFERENCE_DIR) is geography.imd2019(REFERENCE_DIR)


def test_it_names_the_missing_file_and_the_directory(tmp_path):
    with pytest.raises(ReferenceDataError) as raised:
        geography.population_2020(tmp_path)
    assert "lsoa_mid_2020_estimates_england.csv.gz" in str(raised.value)
    assert str(tmp_path) in str(raised.value)


def test_it_returns_the_western_suffolk_lsoa_boundaries_with_their_district():
    collection = geography.lsoa_boundaries(REFERENCE_DIR, WESTERN_SUFFOLK)
    properties = [f["properties"] for f in collection["features"]]
    expected = {
        r.lsoa11_code for r in geography.lsoa_lookup(REFERENCE_DIR) if r.district_code in WESTERN_SUFFOLK
    }
    assert len(properties) == 210
    assert {p["LSOA11CD"] for p in properties} == expected
    assert {(p["LAD22CD"], p["LAD22NM"]) for p in properties} == {
        (BABERGH, "Babergh"),
        (MID_SUFFOLK, "Mid Suffolk"),
        (WEST_SUFFOLK, "West Suffolk"),
    }


def test_it_refuses_districts_without_lsoa_boundaries():
    with pytest.raises(ReferenceDataError, match="E09000001"):
        geography.lsoa_boundaries(REFERENCE_DIR, ["E09000001"])


def test_lsoa_areas_in_square_metres_add_up_to_the_district_area():
    shapes = geography.lsoa_shapes(REFERENCE_DIR, [BABERGH])
    district = geography.district_shapes(REFERENCE_DIR)[BABERGH]
    # Two differently generalised files (LSOA "generalised", district "ultra generalised")
    # agree on area to a few per cent; a degrees-vs-metres mix-up would be off by 10^9.
    assert shapes.area_m2.sum() == pytest.approx(district.area_m2, rel=0.05)
    outline = shapely.geometry.shape(
        geography.district_boundaries(REFERENCE_DIR, [BABERGH])["features"][0]["geometry"]
    )
    lon, lat = geography.to_wgs84(shapes.x, shapes.y)
    assert shapely.contains_xy(outline.buffer(0.01), lon, lat).all()  # ~1 km slack for generalisation


def test_every_suffolk_lsoa_has_a_neighbour_and_the_relation_is_symmetric():
    shapes = geography.lsoa_shapes(REFERENCE_DIR)
    adjacency = geography.queen_neighbours(shapes.geometries)
    assert adjacency.shape == (441, 441)
    assert (adjacency.sum(axis=1) >= 1).all()
    assert (adjacency != adjacency.T).nnz == 0
    assert adjacency.diagonal().sum() == 0


def test_queen_neighbours_agree_with_pairwise_distances():
    shapes = geography.lsoa_shapes(REFERENCE_DIR, [BABERGH])
    adjacency = geography.queen_neighbours(shapes.geometries, tolerance_m=1.0).toarray().astype(bool)
    distance = shapely.distance(shapes.geometries[:, None], shapes.geometries[None, :])
    np.fill_diagonal(distance, np.inf)
    assert np.array_equal(adjacency, distance <= 1.0)


def test_it_restricts_a_geography_to_the_western_suffolk_districts():
    western = geography.load_geography(REFERENCE_DIR).restrict(WESTERN_SUFFOLK)
    assert len(western) == 210
    assert western.population.sum() == 92_735 + 104_857 + 177_302
    assert np.isfinite(western.x).all() and np.isfinite(western.y).all()
    assert set(western.imd_decile) <= set(range(1, 11))
    assert set(western.district_name) == {"Babergh", "Mid Suffolk", "West Suffolk"}


def test_it_leaves_centroids_empty_where_boundaries_are_not_held():
    welsh = geography.load_geography(REFERENCE_DIR, ["W06000015"])  # Cardiff
    assert len(welsh) > 0
    assert np.isnan(welsh.x).all()
    assert (welsh.imd_decile == 0).all()  # IMD 2019 is England's index


def test_it_refuses_an_unknown_district_code():
    with pytest.raises(ReferenceDataError, match="E07999999"):
        geography.load_geography(REFERENCE_DIR, ["E07999999"])


def test_it_returns_district_boundaries_by_code_and_refuses_unknown_ones():
    collection = geography.district_boundaries(REFERENCE_DIR, WESTERN_SUFFOLK)
    assert sorted(f["properties"]["LAD22CD"] for f in collection["features"]) == sorted(WESTERN_SUFFOLK)
    with pytest.raises(ReferenceDataError, match="E07000201"):
        geography.district_boundaries(REFERENCE_DIR, [FOREST_HEATH])


def test_it_converts_between_british_national_grid_and_wgs84():
    # ONS publishes each district's label point in both systems (BNG_E/BNG_N and LONG/LAT).
    properties = [f["properties"] for f in geography.district_boundaries(REFERENCE_DIR)["features"]]
    sample = [p for p in properties if p["LAD22CD"].startswith(("E", "W"))][::25]
    lon, lat = np.array([p["LONG"] for p in sample]), np.array([p["LAT"] for p in sample])
    x, y = geography.to_bng(lon, lat)
    # Helmert (no OSTN15 grid) is good to a few metres; ONS rounds BNG to the metre.
    assert np.abs(x - [p["BNG_E"] for p in sample]).max() < 10
    assert np.abs(y - [p["BNG_N"] for p in sample]).max() < 10
    back_lon, back_lat = geography.to_wgs84(x, y)
    assert np.abs(back_lon - lon).max() < 1e-7 and np.abs(back_lat - lat).max() < 1e-7
