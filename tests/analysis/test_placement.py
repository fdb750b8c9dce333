"""Every located police.uk row gets a 2021 LSOA, from files of either LSOA vintage."""

import csv

import numpy as np
import shapely

from cspmonitor.analysis import boundaries21, placement
from cspmonitor.analysis.placement import Placer
from tests.reference import REFERENCE_DIR

REAL = REFERENCE_DIR / "police_uk_real"
BABERGH_004B = "E01029893"  # split in 2021 into Babergh 004G and 004H
BABERGH_004G, BABERGH_004H = "E01034559", "E01034560"


def _inside(code: str) -> tuple[float, float]:
    point = shapely.point_on_surface(boundaries21.lsoa21_wgs84(REFERENCE_DIR, [code])[code][1])
    return point.x, point.y


def test_it_places_a_2011_split_code_by_its_map_point():
    g, h = _inside(BABERGH_004G), _inside(BABERGH_004H)
    placed = Placer(REFERENCE_DIR).place([BABERGH_004B, BABERGH_004B], [g[0], h[0]], [g[1], h[1]])
    assert list(placed.lsoa21) == [BABERGH_004G, BABERGH_004H]
    assert placed.by_point == 2


def test_it_keeps_a_2021_code_of_a_split_lsoa_as_it_is():
    # The point lies in 004H, but the row's own 2021 code says 004G: the code wins, since
    # police.uk placed it with the exact point we do not see.
    h = _inside(BABERGH_004H)
    placed = Placer(REFERENCE_DIR).place([BABERGH_004G], [h[0]], [h[1]])
    assert list(placed.lsoa21) == [BABERGH_004G] and placed.by_point == 0


def test_it_counts_rows_it_cannot_place_with_the_reason():
    g = _inside(BABERGH_004G)
    placed = Placer(REFERENCE_DIR).place(
        ["E01999999", None, "", BABERGH_004B, BABERGH_004B],
        [0.1, 0.1, None, -3.0, None],
        [52.0, 52.0, None, 55.0, None],
    )
    assert list(placed.lsoa21) == [None] * 5
    assert placed.unplaced() == {
        placement.NO_CODE: 1,
        placement.NO_LOCATION: 2,
        placement.OUTSIDE_PARTS: 1,
        placement.UNKNOWN_CODE: 1,
    }
    assert g  # the same code with a point inside a part is placed (test above)


def test_it_places_a_merged_2011_code_in_its_2021_lsoa():
    lookup = Placer(REFERENCE_DIR).lookup
    merged = next(code for code, change in lookup.change.items() if change == "M")
    placed = Placer(REFERENCE_DIR).place([merged], [None], [None])
    assert list(placed.lsoa21) == list(lookup.children[merged])


def _rows(relative: str) -> list[dict[str, str]]:
    with open(REAL / relative, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _place(rows):
    return Placer(REFERENCE_DIR).place(
        [r["LSOA code"] for r in rows],
        [float(r["Longitude"]) if r["Longitude"] else None for r in rows],
        [float(r["Latitude"]) if r["Latitude"] else None for r in rows],
    )


def test_it_places_every_located_row_of_a_real_2011_coded_month():
    rows = _rows("2022-12/2022-12-essex-street.csv")
    placed = _place(rows)
    located = sum(1 for r in rows if r["Longitude"])
    assert sum(code is not None for code in placed.lsoa21) == located
    assert placed.unplaced() == {placement.NO_LOCATION: len(rows) - located}
    assert placed.by_point > 1000  # Essex has many split LSOAs: their rows were placed by point


def test_it_places_each_split_row_of_a_real_month_in_the_part_holding_its_point():
    rows = [r for r in _rows("2014-06/2014-06-suffolk-street.csv") if r["LSOA code"] == BABERGH_004B]
    placed = _place(rows)
    shapes = boundaries21.lsoa21_wgs84(REFERENCE_DIR, [BABERGH_004G, BABERGH_004H])
    assert len(rows) == 12
    for row, code in zip(rows, placed.lsoa21, strict=True):
        distances = {
            c: shapes[c][1].distance(shapely.Point(float(row["Longitude"]), float(row["Latitude"])))
            for c in shapes
        }
        assert code == min(distances, key=distances.get)


def test_it_places_a_real_2021_coded_row_of_a_split_lsoa_in_that_lsoa():
    rows = _rows("2025-12/2025-12-city-of-london-street.csv")
    placed = _place(rows)
    tower_hamlets_026f = "E01035697"  # a part of the 2011 LSOA E01004294, split in 2021
    at = [i for i, r in enumerate(rows) if r["LSOA code"] == tower_hamlets_026f]
    assert len(at) == 1 and placed.lsoa21[at[0]] == tower_hamlets_026f
    assert np.count_nonzero(placed.lsoa21 == None) == sum(1 for r in rows if not r["Longitude"])  # noqa: E711
