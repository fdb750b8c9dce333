"""A partnership's area as 2021 LSOAs, split districts shared out by their former districts."""

import functools

import pytest

from cspmonitor.analysis import areas, national
from cspmonitor.analysis.geography import ReferenceDataError
from tests.reference import REFERENCE_DIR

EAST_SUFFOLK = "E07000244"
SUFFOLK_COASTAL, WAVENEY = "E22000274", "E22000278"


def test_it_knows_the_seven_districts_split_between_partnerships():
    assert len(areas.shared_districts(REFERENCE_DIR)) == 7


@pytest.mark.parametrize("district", sorted(areas.shared_districts(REFERENCE_DIR)))
def test_it_gives_every_lsoa_of_a_split_district_to_exactly_one_partnership(district):
    parts = areas.split_district_lsoas(REFERENCE_DIR, district)
    assert len(parts) >= 2 and all(parts.values())
    listed = [code for codes in parts.values() for code in codes]
    assert sorted(listed) == sorted(national.lsoa_lookup(REFERENCE_DIR).by_district()[district])


def test_it_gives_suffolk_coastal_the_east_suffolk_lsoas_that_were_suffolk_coastal():
    area = areas.ons_partnership_area(REFERENCE_DIR, SUFFOLK_COASTAL)
    assert area.split == {EAST_SUFFOLK}
    lookup = national.lsoa_lookup(REFERENCE_DIR)
    # 2011 names still carry the former district: an independent check on the mid-2020 file.
    old_names = {
        code
        for code in lookup.by_district()[EAST_SUFFOLK]
        if any(
            p in lookup.children and _name_2011(p).startswith("Suffolk Coastal") for p in lookup.parents[code]
        )
    }
    assert set(area.lsoa_district) == old_names
    waveney = areas.ons_partnership_area(REFERENCE_DIR, WAVENEY)
    assert not set(waveney.lsoa_district) & set(area.lsoa_district)


def _name_2011(code: str) -> str:
    return _names_2011()[code]


@functools.cache
def _names_2011() -> dict[str, str]:
    return {r["LSOA11CD"]: r["LSOA11NM"] for r in national.read_csv(REFERENCE_DIR / national.EXACT_LOOKUP)}


def test_it_gives_dorset_the_part_of_bcp_that_no_partnership_names():
    dorset = areas.ons_partnership_area(REFERENCE_DIR, "E22000367")
    bcp = [c for c, d in dorset.lsoa_district.items() if d == "E06000058"]
    names = {national.lsoa_lookup(REFERENCE_DIR).name[c] for c in bcp}
    assert bcp and "E06000058" in dorset.split
    assert len(bcp) == 31  # Christchurch's LSOAs
    assert all(name.startswith("Bournemouth, Christchurch and Poole") for name in names)


def test_it_takes_whole_districts_for_a_multi_district_partnership():
    area = areas.ons_partnership_area(REFERENCE_DIR, "E22000373")
    assert len(area.lsoa_district) == 55 + 57 + 107 and not area.split


def test_it_refuses_a_listed_lsoa_outside_the_partnerships_districts():
    with pytest.raises(ReferenceDataError, match="E01000001 lies in district E09000001"):
        areas.partnership_area(REFERENCE_DIR, {EAST_SUFFOLK: "East Suffolk"}, ["E01000001"])
    with pytest.raises(ReferenceDataError, match="E01999999 is not a 2021 LSOA code"):
        areas.partnership_area(REFERENCE_DIR, {EAST_SUFFOLK: "East Suffolk"}, ["E01999999"])
