"""Population of the year assessed, and deprivation, for 2021 LSOAs and April 2023 districts.

* Districts: ONS mid-year estimates, mid-2011 to mid-2023 (MYE4 of the June 2023 release)
  and mid-2024 (MYE2 persons of the 2024 release). A year outside the range takes the nearest
  estimate, and the result says which year was used.
* LSOAs: ONS mid-2022 small-area totals (the latest on 2021 LSOAs held).
* Deprivation: the English Indices of Deprivation 2025 (2021 LSOAs, with the crime domain) in
  England; the Welsh Index of Multiple Deprivation 2019 (2011 LSOAs, carried to 2021 LSOAs
  through the exact lookup) in Wales. The two are separate rankings and are never compared.
"""

from __future__ import annotations

import functools
import io
import math
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from cspmonitor.analysis import national
from cspmonitor.analysis.geography import ReferenceDataError

DISTRICT_POPULATION = "ons_population_ew/LAD23_Mid_Year_pop_2011_to_2023.xlsx"
DISTRICT_POPULATION_2024 = "ons_population_ew/mye24tablesew.csv"
LSOA_POPULATION_2022 = "ons_population_ew/lsoa_population.csv.gz"
IOD_2025 = "deprivation_ew/imd2025_england_lsoa21_humaniverse.csv.gz"
WIMD_2019 = "deprivation_ew/welsh-index-multiple-deprivation-2019-index-and-domain-ranks-by-small-area.ods"

SOURCES = {
    DISTRICT_POPULATION: "ONS: 'Estimates of the population for England and Wales', mid-2023 "
    "edition (the workbook with sheet MYE4, mid-2011 to mid-2023)",
    DISTRICT_POPULATION_2024: "ONS: 'Estimates of the population for England and Wales', mid-2024 "
    "edition, sheet 'MYE2 - Persons' saved as CSV",
    LSOA_POPULATION_2022: "ONS: 'Lower layer Super Output Area population estimates', mid-2022, "
    "as a two-column CSV (lsoacd, population), gzipped",
    IOD_2025: "MHCLG: 'English indices of deprivation 2025', File 7 (all ranks, scores and "
    "deciles), as CSV with columns lsoa21_code, IMD_decile, IMD_rank, Crime_decile …, gzipped",
    WIMD_2019: "Welsh Government: 'Welsh Index of Multiple Deprivation 2019: index and domain "
    "ranks by small area' (ODS)",
}

FIRST_YEAR, LAST_YEAR = 2011, 2024
WALES_LSOAS_2011 = 1909  # WIMD 2019 ranks 1..1909


def _file(reference_dir: Path, relative: str) -> Path:
    return national.national_file(reference_dir, relative, SOURCES)


def _number(value) -> int:
    return int(str(value).replace(",", "").strip())


@functools.lru_cache(maxsize=4)
def _mye4(path: Path) -> dict[int, dict[str, int]]:
    import openpyxl  # slow to import; only this reader needs it

    workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    try:
        if "MYE4" not in workbook.sheetnames:
            raise ReferenceDataError(f"The reference file {DISTRICT_POPULATION} has no sheet MYE4.")
        rows = workbook["MYE4"].iter_rows(values_only=True)
        header: list[str] = []
        for row in rows:
            if row and row[0] == "Code":
                header = [str(h) for h in row]
                break
        years = {i: int(h[4:]) for i, h in enumerate(header) if h.startswith("Mid-")}
        if not years:
            raise ReferenceDataError(
                f"The reference file {DISTRICT_POPULATION} has no 'Code' header in MYE4."
            )
        out: dict[int, dict[str, int]] = {year: {} for year in years.values()}
        for row in rows:
            if row and row[0]:
                for i, year in years.items():
                    if row[i] is not None:
                        out[year][str(row[0])] = _number(row[i])
        return out
    finally:
        workbook.close()


@functools.lru_cache(maxsize=4)
def _mye24(path: Path) -> dict[str, int]:
    rows = national.read_csv(path)
    if not rows or "All ages" not in rows[0]:
        raise ReferenceDataError(
            f"The reference file {DISTRICT_POPULATION_2024} lacks 'Code' and 'All ages'."
        )
    return {r["Code"]: _number(r["All ages"]) for r in rows}


def district_population(reference_dir: Path, year: int) -> tuple[int, dict[str, int]]:
    """(year used, LAD 2023 code → mid-year population) for the mid-year nearest ``year``."""
    used = min(max(year, FIRST_YEAR), LAST_YEAR)
    if used == 2024:
        return used, dict(_mye24(_file(reference_dir, DISTRICT_POPULATION_2024)))
    return used, dict(_mye4(_file(reference_dir, DISTRICT_POPULATION))[used])


@functools.lru_cache(maxsize=4)
def _lsoa_2022(path: Path) -> Mapping[str, int]:
    rows = national.read_csv(path)
    if not rows or "lsoacd" not in rows[0]:
        raise ReferenceDataError(
            f"The reference file {LSOA_POPULATION_2022} lacks columns lsoacd, population."
        )
    return {r["lsoacd"]: _number(r["population"]) for r in rows}


def lsoa_population_2022(reference_dir: Path) -> Mapping[str, int]:
    """Mid-2022 population by 2021 LSOA, England and Wales."""
    return _lsoa_2022(_file(reference_dir, LSOA_POPULATION_2022))


