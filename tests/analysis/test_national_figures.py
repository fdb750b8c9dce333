"""Population of the year assessed and deprivation (IoD 2025 in England, WIMD 2019 in Wales)."""

from cspmonitor.analysis import areas, national_figures
from tests.reference import REFERENCE_DIR

BABERGH, EAST_SUFFOLK = "E07000200", "E07000244"


def test_it_uses_the_mid_year_estimate_of_the_year_asked_for():
    # PROVENANCE.md, MYE4: Babergh 95,872 (mid-2023), 94,287 (mid-2022); mye24: 97,033.
    assert national_figures.district_population(REFERENCE_DIR, 2023)[1][BABERGH] == 95_872
    assert national_figures.district_population(REFERENCE_DIR, 2022)[1][BABERGH] == 94_287
    assert national_figures.district_population(REFERENCE_DIR, 2024)[1][BABERGH] == 97_033


def test_it_takes_the_nearest_estimate_for_a_year_outside_the_range_and_says_so():
    used, figures = national_figures.district_population(REFERENCE_DIR, 2026)
    assert used == 2024 and figures[BABERGH] == 97_033


def test_it_gives_a_split_district_its_parts_share_of_the_population():
    coastal = areas.ons_partnership_area(REFERENCE_DIR, "E22000274")
    waveney = areas.ons_partnership_area(REFERENCE_DIR, "E22000278")
    parts = [
        national_figures.area_population(REFERENCE_DIR, a.lsoa_district, a.split, 2023)[1][EAST_SUFFOLK]
        for a in (coastal, waveney)
    ]
    whole = national_figures.district_population(REFERENCE_DIR, 2023)[1][EAST_SUFFOLK]
    assert abs(sum(parts) - whole) <= 1
    assert all(0.3 * whole < p < 0.7 * whole for p in parts)


def test_it_reads_iod_2025_in_england_and_wimd_2019_in_wales():
    found = national_figures.deprivation(REFERENCE_DIR, ["E01021988", "W01000240"])
    # Rank 1 of each index: Tendring 018A (IoD 2025) and Rhyl West 2 (WIMD 2019).
    assert (found["E01021988"].index, found["E01021988"].rank, found["E01021988"].decile) == (
        "IoD 2025",
        1,
        1,
    )
    assert (found["W01000240"].index, found["W01000240"].rank, found["W01000240"].decile) == (
        "WIMD 2019",
        1,
        1,
    )


def test_it_gives_every_welsh_2021_lsoa_a_wimd_decile_and_deciles_of_equal_size():
    found = national_figures.deprivation(REFERENCE_DIR, None)
    welsh = [d for code, d in found.items() if code.startswith("W")]
    assert len(welsh) == 1_917
    assert {d.decile for d in welsh} == set(range(1, 11))
