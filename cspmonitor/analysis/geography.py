"""Small-area geography and population denominators from the shared reference data.

Police geographies do not line up with districts, so everything is joined through LSOAs (lower
layer super output areas, ~1,500 residents each). This module reads the ONS and MHCLG files kept
in the reference-data directory (see its PROVENANCE.md) and nothing else; it never reaches the
network. Every function takes that directory as a `pathlib.Path`.

Vintages matter and are kept explicit:

* LSOA codes are **2011** unless a name says otherwise: police.uk, IMD 2019, the mid-2020
  population and the only boundaries we hold all use 2011 LSOAs.
* Districts are **LAD 2022** (after the 2019 Suffolk mergers), taken from the ONS best-fit
  LSOA 2011 → LSOA 2021 → LAD 2022 lookup, so "Forest Heath 008A" belongs to West Suffolk.
* Coordinates are British National Grid (EPSG:27700) metres for distances and areas, and
  WGS84 longitude/latitude (CRS84) for anything written out as GeoJSON.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
import shapely
from pyproj import Transformer
from scipy import sparse

LOOKUP_FILE = "ons_geography_lookups/LSOA_2011_to_LSOA_2021_Lookup_for_England_and_Wales.csv.gz"
POPULATION_2020_FILE = "ons_population/lsoa_mid_2020_estimates_england.csv.gz"
CENSUS_2021_FILE = "ons_population/lsoa_global_number_residents_2021.csv.gz"
IMD_FILE = "imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"
IMD_SHEET = "IMD2019"
LSOA_BOUNDARY_DIR = "boundaries/lsoa2011_bgc_by_lad2016"
DISTRICT_BOUNDARY_FILE = (
    "boundaries/lad_dec2022_uk_buc/Local_Authority_Districts_(December_2022)_Boundaries_UK_BUC.geojson"
)

_LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
# pyproj's default WGS84 → OSGB36 pipeline is a Helmert transformation (a few metres off the
# OSTN15 grid, which would have to be downloaded); that is far below LSOA scale and needs no
# network, which matters more here.
_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
_TO_WGS84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


class ReferenceDataError(Exception):
    """A reference file is missing or does not hold what this module expects."""


def reference_file(reference_dir: Path, relative: str) -> Path:
    """Return ``reference_dir / relative``, or raise `ReferenceDataError` naming both if absent."""
    path = Path(reference_dir) / relative
    if not path.exists():
        raise ReferenceDataError(f"reference file {relative!r} not found in {Path(reference_dir)}")
    return path


def _read_csv_gz(path: Path) -> list[dict[str, str]]:
    # utf-8-sig drops the BOM the ONS lookup starts with; the csv module copes with CRLF.
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _count(text: str) -> int:
    # ONS spreadsheets exported to CSV keep thousands separators: "1,944".
    return int(text.replace(",", "").strip())


@dataclass(frozen=True)
class LsoaDistrict:
    """The current (LAD 2022) district an LSOA lies in, with both LSOA vintages' codes."""

    lsoa11_code: str
    lsoa11_name: str
    lsoa21_code: str
    lsoa21_name: str
    district_code: str
    district_name: str


_LOOKUP_COLUMNS = ("LSOA11CD", "LSOA11NM", "LSOA21CD", "LSOA21NM", "LAD22CD", "LAD22NM")


@functools.lru_cache(maxsize=4)
def _lookup(path: Path) -> tuple[LsoaDistrict, ...]:
    rows = _read_csv_gz(path)
    missing = [c for c in _LOOKUP_COLUMNS if rows and c not in rows[0]]
    if missing or not rows:
        raise ReferenceDataError(f"{path} is empty or lacks columns {missing}")
    return tuple(LsoaDistrict(*(r[c] for c in _LOOKUP_COLUMNS)) for r in rows)


def lsoa_lookup(reference_dir: Path) -> tuple[LsoaDistrict, ...]:
    """Every 2011 LSOA in England and Wales with its best-fit 2021 LSOA and LAD 2022 district."""
    return _lookup(reference_file(reference_dir, LOOKUP_FILE))


def lsoa_districts(reference_dir: Path) -> Mapping[str, LsoaDistrict]:
    """Map both 2011 and 2021 LSOA codes to their `LsoaDistrict`.

    The lookup is best-fit (one row per 2011 LSOA), so a 2021 LSOA made by splitting a 2011 one
    is not listed; an unchanged code maps to the same row under both vintages.
    """
    return _districts_by_code(reference_file(reference_dir, LOOKUP_FILE))


