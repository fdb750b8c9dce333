"""National lookups: LSOA 2011 → 2021 (exact), partnerships, counties, and missing files.

Expected figures come from PROVENANCE.md, where they were checked against the published files.
"""

import shutil

import pytest

from cspmonitor.analysis import national
from tests.reference import REFERENCE_DIR


def test_it_reads_every_2021_lsoa_of_england_and_wales():
    lookup = national.lsoa_lookup(REFERENCE_DIR)
    assert len(lookup.name) == 35_672
    assert sum(code.startswith("W01") for code in lookup.name) == 1_917
    assert len(lookup.children) == 34_753


def test_it_lists_both_parts_of_a_split_2011_lsoa():
    lookup = national.lsoa_lookup(REFERENCE_DIR)
    assert lookup.change["E01029893"] == "S"  # Babergh 004B
    assert [lookup.name[c] for c in lookup.children["E01029893"]] == ["Babergh 004G", "Babergh 004H"]


def test_it_gives_lsoas_their_april_2023_district():
    lookup = national.lsoa_lookup(REFERENCE_DIR)
    by_district = lookup.by_district()
    assert (len(by_district["E07000200"]), len(by_district["E07000203"]), len(by_district["E07000245"])) == (
        55,
        57,
        107,
    )
    # Carlisle's LSOAs were in LAD E07000028 until Cumberland was made in April 2023.
    carlisle = next(code for code, name in lookup.name.items() if name.startswith("Carlisle "))
    assert lookup.district[carlisle] == "E06000063"
    partnerships_districts = {
        d for r in national.partnerships(REFERENCE_DIR).values() for d in r.district_codes
    }
    assert partnerships_districts == set(by_district)


def test_it_reads_the_314_partnerships_with_their_districts_and_force():
    records = national.partnerships(REFERENCE_DIR)
    assert len(records) == 314
    assert sum(code.startswith("W14") for code in records) == 21
    western = records["E22000373"]
    assert western.name == "Western Suffolk"
    assert set(western.district_codes) == {"E07000200", "E07000203", "E07000245"}
    assert (western.force_area_code, western.police_uk_force) == ("E23000025", "suffolk")


@pytest.mark.parametrize(
    ("force_area", "slug"),
    [
        ("Devon & Cornwall", "devon-and-cornwall"),
        ("Metropolitan Police", "metropolitan"),
        ("London, City of", "city-of-london"),
        ("Dyfed-Powys", "dyfed-powys"),
        ("North Wales", "north-wales"),
    ],
)
def test_it_turns_a_police_force_area_into_its_police_uk_identifier(force_area, slug):
    assert national.police_uk_force(force_area) == slug


def test_it_finds_a_partnership_by_its_own_or_a_district_name():
    by_district = national.search_partnerships(REFERENCE_DIR, "east suffolk")
    assert {r.name for r in by_district} == {"Suffolk Coastal", "Waveney"}
    by_name = national.search_partnerships(REFERENCE_DIR, "Cardiff")
    assert by_name[0].code.startswith("W14")
    assert national.search_partnerships(REFERENCE_DIR, "  ") == []


def test_it_gives_the_county_of_two_tier_districts_only():
    assert national.counties(REFERENCE_DIR, ["E07000200", "E07000245"]) == [("E10000029", "Suffolk")]
    assert national.counties(REFERENCE_DIR, ["E09000007"]) == []  # Camden is its own upper tier


def test_it_names_a_missing_file_and_how_to_obtain_it_without_the_servers_path(tmp_path):
    (tmp_path / "ons_lookups_ew").mkdir()
    shutil.copy(REFERENCE_DIR / national.CSP_LOOKUP, tmp_path / national.CSP_LOOKUP)
    with pytest.raises(national.MissingReferenceFile) as caught:
        national.lsoa_lookup(tmp_path)
    message = str(caught.value)
    assert national.EXACT_LOOKUP in message
    assert "ONS Open Geography Portal" in message
    assert str(tmp_path) not in message
