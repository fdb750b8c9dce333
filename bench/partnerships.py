"""The strategic assessment for every partnership in England and Wales, as a national
deployment would run it: one process, one crime store of all 43 forces, caches shared.

    .venv/bin/python bench/partnerships.py [--scale 1.0] [--limit N] [--no-spatial] [--out FILE]

Generates one national synthetic year (2022-04 to 2023-03, all 43 forces) and imports it
(neither is timed), then computes the assessment of each of the 314 partnerships of the ONS
lookup (or of ``--limit`` of them, spread evenly) with the spatial stages (LSOA Gi* with 999
permutations, grid Gi*, Knox) unless ``--no-spatial``. Reports the total, the slowest
partnership and the process's peak memory. The issue's target: all of them within 5 minutes
and 2 GiB on 2 cores.

The synthetic forces are pseudo-forces (see `synthetic_places`): each partnership is assessed
on the pseudo-forces that hold its districts, and map points outside Suffolk are not inside
real LSOAs, so rows of split 2011 LSOAs there may be reported unplaced.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MONTHS = ("2022-04", "2023-03")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--limit", type=int, default=0, help="Assess only this many partnerships, spread evenly."
    )
    parser.add_argument("--no-spatial", action="store_true")
    parser.add_argument(
        "--reference-dir", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    from cspmonitor.analysis import areas, national, synthetic_places
    from cspmonitor.analysis.assessment import run_assessment
    from cspmonitor.analysis.assessment_inputs import national_inputs
    from cspmonitor.analysis.assessment_spatial import spatial_stages
    from cspmonitor.analysis.importer import import_police_uk
    from cspmonitor.analysis.store import CrimeStore
    from cspmonitor.analysis.synthetic import ALL_FORCES, generate_police_uk

    ref = args.reference_dir
    report: dict = {"scale": args.scale, "spatial": not args.no_spatial}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        summary = generate_police_uk(
            Path(tmp) / "csv", forces=ALL_FORCES, months=MONTHS, reference_dir=ref, scale=args.scale
        )
        report["rows"] = summary.total_rows
        report["generate_s"] = round(time.perf_counter() - started, 1)
        store = CrimeStore(Path(tmp) / "store")
        started = time.perf_counter()
        import_police_uk([Path(tmp) / "csv"], store)
        report["import_s"] = round(time.perf_counter() - started, 1)
        holders: dict[str, set[str]] = {}
        for force, districts in synthetic_places.force_districts(ref).items():
            for district in districts:
                holders.setdefault(national.LAD_2023_MERGERS.get(district, district), set()).add(force)
        records = list(national.partnerships(ref).values())
        if args.limit:
            step = max(1, len(records) // args.limit)
            records = records[::step][: args.limit]
        stages = [] if args.no_spatial else spatial_stages(ref)
        times: dict[str, float] = {}
        failures: dict[str, str] = {}
        started = time.perf_counter()
        for record in records:
            forces = sorted({f for d in record.district_codes for f in holders.get(d, ())})
            begun = time.perf_counter()
            try:
                area = areas.ons_partnership_area(ref, record.code)
                inputs = national_inputs(ref, record.name, area, forces, *MONTHS)
                run_assessment(store, inputs, extra_stages=stages)
            except Exception as error:  # a bench reports every failure, and goes on
                failures[record.code] = f"{type(error).__name__}: {error}"
            times[f"{record.code} {record.name}"] = time.perf_counter() - begun
        total = time.perf_counter() - started
    slowest = max(times, key=times.get)
    report.update(
        {
            "partnerships": len(records),
            "assessments_s": round(total, 1),
            "mean_s": round(total / len(records), 2),
            "slowest": {"partnership": slowest, "seconds": round(times[slowest], 2)},
            "peak_memory_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "failures": failures,
        }
    )
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
