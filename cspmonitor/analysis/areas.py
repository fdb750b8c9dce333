"""A partnership's area as a set of 2021 LSOAs, each in its April 2023 district.

Most partnerships are whole districts. Seven districts made since 2019 are split between
partnerships that still follow the districts before the merger (East Suffolk between Suffolk
Coastal and Waveney; Buckinghamshire between four; Bournemouth, Christchurch and Poole between
Bournemouth, Poole and Dorset; …). For those, the area is an explicit list of LSOAs: the ones
whose 2018-boundary district is named in the partnership's name (or in one of its parts joined
by "and"); old districts named by no partnership go to the one sharing partnership that names
none (Christchurch, to Dorset). The result can be stored and corrected by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cspmonitor.analysis import national
from cspmonitor.analysis.geography import ReferenceDataError


@dataclass(frozen=True)
class PartnershipArea:
    """The LSOAs (2021) of a partnership, each mapped to its district (LAD 2023 code).

    `split` holds the districts of which the partnership has only a part.
    """

    lsoa_district: Mapping[str, str]
    districts: Mapping[str, str]  # code → name
    split: frozenset[str]

    def lsoas(self, district: str | None = None) -> list[str]:
        """The area's 2021 LSOA codes (of one district if given), sorted."""
        return sorted(c for c, d in self.lsoa_district.items() if district is None or d == district)


def _names_in(partnership_name: str) -> set[str]:
    parts = {partnership_name}
    parts.update(p.strip() for p in partnership_name.split(" and "))
    return {p.lower() for p in parts if p}


def split_district_lsoas(reference_dir: Path, district: str) -> dict[str, list[str]]:
    """For a district shared by several partnerships: partnership code → its LSOAs (2021).

    Raises `ReferenceDataError` when the old districts cannot be shared out unambiguously.
    """
    sharers = [r for r in national.partnerships(reference_dir).values() if district in r.district_codes]
    lsoas = national.lsoa_lookup(reference_dir).by_district().get(district, ())
    if len(sharers) < 2:
        return {r.code: list(lsoas) for r in sharers}
    old = national.old_district_of_lsoa21(reference_dir)
    old_names = sorted({old[code] for code in lsoas})
    claims = {r.code: {n for n in old_names if n.lower() in _names_in(r.name)} for r in sharers}
    unclaimed = set(old_names) - set().union(*claims.values())
    if unclaimed:
        takers = [code for code, names in claims.items() if not names]
        if len(takers) != 1:
            raise ReferenceDataError(
                f"District {district} is shared by {len(sharers)} partnerships and its former "
                f"districts {sorted(unclaimed)} cannot be given to one of them: list the "
                "partnership's LSOAs by hand."
            )
        claims[takers[0]] = unclaimed
    return {code: [c for c in lsoas if old[c] in names] for code, names in claims.items()}


def partnership_area(
    reference_dir: Path,
    districts: Mapping[str, str],
    explicit_lsoas: Iterable[str] = (),
) -> PartnershipArea:
    """The area of a partnership with these districts (code → name).

    ``explicit_lsoas`` lists 2021 LSOAs for the districts the partnership has only a part of;
    a district with none of its LSOAs listed is taken whole. An LSOA code not in the lookup, or
    in none of the districts, raises `ReferenceDataError` naming it.
    """
    lookup = national.lsoa_lookup(reference_dir)
    by_district = lookup.by_district()
    unknown = [d for d in districts if d not in by_district]
    if unknown:
        raise ReferenceDataError(f"Districts {unknown} are not April 2023 district codes in the ONS lookup.")
    listed: dict[str, set[str]] = {}
    for code in explicit_lsoas:
        district = lookup.district.get(code)
        if district is None:
            raise ReferenceDataError(f"LSOA {code} is not a 2021 LSOA code in the ONS lookup.")
        if district not in districts:
            raise ReferenceDataError(
                f"LSOA {code} lies in district {district}, not one of the partnership's."
            )
        listed.setdefault(district, set()).add(code)
    mapping: dict[str, str] = {}
    for district in districts:
        for code in listed.get(district) or by_district[district]:
            mapping[code] = district
    return PartnershipArea(mapping, dict(districts), frozenset(listed))


def ons_partnership_area(reference_dir: Path, csp_code: str) -> PartnershipArea:
    """The area of the ONS partnership ``csp_code``, split districts shared out by old district."""
    record = national.partnerships(reference_dir).get(csp_code)
    if record is None:
        raise ReferenceDataError(f"{csp_code} is not a partnership code in the ONS lookup.")
    return partnership_area(
        reference_dir, dict(record.districts), default_explicit_lsoas(reference_dir, record)
    )


def default_explicit_lsoas(reference_dir: Path, record: national.PartnershipRecord) -> list[str]:
    """The LSOAs to list for ``record``'s split districts (empty when it has none)."""
    shared = _shared_districts(reference_dir)
    out: list[str] = []
    for district in record.district_codes:
        if district in shared:
            out.extend(split_district_lsoas(reference_dir, district)[record.code])
    return sorted(out)


def _shared_districts(reference_dir: Path) -> set[str]:
    seen: dict[str, int] = {}
    for record in national.partnerships(reference_dir).values():
        for district in record.district_codes:
            seen[district] = seen.get(district, 0) + 1
    return {d for d, n in seen.items() if n > 1}


def shared_districts(reference_dir: Path) -> set[str]:
    """Districts split between partnerships (seven in the December 2023 lookup)."""
    return _shared_districts(reference_dir)
