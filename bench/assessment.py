"""The strategic assessment of one CSP from the crime store: computation, then charts and maps.

``assessment()`` generates two years of synthetic Suffolk data (2021-04 to 2023-03), imports it
into a crime store (neither is timed) and runs the measurement in a fresh child process, so
that the cold load of the reference geography is a real cold load and the peak memory is the
assessment's own. The partnership is the test suite's Western Suffolk CSP (three districts,
tests/analysis/test_assessment.py) with the IMD deciles the app adds (crime/assessment.py).

In the child, in order:

1. cold geography: the LSOA lookup, populations, IMD 2019 (an .xlsx file) and the LSOA
   shapes and boundaries of the three districts, each timed;
2. the first assessment after that warm-up, ``run_assessment(..., spatial_stages(ref))``,
   with each stage timed from its progress reports: the figure judged against 3 s;
3. every chart in ``crime.charts.CHARTS`` and the maps (``lsoa_layer``, ``hotspot_cells_layer``,
   their GeoJSON text and ``static_map_svg``), as ``manage.py strategic_assessment --out``
   makes them: computation plus these is judged against 10 s;
4. ``repeat`` further runs of 2 and 3, reported as medians (a process kept running, such as
   the background worker, pays the one-off costs of the first run only once).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import emit, python, run_child  # noqa: E402

DISTRICTS = {"E07000245": "West Suffolk", "E07000200": "Babergh", "E07000203": "Mid Suffolk"}
MONTHS = ("2021-04", "2023-03")
YEAR = ("2022-04", "2023-03")


def _timed(func, *args, **kwargs):
    start = time.perf_counter()
    out = func(*args, **kwargs)
    return out, time.perf_counter() - start


def child(store_dir: str, reference_dir: str, repeat: int) -> None:
    started = time.perf_counter()
    from cspmonitor.analysis import geography
    from cspmonitor.analysis.assessment import AssessmentInputs, run_assessment
    from cspmonitor.analysis.assessment_spatial import spatial_stages
    from cspmonitor.analysis.store import CrimeStore
    from cspmonitor.crime import charts, maps

    report: dict = {"python_imports_s": time.perf_counter() - started}
    ref = Path(reference_dir)
    cold: dict = {}
    districts = list(DISTRICTS)
    lookup, cold["lsoa_lookup_s"] = _timed(lambda: geography.district_of_lsoa(ref))
    district_population, cold["district_population_s"] = _timed(geography.district_population_2020, ref)
    lsoa_population, cold["lsoa_population_s"] = _timed(geography.population_2020, ref)
    imd, cold["imd2019_xlsx_s"] = _timed(lambda: {c: d.decile for c, d in geography.imd2019(ref).items()})
    _, cold["lsoa_shapes_s"] = _timed(geography.lsoa_shapes, ref, districts)
    _, cold["lsoa_boundaries_s"] = _timed(geography.lsoa_boundaries, ref, districts)
    cold["total_s"] = sum(cold.values())
    report["geography_cold"] = cold
    inputs = AssessmentInputs(
        "Western Suffolk CSP",
        DISTRICTS,
        ["suffolk"],
        *YEAR,
        lookup,
        district_population,
        lsoa_population,
        imd,
    )
    store = CrimeStore(store_dir)

    def one_run() -> dict:
        marks: list[tuple[float, str]] = []
        start = time.perf_counter()
        result = run_assessment(
            store,
            inputs,
            progress=lambda percent, stage: marks.append((time.perf_counter(), stage)),
            extra_stages=spatial_stages(ref),
        )
        computed = time.perf_counter()
        # A progress report names the stage about to start: its time runs to the next report.
        ends = [at for at, _ in marks[1:]] + [computed]
        stages = {name: end - at for (at, name), end in zip(marks, ends, strict=True) if name != "Done"}
        chart_s = {}
        for name, draw in charts.CHARTS.items():
            _, chart_s[name] = _timed(draw, result)
        map_s = {}
        layer, map_s["lsoa_layer"] = _timed(maps.lsoa_layer, result, ref)
        cells, map_s["hotspot_cells_layer"] = _timed(maps.hotspot_cells_layer, result)
        _, map_s["geojson_text"] = _timed(lambda: (json.dumps(layer), json.dumps(cells)))
        _, map_s["static_map_svg"] = _timed(maps.static_map_svg, layer, cells)
        computation = computed - start
        return {
            "computation_s": computation,
            "charts_s": sum(chart_s.values()),
            "maps_s": sum(map_s.values()),
            "with_charts_and_maps_s": computation + sum(chart_s.values()) + sum(map_s.values()),
            "stages_s": stages,
            "each_chart_s": chart_s,
            "each_map_s": map_s,
            "sections": sorted(result),
        }

    report["first_run"] = one_run()
    later = [one_run() for _ in range(repeat)]
    if later:
        report["later_runs_median"] = {
            key: statistics.median(run[key] for run in later)
            for key in ("computation_s", "charts_s", "maps_s", "with_charts_and_maps_s")
        }
        report["later_runs"] = len(later)
    emit(report)


def assessment(workdir: Path, reference_dir: Path, *, seed: int = 2023, repeat: int = 2) -> dict:
    """Generate and import the Suffolk data (untimed), then measure in a child process."""
    from cspmonitor.analysis.importer import import_police_uk
    from cspmonitor.analysis.store import CrimeStore
    from cspmonitor.analysis.synthetic import generate_police_uk

    csv, store = workdir / "suffolk-two-years", workdir / "suffolk-store"
    summary = generate_police_uk(csv, months=MONTHS, seed=seed, reference_dir=reference_dir)
    import_police_uk([csv], CrimeStore(store))
    argv = [python(), __file__, "--child", str(store), str(reference_dir), str(repeat)]
    measured = run_child(argv, workdir=workdir, label="assessment")
    report = measured["report"]
    report["data"] = {"force": "suffolk", "months": list(MONTHS), "rows": summary.total_rows, "seed": seed}
    report["partnership"] = {"name": "Western Suffolk CSP", "districts": DISTRICTS, "year": list(YEAR)}
    report["child_peak_rss_MB"] = measured["peak_rss_MB"]
    report["child_wall_s"] = measured["wall_s"]
    return report


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit("bench/assessment.py is run by bench/run.py")
