"""The assessment's rows placed in 2021 LSOAs, for partnerships set up from the national data.

`assessment.run_assessment` calls these when its inputs carry a `placement.Placer`: every row
(of either LSOA vintage) gets its 2021 LSOA first, and only then is counted in or out of the
partnership's area.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from cspmonitor.analysis.placement import NO_LOCATION
from cspmonitor.analysis.store import CrimeStore

if TYPE_CHECKING:
    from cspmonitor.analysis.assessment import AssessmentInputs


def placed_counts(store: CrimeStore, inputs: AssessmentInputs, first: str) -> tuple[pa.Table, dict[str, int]]:
    """(lsoa_code, crime_type, month, crimes) counts, and unplaced rows by reason.

    With a placer, rows are grouped by code and map point (police.uk snaps crimes to shared
    points, so there are far fewer groups than rows) and each group is given its 2021 LSOA.
    """
    if inputs.placer is None:
        table = store.query(
            "counts_by_lsoa_type_month",
            first_month=first,
            last_month=inputs.last_month,
            forces=list(inputs.forces),
        )
        return table, {}
    groups = store.query(
        "counts_by_point_type_month",
        first_month=first,
        last_month=inputs.last_month,
        forces=inputs.all_forces,
    )
    placed = inputs.placer.place(
        groups.column("lsoa_code"), groups.column("longitude"), groups.column("latitude")
    )
    crimes = groups.column("crimes").to_numpy()
    unplaced = placed.unplaced(crimes)
    unplaced.pop(NO_LOCATION, None)  # counted as "without a location", as before
    table = pa.table(
        {
            "lsoa_code": pa.array(placed.lsoa21, type=pa.string()),
            "crime_type": groups.column("crime_type"),
            "month": groups.column("month"),
            "crimes": crimes,
        }
    )
    # Placed rows, and rows with no location (null code: counted as unlocated); rows with a
    # location that could not be placed are in `unplaced`, not among those "outside".
    keep = [
        code is not None or reason == NO_LOCATION
        for code, reason in zip(placed.lsoa21, placed.reason, strict=True)
    ]
    return table.filter(pa.array(keep, type=pa.bool_())), unplaced


def forces_included(points: pa.Table, inputs: AssessmentInputs) -> list[dict]:
    """Rows this year inside the area by force (British Transport Police shown apart)."""
    if "force" not in points.column_names:
        return []
    tally = Counter(points.column("force").to_pylist())
    return [
        {"force": force, "rows": tally.get(force, 0), "transport_police": force in inputs.other_forces}
        for force in inputs.all_forces
        if force in inputs.forces or tally.get(force)
    ]


def placed_points(store: CrimeStore, inputs: AssessmentInputs, first: str, last: str) -> pa.Table:
    """Located rows from ``first`` to ``last`` inside the area, ``lsoa_code`` their 2021 LSOA."""
    assert inputs.placer is not None
    points = store.query("placed_points", first_month=first, last_month=last, forces=inputs.all_forces)
    placed = inputs.placer.place(
        points.column("lsoa_code"), points.column("longitude"), points.column("latitude")
    )
    points = points.set_column(
        points.column_names.index("lsoa_code"), "lsoa_code", pa.array(placed.lsoa21, type=pa.string())
    )
    keep = np.array([code in inputs.lsoa_district for code in placed.lsoa21], dtype=bool)
    return points.filter(keep)