def district_of_lsoa(reference_dir: Path) -> Mapping[str, str]:
    """LSOA code (2011 or 2021) → current district code (LAD 2022), for counting by district."""
    return _district_codes(reference_file(reference_dir, LOOKUP_FILE))


@functools.lru_cache(maxsize=4)
def _district_codes(path: Path) -> Mapping[str, str]:
    return {code: row.district_code for code, row in _districts_by_code(path).items()}


@functools.lru_cache(maxsize=4)
def _districts_by_code(path: Path) -> Mapping[str, LsoaDistrict]:
    out: dict[str, LsoaDistrict] = {}
    for row in _lookup(path):
        out.setdefault(row.lsoa21_code, row)
        out[row.lsoa11_code] = row  # a 2011 code always wins over a 2021 code spelled the same
    return MappingProxyType(out)


def district_names(reference_dir: Path) -> Mapping[str, str]:
    """LAD 2022 code → name for every district in the LSOA lookup."""
    return MappingProxyType({r.district_code: r.district_name for r in lsoa_lookup(reference_dir)})


@functools.lru_cache(maxsize=4)
def _population_2020(path: Path) -> Mapping[str, int]:
    return MappingProxyType({r["LSOA Code"]: _count(r["All Ages"]) for r in _read_csv_gz(path)})


def population_2020(reference_dir: Path) -> Mapping[str, int]:
    """ONS mid-2020 resident population (all ages) by 2011 LSOA code, England and Wales."""
    return _population_2020(reference_file(reference_dir, POPULATION_2020_FILE))


def district_population_2020(reference_dir: Path) -> dict[str, int]:
    """Mid-2020 population by LAD 2022 district: the sum over its 2011 LSOAs."""
    totals: dict[str, int] = {}
    population = population_2020(reference_dir)
    for row in lsoa_lookup(reference_dir):
        totals[row.district_code] = totals.get(row.district_code, 0) + population.get(row.lsoa11_code, 0)
    return totals


@functools.lru_cache(maxsize=4)
def _census_2021(path: Path) -> Mapping[str, int]:
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    # The file ends with blank and footnote rows; only rows whose code looks like an LSOA count.
    return MappingProxyType({r[1]: _count(r[2]) for r in rows[1:] if len(r) >= 3 and _LSOA_CODE.match(r[1])})


def census_2021(reference_dir: Path) -> Mapping[str, int]:
    """Census 2021 usual residents by 2021 LSOA code, England and Wales (footnotes dropped)."""
    return _census_2021(reference_file(reference_dir, CENSUS_2021_FILE))


@dataclass(frozen=True)
class Deprivation:
    """IMD 2019 for one LSOA: rank 1 (most deprived) to 32,844, and decile 1 (most) to 10."""

    rank: int
    decile: int


@functools.lru_cache(maxsize=4)
def _imd(path: Path) -> Mapping[str, Deprivation]:
    import openpyxl  # only this reader needs it; it is slow to import

    workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    try:
        if IMD_SHEET not in workbook.sheetnames:
            raise ReferenceDataError(f"{path} has no sheet {IMD_SHEET!r}")
        rows = workbook[IMD_SHEET].iter_rows(values_only=True)
        header = [str(h) for h in next(rows)]
        rank_at = next(i for i, h in enumerate(header) if "Rank" in h)
        decile_at = next(i for i, h in enumerate(header) if "Decile" in h)
        return MappingProxyType(
            {
                str(r[0]): Deprivation(int(r[rank_at]), int(r[decile_at]))
                for r in rows
                if r[0] is not None and _LSOA_CODE.match(str(r[0]))
            }
        )
    finally:
        workbook.close()


def imd2019(reference_dir: Path) -> Mapping[str, Deprivation]:
    """IMD 2019 rank and decile by 2011 LSOA code (England only: Wales has its own index)."""
    return _imd(reference_file(reference_dir, IMD_FILE))


