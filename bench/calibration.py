"""False-alarm rates and power of the hotspot and emerging-issue stages, with their timings.

The same seeded simulations as tests/analysis/test_calibration.py (described in
``cspmonitor.analysis.synthetic_calibration`` and ``synthetic_emerging``), with more
replicates, so that each rate is known to within a few points. Runs alone too:
``python bench/calibration.py [--quick]`` prints JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cspmonitor.analysis import synthetic_emerging  # noqa: E402
from cspmonitor.analysis.synthetic_calibration import grid_rate, lsoa_rate  # noqa: E402

DISTRICTS = ("E07000245", "E07000200", "E07000203")  # Western Suffolk, as in the tests
CENTRE = "E01030115"


def run(reference_dir: Path, *, quick: bool = False) -> dict:
    """Every rate as `Rate.as_dict()`: events, replicates, share, 95% interval, seconds."""
    null, planted = (200, 100) if quick else (1000, 300)
    out: dict = {
        "grid_null_any_flag": grid_rate(null, 16_000, planted=False, seed=101),
        "grid_planted_found": grid_rate(planted, 16_000, planted=True, seed=102),
        "lsoa_null_any_flag": lsoa_rate(
            null, reference_dir, DISTRICTS, CENTRE, per_lsoa=20, planted=False, seed=103
        ),
        "lsoa_planted_found": lsoa_rate(
            planted, reference_dir, DISTRICTS, CENTRE, per_lsoa=5, planted=True, seed=104
        ),
        "emerging_null_any_issue": synthetic_emerging.null_rate(null, seed=105),
    }
    for size, series in synthetic_emerging.POWER_SERIES.items():
        out[f"emerging_power_50pc_{size}"] = synthetic_emerging.power(planted, series, seed=106)
    rates = {key: rate.as_dict() for key, rate in out.items()}
    for size, series in synthetic_emerging.POWER_SERIES.items():
        rates[f"emerging_power_50pc_{size}"]["series"] = list(series)
    return rates


if __name__ == "__main__":
    import os

    reference = Path(
        os.environ.get("REFERENCE_DATA_DIR") or Path(__file__).resolve().parents[2] / "shared/data"
    )
    print(json.dumps(run(reference, quick="--quick" in sys.argv), indent=1))
