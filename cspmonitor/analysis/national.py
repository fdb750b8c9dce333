"""National reference data for England and Wales: LSOA 2011 → 2021, districts, partnerships.

Everything a partnership anywhere in England and Wales needs besides its crime data: the ONS
*exact* LSOA 2011 → 2021 lookup with its change indicator, the district → Community Safety
Partnership → police force area lookup, district → county, and the 2018-boundary districts that
the seven districts split between partnerships still follow. Population and deprivation are in
`national_figures`, boundaries in `boundaries21`.

Vintages are explicit:

* LSOAs are **2021** (police.uk moved to them; IoD 2025 and the mid-2022 LSOA populations use
  them). 2011 codes are accepted and translated (see `placement`).
* Districts are **April 2023** codes, the ones the CSP lookup uses. The exact lookup gives LAD
  2022 codes, so the April 2023 mergers (Cumbria, North Yorkshire, Somerset) are applied here.

A missing file raises `MissingReferenceFile`, which names the file and where to get it, never
the server's directory (the message reaches web pages).
"""

from __future__ import annotations

import csv
import functools
import gzip
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from cspmonitor.analysis.geography import ReferenceDataError

EXACT_LOOKUP = "ons_lookups_ew/lsoa11_to_lsoa21_exact.csv.gz"
CSP_LOOKUP = (
    "ons_lookups_ew/Local_Authority_District_to_CSPs_to_Police_Force_Areas_(December__2023)_Lookup_.csv"
)
COUNTY_LOOKUP = "ons_lookups_ew/lower_upper_lookup.csv"
OLD_DISTRICTS = "ons_population/lsoa_mid_2020_estimates_england.csv.gz"

#: Where each national file comes from, for the message shown when it is missing.
SOURCES: dict[str, str] = {
    EXACT_LOOKUP: "ONS Open Geography Portal: 'LSOA (2011) to LSOA (2021) to Local Authority "
    "District (2022) Exact Fit Lookup for EW (V3)', CSV download",
    CSP_LOOKUP: "ONS Open Geography Portal: 'Local Authority District to Community Safety "
    "Partnerships to Police Force Areas (December 2023) Lookup in England and Wales', CSV",
    COUNTY_LOOKUP: "ONS Open Geography Portal: 'Lower Tier Local Authority to Upper Tier Local "
    "Authority (April 2023) Lookup in England and Wales', CSV",
    OLD_DISTRICTS: "ONS: 'Lower layer Super Output Area population estimates, mid-2020' (the "
    "file with LA Code (2018 boundaries)), saved as CSV and gzipped",
}

#: The April 2023 mergers, LAD 2022 → LAD 2023 (ONS Code History Database). The exact lookup
#: predates them; every other district code is unchanged.
LAD_2023_MERGERS: dict[str, str] = {
    # Cumbria: Allerdale, Carlisle, Copeland → Cumberland; Barrow, Eden, South Lakeland →
    # Westmorland and Furness.
    "E07000026": "E06000063",
    "E07000028": "E06000063",
    "E07000029": "E06000063",
    "E07000027": "E06000064",
    "E07000030": "E06000064",
    "E07000031": "E06000064",
    # North Yorkshire's seven districts → North Yorkshire.
    **{f"E0700{n:04d}": "E06000065" for n in range(163, 170)},
    # Somerset's four districts → Somerset.
    "E07000187": "E06000066",
    "E07000188": "E06000066",
    "E07000189": "E06000066",
    "E07000246": "E06000066",
}


class MissingReferenceFile(ReferenceDataError):
    """A reference file is not in the reference-data directory; says which and where to get it."""

    def __init__(self, relative: str, source: str):
        self.relative = relative
        super().__init__(
            f"The reference file {relative} is missing. Obtain it from {source}, and save it "
            f"under that name in the reference-data directory (the REFERENCE_DATA_DIR setting)."
        )


def national_file(reference_dir: Path, relative: str, sources: dict[str, str] | None = None) -> Path:
    """``reference_dir / relative``, or `MissingReferenceFile` naming it and how to obtain it."""
    path = Path(reference_dir) / relative
    if not path.is_file():
        raise MissingReferenceFile(relative, (sources or SOURCES).get(relative, "its publisher"))
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV or gzipped CSV (a BOM and CRLF line endings are allowed)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:  # type: ignore[operator]
        return list(csv.DictReader(handle))


def _require(rows: list[dict[str, str]], columns: tuple[str, ...], relative: str) -> None:
    missing = [c for c in columns if not rows or c not in rows[0]]
    if missing:
        raise ReferenceDataError(f"The reference file {relative} is empty or lacks the columns {missing}.")


@dataclass(frozen=True, eq=False)
class LsoaLookup:
    """LSOA 2011 → 2021 links (exact fit) and every 2021 LSOA's name and April 2023 district.

    `children` lists the 2021 LSOAs of each 2011 code: one for U (unchanged) and M (merged),
    several for S (split) and X (complex). `change` is the ONS change indicator.
    """

    children: dict[str, tuple[str, ...]]
    change: dict[str, str]
    name: dict[str, str]  # 2021 code → 2021 name
    district: dict[str, str]  # 2021 code → LAD 2023 code
    parents: dict[str, tuple[str, ...]]  # 2021 code → its 2011 codes

    def by_district(self) -> dict[str, tuple[str, ...]]:
        """LAD 2023 code → its 2021 LSOA codes, sorted."""
        return _by_district(self)


@functools.lru_cache(maxsize=8)
def _by_district(lookup: LsoaLookup) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for code, district in lookup.district.items():
        out[district].append(code)
    return {district: tuple(sorted(codes)) for district, codes in out.items()}