def area_population(
    reference_dir: Path, lsoa_district: Mapping[str, str], split: frozenset[str] | set[str], year: int
) -> tuple[int, dict[str, float]]:
    """(year used, district → population) for an area, a split district only for its part.

    A whole district takes its mid-year estimate; a part of one takes the estimate scaled by
    the part's share of the district's mid-2022 LSOA population (no smaller estimate exists).
    """
    used, districts = district_population(reference_dir, year)
    lsoas = lsoa_population_2022(reference_dir)
    by_district = national.lsoa_lookup(reference_dir).by_district()
    out: dict[str, float] = {}
    for district in sorted(set(lsoa_district.values())):
        if district not in districts:
            raise ReferenceDataError(f"District {district} has no mid-{used} population estimate.")
        if district in split:
            part = sum(lsoas.get(c, 0) for c, d in lsoa_district.items() if d == district)
            whole = sum(lsoas.get(c, 0) for c in by_district[district])
            out[district] = round(districts[district] * part / whole) if whole else 0.0
        else:
            out[district] = float(districts[district])
    return used, out


@dataclass(frozen=True)
class Deprivation:
    """An LSOA's deprivation: overall and crime-domain deciles (1 = most deprived 10%)."""

    index: str  # "IoD 2025" (England) or "WIMD 2019" (Wales)
    rank: int
    decile: int
    crime_decile: int


@functools.lru_cache(maxsize=4)
def _iod(path: Path) -> dict[str, Deprivation]:
    rows = national.read_csv(path)
    needed = ("lsoa21_code", "IMD_rank", "IMD_decile", "Crime_decile")
    if not rows or any(c not in rows[0] for c in needed):
        raise ReferenceDataError(f"The reference file {IOD_2025} lacks the columns {list(needed)}.")
    return {
        r["lsoa21_code"]: Deprivation(
            "IoD 2025", int(r["IMD_rank"]), int(r["IMD_decile"]), int(r["Crime_decile"])
        )
        for r in rows
    }


_ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def read_ods_sheet(path: Path, sheet: str) -> list[list[str]]:
    """The cells of one sheet of an OpenDocument spreadsheet as text (repeated cells expanded)."""
    with zipfile.ZipFile(path) as archive:
        # The reference directory is the operator's, not an upload; expat (2.4.1+) refuses
        # entity-expansion bombs and resolves no external entities.
        root = ElementTree.fromstring(archive.read("content.xml"))  # noqa: S314
    t = "{" + _ODS["table"] + "}"
    for table in root.iter(t + "table"):
        if table.get(t + "name") != sheet:
            continue
        rows: list[list[str]] = []
        for row in table.iter(t + "table-row"):
            cells: list[str] = []
            for cell in row:
                text = "".join(cell.itertext()).strip()
                repeat = int(cell.get(t + "number-columns-repeated", "1"))
                cells.extend([text] * (min(repeat, 64) if text else min(repeat, 1)))
            rows.append(cells)
        return rows
    raise ReferenceDataError(f"The reference file {WIMD_2019} has no sheet {sheet!r}.")


def _decile(rank: int, of: int) -> int:
    return min(10, math.ceil(10 * rank / of))


@functools.lru_cache(maxsize=4)
def _wimd(path: Path, lookup: national.LsoaLookup) -> dict[str, Deprivation]:
    rows = read_ods_sheet(path, "WIMD_2019_ranks")
    header_at = next((i for i, r in enumerate(rows) if r and r[0].strip() == "LSOA Code"), None)
    if header_at is None:
        raise ReferenceDataError(f"The reference file {WIMD_2019} has no 'LSOA Code' header.")
    header = [h.strip() for h in rows[header_at]]
    overall, safety = header.index("WIMD 2019"), header.index("Community Safety")
    by_2011 = {
        r[0]: (int(float(r[overall])), int(float(r[safety])))
        for r in rows[header_at + 1 :]
        if len(r) > safety and r[0].startswith("W01")
    }
    out: dict[str, Deprivation] = {}
    for code, parents in lookup.parents.items():
        ranks = [by_2011[p] for p in parents if p in by_2011]
        if ranks:
            # A 2021 LSOA merged from several 2011 ones takes the most deprived of them: the
            # index says some of its residents live in that deprivation.
            rank, crime_rank = min(r[0] for r in ranks), min(r[1] for r in ranks)
            out[code] = Deprivation(
                "WIMD 2019", rank, _decile(rank, WALES_LSOAS_2011), _decile(crime_rank, WALES_LSOAS_2011)
            )
    return out


def deprivation(reference_dir: Path, lsoas: list[str] | None = None) -> dict[str, Deprivation]:
    """Deprivation by 2021 LSOA: IoD 2025 for English LSOAs, WIMD 2019 for Welsh ones.

    Only the nation(s) among ``lsoas`` are read (each file is read once per process).
    """
    wanted = lsoas if lsoas is not None else ["E", "W"]
    out: dict[str, Deprivation] = {}
    if any(code.startswith("E") for code in wanted):
        out.update(_iod(_file(reference_dir, IOD_2025)))
    if any(code.startswith("W") for code in wanted):
        out.update(_wimd(_file(reference_dir, WIMD_2019), national.lsoa_lookup(reference_dir)))
    if lsoas is None:
        return out
    return {code: out[code] for code in lsoas if code in out}