def to_bng(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 longitude/latitude → British National Grid easting/northing in metres."""
    x, y = _TO_BNG.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x), np.asarray(y)


def to_wgs84(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """British National Grid easting/northing (metres) → WGS84 longitude/latitude."""
    lon, lat = _TO_WGS84.transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lon), np.asarray(lat)


def _project(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: np.column_stack(to_bng(xy[:, 0], xy[:, 1])))


@functools.lru_cache(maxsize=4)
def _lsoa_features(folder: Path) -> tuple[dict, ...]:
    features: list[dict] = []
    for path in sorted(folder.glob("*.geojson")):
        features.extend(json.loads(path.read_text(encoding="utf-8"))["features"])
    if not features:
        raise ReferenceDataError(f"no LSOA boundary files (*.geojson) in {folder}")
    return tuple(features)


def _selected_lsoa_features(
    reference_dir: Path, district_codes: Iterable[str] | None, required: bool = True
) -> list[dict]:
    folder = reference_file(reference_dir, LSOA_BOUNDARY_DIR)
    districts = lsoa_districts(reference_dir)
    wanted = None if district_codes is None else set(district_codes)
    out = []
    for feature in _lsoa_features(folder):
        code = feature["properties"]["LSOA11CD"]
        district = districts.get(code)
        if district is None or (wanted is not None and district.district_code not in wanted):
            continue
        properties = dict(
            feature["properties"], LAD22CD=district.district_code, LAD22NM=district.district_name
        )
        out.append({"type": "Feature", "properties": properties, "geometry": feature["geometry"]})
    if required and wanted and not out:
        raise ReferenceDataError(f"no LSOA boundaries for districts {sorted(wanted)} in {folder}")
    return out


def lsoa_boundaries(reference_dir: Path, district_codes: Iterable[str] | None = None) -> dict:
    """LSOA 2011 polygons (CRS84) for the given LAD 2022 districts, as a GeoJSON FeatureCollection.

    Properties are LSOA11CD, LSOA11NM, LAD22CD and LAD22NM. Only the LSOAs whose boundaries are
    held are returned (at present the seven pre-2019 Suffolk districts); asking for districts
    none of which has boundaries raises `ReferenceDataError`. None means every LSOA held.
    """
    return {"type": "FeatureCollection", "features": _selected_lsoa_features(reference_dir, district_codes)}


@dataclass(frozen=True, eq=False)
class LsoaShapes:
    """LSOA polygons in British National Grid metres, with centroids and areas, in one order."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    district_codes: tuple[str, ...]
    geometries: np.ndarray  # shapely Polygon/MultiPolygon objects, EPSG:27700
    x: np.ndarray
    y: np.ndarray
    area_m2: np.ndarray


def lsoa_shapes(
    reference_dir: Path, district_codes: Iterable[str] | None = None, required: bool = True
) -> LsoaShapes:
    """The LSOA polygons of `lsoa_boundaries`, projected to BNG, sorted by LSOA code.

    With ``required=False`` districts without held boundaries give an empty result, not an error.
    """
    features = sorted(
        _selected_lsoa_features(reference_dir, district_codes, required),
        key=lambda f: f["properties"]["LSOA11CD"],
    )
    geometries = np.array([_project(shapely.geometry.shape(f["geometry"])) for f in features], dtype=object)
    centroids = shapely.centroid(geometries)
    return LsoaShapes(
        codes=tuple(f["properties"]["LSOA11CD"] for f in features),
        names=tuple(f["properties"]["LSOA11NM"] for f in features),
        district_codes=tuple(f["properties"]["LAD22CD"] for f in features),
        geometries=geometries,
        x=shapely.get_x(centroids),
        y=shapely.get_y(centroids),
        area_m2=shapely.area(geometries),
    )


@functools.lru_cache(maxsize=2)
def _district_features(path: Path) -> tuple[dict, ...]:
    return tuple(json.loads(path.read_text(encoding="utf-8"))["features"])


def district_boundaries(reference_dir: Path, district_codes: Iterable[str] | None = None) -> dict:
    """LAD December 2022 boundaries (ultra-generalised, CRS84) as a GeoJSON FeatureCollection.

    Filtered to `district_codes` when given (property LAD22CD); an unknown code raises
    `ReferenceDataError` rather than quietly drawing a smaller map.
    """
    features = _district_features(reference_file(reference_dir, DISTRICT_BOUNDARY_FILE))
    if district_codes is None:
        return {"type": "FeatureCollection", "features": list(features)}
    wanted = set(district_codes)
    chosen = [f for f in features if f["properties"]["LAD22CD"] in wanted]
    missing = wanted - {f["properties"]["LAD22CD"] for f in chosen}
    if missing:
        raise ReferenceDataError(f"districts {sorted(missing)} are not in {DISTRICT_BOUNDARY_FILE}")
    return {"type": "FeatureCollection", "features": chosen}


@dataclass(frozen=True)
class DistrictShape:
    """A district's centroid (BNG metres) and area (m²) from the generalised boundary file."""

    code: str
    name: str
    x: float
    y: float
    area_m2: float


def district_shapes(reference_dir: Path) -> dict[str, DistrictShape]:
    """Centroid and area in BNG for every district in the boundary file, keyed by LAD22CD."""
    out = {}
    for feature in district_boundaries(reference_dir)["features"]:
        geometry = _project(shapely.geometry.shape(feature["geometry"]))
        centroid = geometry.centroid
        p = feature["properties"]
        out[p["LAD22CD"]] = DistrictShape(p["LAD22CD"], p["LAD22NM"], centroid.x, centroid.y, geometry.area)
    return out


def queen_neighbours(geometries: np.ndarray, tolerance_m: float = 1.0) -> sparse.csr_array:
    """Queen contiguity between polygons (in metres): a symmetric 0/1 CSR matrix, no self-links.

    Two polygons are neighbours when they share any boundary point. Generalised boundaries are
    stored with rounded coordinates, so shared edges can miss each other by centimetres; a pair
    within `tolerance_m` metres counts as touching.
    """
    geometries = np.asarray(geometries, dtype=object)
    tree = shapely.STRtree(geometries)
    left, right = tree.query(geometries, predicate="dwithin", distance=tolerance_m)
    keep = left != right
    n = len(geometries)
    data = np.ones(int(keep.sum()), dtype=np.int8)
    return sparse.csr_array((data, (left[keep], right[keep])), shape=(n, n))


@dataclass(frozen=True, eq=False)
class Geography:
    """LSOAs (2011) with their district, population, deprivation and centroid, in one order.

    `imd_decile` is 0 where there is no IMD 2019 value (Welsh LSOAs). `x`/`y` are BNG centroids
    in metres, NaN where the LSOA's boundary is not held.
    """

    lsoa_code: np.ndarray
    lsoa_name: np.ndarray
    district_code: np.ndarray
    district_name: np.ndarray
    population: np.ndarray
    imd_decile: np.ndarray
    x: np.ndarray
    y: np.ndarray

    def __len__(self) -> int:
        return len(self.lsoa_code)

    def restrict(self, district_codes: Iterable[str]) -> Geography:
        """The same geography cut down to the LSOAs in `district_codes` (LAD 2022)."""
        keep = np.isin(self.district_code, list(district_codes))
        return Geography(**{name: getattr(self, name)[keep] for name in self.__dataclass_fields__})


def load_geography(reference_dir: Path, district_codes: Iterable[str] | None = None) -> Geography:
    """Build a `Geography` for `district_codes` (LAD 2022), or for all of England and Wales.

    LSOAs come from the ONS lookup in its own order; population is mid-2020; an unknown district
    code raises `ReferenceDataError`.
    """
    rows = lsoa_lookup(reference_dir)
    if district_codes is not None:
        wanted = set(district_codes)
        unknown = wanted - {r.district_code for r in rows}
        if unknown:
            raise ReferenceDataError(f"districts {sorted(unknown)} are not in {LOOKUP_FILE}")
        rows = tuple(r for r in rows if r.district_code in wanted)
    population = population_2020(reference_dir)
    imd = imd2019(reference_dir)
    x = np.full(len(rows), np.nan)
    y = np.full(len(rows), np.nan)
    shapes = lsoa_shapes(reference_dir, {r.district_code for r in rows}, required=False)
    position = {code: i for i, code in enumerate(shapes.codes)}
    for i, row in enumerate(rows):
        j = position.get(row.lsoa11_code)
        if j is not None:
            x[i], y[i] = shapes.x[j], shapes.y[j]
    return Geography(
        lsoa_code=np.array([r.lsoa11_code for r in rows]),
        lsoa_name=np.array([r.lsoa11_name for r in rows]),
        district_code=np.array([r.district_code for r in rows]),
        district_name=np.array([r.district_name for r in rows]),
        population=np.array([population.get(r.lsoa11_code, 0) for r in rows], dtype=np.int64),
        imd_decile=np.array(
            [imd[r.lsoa11_code].decile if r.lsoa11_code in imd else 0 for r in rows], np.int8
        ),
        x=x,
        y=y,
    )