@functools.lru_cache(maxsize=4)
def _lsoa_lookup(path: Path) -> LsoaLookup:
    rows = read_csv(path)
    _require(rows, ("LSOA11CD", "LSOA21CD", "LSOA21NM", "CHGIND", "LAD22CD"), EXACT_LOOKUP)
    children: dict[str, list[str]] = defaultdict(list)
    parents: dict[str, list[str]] = defaultdict(list)
    change, name, district = {}, {}, {}
    for r in rows:
        children[r["LSOA11CD"]].append(r["LSOA21CD"])
        parents[r["LSOA21CD"]].append(r["LSOA11CD"])
        change[r["LSOA11CD"]] = r["CHGIND"]
        name[r["LSOA21CD"]] = r["LSOA21NM"]
        district[r["LSOA21CD"]] = LAD_2023_MERGERS.get(r["LAD22CD"], r["LAD22CD"])
    return LsoaLookup(
        children={k: tuple(v) for k, v in children.items()},
        change=change,
        name=name,
        district=district,
        parents={k: tuple(v) for k, v in parents.items()},
    )


def lsoa_lookup(reference_dir: Path) -> LsoaLookup:
    """The exact LSOA 2011 → 2021 lookup, read once per process."""
    return _lsoa_lookup(national_file(reference_dir, EXACT_LOOKUP))


@dataclass(frozen=True)
class PartnershipRecord:
    """One Community Safety Partnership in the ONS lookup (December 2023)."""

    code: str  # E22… (England) or W14… (Wales)
    name: str
    districts: tuple[tuple[str, str], ...]  # (LAD 2023 code, name), by name
    force_area_code: str  # E23… / W15…
    force_area_name: str

    @property
    def district_codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.districts)

    @property
    def police_uk_force(self) -> str:
        """The force's police.uk identifier (the name police.uk uses in its file names)."""
        return police_uk_force(self.force_area_name)


#: Police force area names (ONS) whose police.uk identifier is not the plain slug of the name.
_FORCE_EXCEPTIONS = {"Metropolitan Police": "metropolitan", "London, City of": "city-of-london"}


def police_uk_force(force_area_name: str) -> str:
    """police.uk's identifier for an ONS police force area name.

    >>> police_uk_force("Devon & Cornwall"), police_uk_force("London, City of")
    ('devon-and-cornwall', 'city-of-london')
    """
    if force_area_name in _FORCE_EXCEPTIONS:
        return _FORCE_EXCEPTIONS[force_area_name]
    words = force_area_name.replace("&", "and").replace(",", " ").lower().split()
    return "-".join(words)


@functools.lru_cache(maxsize=4)
def _partnerships(path: Path) -> dict[str, PartnershipRecord]:
    rows = read_csv(path)
    _require(rows, ("LAD23CD", "LAD23NM", "CSP23CD", "CSP23NM", "PFA23CD", "PFA23NM"), CSP_LOOKUP)
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        grouped[r["CSP23CD"]].append(r)
    return {
        code: PartnershipRecord(
            code=code,
            name=group[0]["CSP23NM"],
            districts=tuple(sorted({(r["LAD23CD"], r["LAD23NM"]) for r in group}, key=lambda d: d[1])),
            force_area_code=group[0]["PFA23CD"],
            force_area_name=group[0]["PFA23NM"],
        )
        for code, group in sorted(grouped.items())
    }


def partnerships(reference_dir: Path) -> dict[str, PartnershipRecord]:
    """Every partnership in England and Wales, keyed by its ONS code."""
    return _partnerships(national_file(reference_dir, CSP_LOOKUP))


def district_names(reference_dir: Path) -> dict[str, str]:
    """April 2023 district code → name, for every district in the partnership lookup."""
    return {code: name for r in partnerships(reference_dir).values() for code, name in r.districts}


def search_partnerships(reference_dir: Path, text: str, limit: int = 20) -> list[PartnershipRecord]:
    """Partnerships whose name, or one of whose districts' names or codes, contains ``text``."""
    needle = text.strip().lower()
    if not needle:
        return []
    found = [
        record
        for record in partnerships(reference_dir).values()
        if needle in record.name.lower()
        or needle == record.code.lower()
        or any(needle in name.lower() or needle == code.lower() for code, name in record.districts)
    ]
    # Partnerships named by the text come before those found through a district.
    found.sort(key=lambda r: (needle not in r.name.lower(), r.name))
    return found[:limit]


@functools.lru_cache(maxsize=4)
def _counties(path: Path) -> dict[str, tuple[str, str]]:
    rows = read_csv(path)
    _require(rows, ("LTLA23CD", "UTLA23CD", "UTLA23NM"), COUNTY_LOOKUP)
    return {r["LTLA23CD"]: (r["UTLA23CD"], r["UTLA23NM"]) for r in rows}


def counties(reference_dir: Path, district_codes: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """The upper-tier areas (county or the unitary itself) of the districts, without repeats."""
    table = _counties(national_file(reference_dir, COUNTY_LOOKUP))
    out: list[tuple[str, str]] = []
    for code in district_codes:
        county = table.get(code)
        if county and county[0] != code and county not in out:
            out.append(county)
    return out


@functools.lru_cache(maxsize=4)
def _old_districts(path: Path) -> dict[str, str]:
    rows = read_csv(path)
    column = "LA name (2018 boundaries)"
    _require(rows, ("LSOA Code", column), OLD_DISTRICTS)
    return {r["LSOA Code"]: r[column] for r in rows}


def old_district_of_lsoa21(reference_dir: Path) -> dict[str, str]:
    """2021 LSOA → the name of the 2018-boundary district it lies in (through its 2011 parent)."""
    lookup = lsoa_lookup(reference_dir)
    old = _old_districts(national_file(reference_dir, OLD_DISTRICTS))
    return {code: old.get(parents[0], "") for code, parents in lookup.parents.items()}
