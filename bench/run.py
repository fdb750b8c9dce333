"""CSP Monitor benchmarks: every figure the performance issue sets, side by side in one run.

    .venv/bin/python bench/run.py            # the full run (about 3.5 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # a smoke run: 4 forces, no esda permutation run

Writes ``bench/results/latest.json`` (``--quick``: ``bench/results/quick.json``) and prints a
summary table. Targets are ratios to plain baselines measured in the same run on the same
generated files, or absolute limits small enough to hold on any recent machine. Generated data
go to a temporary directory that is deleted afterwards; nothing large is written to the repo.
See bench/README.md for what each baseline is and how to read the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # so that `cspmonitor` imports however this script is started
sys.path.insert(0, str(REPO / "bench"))

import assessment as assessment_bench  # noqa: E402
import calibration  # noqa: E402
import imports  # noqa: E402
import spatial  # noqa: E402
from measure import machine, python, run_child, versions  # noqa: E402

from cspmonitor.analysis.synthetic import ALL_FORCES  # noqa: E402

GB = 1024  # peak memory is in MiB; "1 GB" is read as 1 GiB


def figure(key: str, what: str, measured, unit: str, op: str | None = None, limit=None) -> dict:
    """One row of the results: a measured value, and, when the issue sets one, its target."""
    row = {"id": key, "what": what, "measured": measured, "unit": unit}
    if op is None or measured is None:
        row.update(target=None, passed=None)
        if op is not None:
            row["target"] = f"{op} {limit}"
        return row
    checks = {"<=": measured <= limit, ">=": measured >= limit, "==": measured == limit}
    row.update(target=f"{op} {limit}", passed=bool(checks[op]))
    return row


def import_figures(national: dict, cli: dict) -> list[dict]:
    c = national["contenders"]
    ours, pl, duck, pd = c["ours"], c["polars"], c["duckdb"], c["pandas"]
    pl_parquet, duck_parquet = c["polars_to_parquet"], c["duckdb_to_parquet"]
    agree = all(national["counts_by_month_and_type_equal_polars"].values())
    rows = national["data"]["rows"]
    return [
        figure("import.national.ours_s", f"National import, ours ({rows:,} rows)", ours["seconds"], "s"),
        figure("import.national.polars_s", "National, Polars scan_csv + group_by", pl["seconds"], "s"),
        figure("import.national.duckdb_s", "National, DuckDB read_csv + GROUP BY", duck["seconds"], "s"),
        figure("import.national.pandas_s", "National, pandas read_csv/concat/groupby", pd["seconds"], "s"),
        figure(
            "import.national.vs_polars", "Ours / Polars time", ours["seconds"] / pl["seconds"], "x", "<=", 2.5
        ),
        figure(
            "import.national.vs_duckdb", "Ours / DuckDB time", ours["seconds"] / duck["seconds"], "x", "<=", 3
        ),
        figure("import.national.vs_pandas", "Ours / pandas time", ours["seconds"] / pd["seconds"], "x"),
        figure(
            "import.national.polars_to_parquet_s",
            "(floor) Polars scan_csv -> sink_parquet, no checks",
            pl_parquet["seconds"],
            "s",
        ),
        figure(
            "import.national.duckdb_to_parquet_s",
            "(floor) DuckDB COPY read_csv TO parquet, no checks",
            duck_parquet["seconds"],
            "s",
        ),
        figure(
            "import.national.polars_to_parquet_vs_polars",
            "(floor) Polars' own conversion / Polars group-by",
            pl_parquet["seconds"] / pl["seconds"],
            "x",
        ),
        figure(
            "import.national.vs_fastest_conversion",
            "Ours / the faster library conversion to Parquet",
            ours["seconds"] / min(pl_parquet["seconds"], duck_parquet["seconds"]),
            "x",
        ),
        figure("import.national.ours_peak_MB", "Ours: peak RSS", ours["peak_rss_MB"], "MiB", "<=", GB),
        figure("import.national.polars_peak_MB", "Polars: peak RSS", pl["peak_rss_MB"], "MiB"),
        figure("import.national.duckdb_peak_MB", "DuckDB: peak RSS", duck["peak_rss_MB"], "MiB"),
        figure("import.national.pandas_peak_MB", "pandas: peak RSS", pd["peak_rss_MB"], "MiB"),
        figure(
            "import.national.counts_agree", "Counts by month and type equal Polars'", agree, "", "==", True
        ),
        figure("import.cli.ours_s", "Force-year CLI: manage.py import_police_uk", cli["ours"]["wall_s"], "s"),
        figure("import.cli.polars_s", "Force-year CLI: python -c polars", cli["polars"]["wall_s"], "s"),
        figure(
            "import.cli.vs_polars",
            "Force-year CLI: ours / Polars",
            cli["ours"]["wall_s"] / cli["polars"]["wall_s"],
            "x",
            "<=",
            2,
        ),
        figure(
            "import.cli.django_setup_s",
            "(diagnostic) python -c 'django.setup()' alone",
            cli["django_setup_s"],
            "s",
        ),
        figure(
            "import.cli.django_setup_vs_polars",
            "(diagnostic) Django start-up alone / Polars whole run",
            cli["django_setup_s"] / cli["polars"]["wall_s"],
            "x",
        ),
    ]


def assessment_figures(a: dict) -> list[dict]:
    first = a["first_run"]
    return [
        figure(
            "assessment.geography_cold_s",
            "Assessment: cold geography load",
            a["geography_cold"]["total_s"],
            "s",
        ),
        figure("assessment.computation_s", "Assessment: computation", first["computation_s"], "s", "<=", 3),
        figure(
            "assessment.with_charts_maps_s",
            "Assessment: with all charts and maps",
            first["with_charts_and_maps_s"],
            "s",
            "<=",
            10,
        ),
        figure("assessment.peak_MB", "Assessment process: peak RSS", a["child_peak_rss_MB"], "MiB"),
    ]


CALIBRATION = [
    # key, what, op, limit (None: reported only)
    ("grid_null_any_flag", "Grid, uniform points: share of assessments flagging any cell", "<=", 0.05),
    ("grid_planted_found", "Grid, 1 km square at 2x: share found", ">=", 0.80),
    ("lsoa_null_any_flag", "LSOA, counts ~ population: share flagging any LSOA", "<=", 0.05),
    ("lsoa_planted_found", "LSOA, one LSOA + neighbours at 3x: share found", ">=", 0.90),
    ("emerging_null_any_issue", "Emerging, 15% yearly swing, no change: share raising any", "<=", 0.10),
    ("emerging_power_50pc_small", "Emerging, 50% rise, ~30 a quarter: share found", None, None),
    ("emerging_power_50pc_middling", "Emerging, 50% rise, ~110 a quarter: share found", None, None),
    ("emerging_power_50pc_large", "Emerging, 50% rise, ~1,500 a quarter: share found", None, None),
]


def calibration_figures(c: dict) -> list[dict]:
    """Each rate (with its replicates) beside the seconds its simulations took."""
    rows = []
    for key, what, op, limit in CALIBRATION:
        rate = c[key]
        label = f"{what} ({rate['events']}/{rate['replicates']}, {rate['seconds']:.0f} s)"
        rows.append(figure(f"calibration.{key}", label, rate["share"], "share", op, limit))
    return rows


def spatial_figures(s: dict, knox_child: dict) -> list[dict]:
    gi, knox, kde = s["gi_star"], s["knox"], s["kde"]
    analytic = gi["analytic"]
    rows = [
        figure(
            "knox.matches_all_pairs",
            f"Knox observed table = all-pairs count (n={knox['all_pairs_baseline']['n']:,})",
            knox["all_pairs_baseline"]["tables_equal"],
            "",
            "==",
            True,
        ),
        figure("knox.n10000_s", "Knox 10,000 events, 99 perms", knox["n_10000"]["wall_s"], "s", "<=", 1.5),
        figure("knox.n50000_s", "Knox 50,000 events, 99 perms", knox["n_50000"]["wall_s"], "s", "<=", 15),
        figure(
            "knox.n50000_peak_MB",
            "Knox 50,000: peak RSS (own process)",
            knox_child["peak_rss_MB"],
            "MiB",
            "<=",
            GB,
        ),
        figure(
            "gi.analytic.ours_over_esda",
            f"Gi* analytic z, {gi['n_units']:,} units: ours / esda time",
            analytic["ours_s"] / analytic["esda_s"],
            "x",
            "<=",
            round(1 / 20, 4),
        ),
        figure(
            "gi.analytic.max_abs_z_diff",
            "Gi* analytic: max |z - esda z|",
            analytic["max_abs_z_diff"],
            "",
            "<=",
            1e-9,
        ),
    ]
    for name, variant in kde.items():
        if isinstance(variant, dict) and "wall_s" in variant:
            label = name.replace("_h", ", h=") + " m"
            rows.append(
                figure(
                    f"kde.{name}.s",
                    f"KDE 75,000 points, 500 m grid, {label}",
                    variant["wall_s"],
                    "s",
                    "<=",
                    1,
                )
            )
            rows.append(
                figure(
                    f"kde.{name}.rel_diff",
                    f"KDE {label}: max |diff| / peak vs exact sum",
                    variant["max_abs_diff_over_peak_vs_brute_force"],
                    "",
                    "<=",
                    0.01,
                )
            )
    perm = gi.get("permutations_999")
    if perm is None:
        return [
            *rows,
            figure("gi.permutations", "Gi* 999 perms: not run (--quick)", None, "", "<=", round(1 / 6, 4)),
        ]
    ties, no_ties, matched = perm, perm["without_ties"], perm["with_esda_tie_outcome"]
    rows += [
        figure(
            "gi.perm.ours_over_esda_warm",
            "Gi* 999 perms: ours / esda (warm, numba compiled)",
            perm["ours_s"] / perm["esda_warm_s"],
            "x",
            "<=",
            round(1 / 6, 4),
        ),
        figure(
            "gi.perm.ours_over_esda_cold",
            "Gi* 999 perms: ours / esda (first call, compiling)",
            perm["ours_s"] / perm["esda_cold_s_incl_numba_compile"],
            "x",
        ),
        figure(
            "gi.perm.class_agreement",
            "Gi* p<0.05 classes, esda's tie outcome: ours vs esda, mean of"
            f" {len(matched['class_agreement_ours_vs_esda_every_pair'])} seed pairs"
            f" ({matched['mean_ours_vs_esda']:.4f}) - esda vs esda, mean of"
            f" {len(matched['class_agreement_esda_vs_esda_every_pair'])}"
            f" ({matched['mean_esda_vs_esda']:.4f})",
            matched["mean_ours_vs_esda"] - matched["mean_esda_vs_esda"],
            "share",
            ">=",
            0,
        ),
        figure(
            "gi.perm.esda_tie_rule_matches",
            "esda's tie outcome as predicted, share of units with ties checked on esda's own draws",
            matched["rule_matches_esda_draws"],
            "share",
            ">=",
            1,
        ),
        figure(
            "gi.perm.class_agreement_exact_ties",
            f"Same with our exact tie rule ({ties['class_agreement_ours_vs_esda']:.4f})"
            f" - esda seed vs seed ({ties['class_agreement_esda_seed_vs_seed']:.4f})",
            ties["class_agreement_ours_vs_esda"] - ties["class_agreement_esda_seed_vs_seed"],
            "share",
        ),
        figure(
            "gi.perm.class_agreement_without_ties",
            f"Same with counts jittered so none tie ({no_ties['class_agreement_ours_vs_esda']:.4f}"
            f" - {no_ties['class_agreement_esda_seed_vs_seed']:.4f})",
            no_ties["class_agreement_ours_vs_esda"] - no_ties["class_agreement_esda_seed_vs_seed"],
            "share",
            ">=",
            0,
        ),
    ]
    return rows


def print_table(figures: list[dict]) -> None:
    def show(value, unit: str) -> str:
        if isinstance(value, bool) or value is None:
            return str(value)
        if unit == "x":
            return f"{value:.3g}x"
        if abs(value) < 1e-3 and value != 0:
            return f"{value:.1e}"
        return f"{value:,.3g} {unit}".strip() if value < 1000 else f"{value:,.0f} {unit}"

    width = max(len(f["what"]) for f in figures)
    print(f"\n{'figure':<{width}}  {'measured':>14}  {'target':>10}  result")
    for f in figures:
        verdict = {True: "pass", False: "FAIL", None: ""}[f["passed"]]
        print(
            f"{f['what']:<{width}}  {show(f['measured'], f['unit']):>14}  {f['target'] or '':>10}  {verdict}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 forces, and no esda 999-permutation run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per import contender (the best is kept)")
    parser.add_argument(
        "--out", type=Path, default=None, help="results file (default bench/results/latest.json)"
    )
    parser.add_argument("--reference-dir", type=Path, default=None)
    args = parser.parse_args()
    reference = args.reference_dir or Path(
        os.environ.get("REFERENCE_DATA_DIR") or REPO.parent / "shared" / "data"
    )
    if not reference.is_dir():
        parser.error(f"no reference data at {reference}: pass --reference-dir or set REFERENCE_DATA_DIR")
    out = args.out or REPO / "bench" / "results" / ("quick.json" if args.quick else "latest.json")
    forces = imports.QUICK_FORCES if args.quick else ALL_FORCES
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    results: dict = {
        "run": {
            "started_at": started.isoformat(timespec="seconds"),
            "quick": args.quick,
            "repeat": args.repeat,
        },
        "machine": machine(),
        "versions": versions(),
    }
    with tempfile.TemporaryDirectory(prefix="cspmonitor-bench-") as temporary:
        work = Path(temporary)
        print(f"National import: {len(forces)} forces x 12 months ...", flush=True)
        national, national_dir = imports.national(work, reference, forces=forces, repeat=args.repeat)
        print("Force-year import from the command line ...", flush=True)
        cli = imports.cli_force_year(national_dir, work, repeat=max(args.repeat, 3))
        shutil.rmtree(national_dir)
        print("Strategic assessment ...", flush=True)
        assessed = assessment_bench.assessment(work, reference)
        print(
            "Spatial statistics (esda's first permutation call compiles for a minute or so) ...", flush=True
        )
        spatial_results = spatial.run(35_000, esda_permutations=not args.quick)
        print("False alarms and power (seeded simulations) ...", flush=True)
        calibrated = calibration.run(reference, quick=args.quick)
        knox_child = run_child(
            [python(), str(REPO / "bench" / "spatial.py"), "--knox-child", "50000"],
            workdir=work,
            label="knox",
        )
    spatial_results["knox"]["n_50000_own_process"] = {
        "peak_rss_MB": knox_child["peak_rss_MB"],
        "wall_s": knox_child["report"]["wall_s"],
    }
    rscript = shutil.which("Rscript")
    spatial_results["knox"]["nearrepeat_r_package"] = (
        "The NearRepeat R package's all-pairs approach (dist() over every pair) is not run here "
        + ("(this benchmark does not call R)" if rscript else "(no R on this machine)")
        + "; the all-pairs NumPy count above stands in for it, and its conventions are tested in "
        "tests/analysis/test_nearrepeat.py."
    )
    figures = [
        *import_figures(national, cli),
        *assessment_figures(assessed),
        *spatial_figures(spatial_results, knox_child),
        *calibration_figures(calibrated),
    ]
    results["run"]["total_s"] = time.perf_counter() - clock
    results["figures"] = figures
    results["summary"] = {
        "targets": sum(f["passed"] is not None for f in figures),
        "passed": sum(f["passed"] is True for f in figures),
        "failed": [f["id"] for f in figures if f["passed"] is False],
    }
    results["details"] = {
        "import_national": national,
        "import_cli_force_year": cli,
        "assessment": assessed,
        "spatial": spatial_results,
        "calibration": calibrated,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    print_table(figures)
    s = results["summary"]
    print(f"\n{s['passed']} of {s['targets']} targets met in {results['run']['total_s']:.0f} s; wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
