"""Assessment inputs for any partnership in England and Wales, from the national reference data.

The partnership's area is a set of 2021 LSOAs (`areas.PartnershipArea`); rows of either LSOA
vintage are placed in them (`placement`); rates use the mid-year population of the year the
financial year starts in; deprivation is IoD 2025 in England and WIMD 2019 in Wales.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cspmonitor.analysis import national_figures
from cspmonitor.analysis.areas import PartnershipArea
from cspmonitor.analysis.assessment import AssessmentInputs
from cspmonitor.analysis.placement import Placer

#: police.uk's identifier for British Transport Police, whose rows fall in every partnership.
TRANSPORT_POLICE = "btp"


def national_inputs(
    reference_dir: Path,
    partnership: str,
    area: PartnershipArea,
    forces: Sequence[str],
    first_month: str,
    last_month: str,
    other_forces: Sequence[str] = (TRANSPORT_POLICE,),
) -> AssessmentInputs:
    """The `AssessmentInputs` for ``area`` over the months ``first_month`` … ``last_month``.

    A split district is named "(part)" and its population is its part's share (see
    `national_figures.area_population`).
    """
    year = int(first_month[:4])  # a financial year is assessed on the mid-year it starts in
    used, population = national_figures.area_population(reference_dir, area.lsoa_district, area.split, year)
    lsoas = area.lsoas()
    lsoa_population = national_figures.lsoa_population_2022(reference_dir)
    deprivation = national_figures.deprivation(reference_dir, lsoas)
    indices = sorted({d.index for d in deprivation.values()})
    return AssessmentInputs(
        partnership=partnership,
        districts={
            code: f"{name} (part)" if code in area.split else name for code, name in area.districts.items()
        },
        forces=list(forces),
        first_month=first_month,
        last_month=last_month,
        lsoa_district=dict(area.lsoa_district),
        district_population=population,
        lsoa_population={code: lsoa_population[code] for code in lsoas if code in lsoa_population},
        lsoa_imd_decile={code: d.decile for code, d in deprivation.items()},
        placer=Placer(reference_dir),
        other_forces=list(other_forces),
        population_source=f"ONS mid-{used} district population estimates; for a part of a "
        "district, its share of the mid-2022 LSOA estimates",
        deprivation_source=" and ".join(indices) or "none held",
    )
