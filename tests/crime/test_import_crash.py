"""kill -9 during an import: the store reads exactly as before or as after, never between.

Real import processes (forked from one Django process, see crash_import.py) are killed with
SIGKILL just before each filesystem step the import takes, after a torn write of each file,
and at timed moments. After each kill the store must read as before the import or as after
it; the next import marks the dead run 'interrupted', clears its leftovers and, importing the
same files again, leaves the store exactly as an uninterrupted import would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from cspmonitor.analysis.importer import import_police_uk
from cspmonitor.analysis.store import CrimeStore
from cspmonitor.crime.models import CrimeImport
from cspmonitor.crime.services import run_import
from tests.reference import SAMPLE

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("crash_import.py")


def _month_file(folder: Path, month: str, revised: bool = False) -> Path:
    target = folder / month / f"{month}-suffolk-street.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8").replace("2023-03,", f"{month},")
    if revised:
        text = text.replace("Violence and sexual offences", "Public order", 3)
    target.write_text(text, encoding="utf-8")
    return target


def state(store: CrimeStore) -> tuple:
    """What a reader sees: the manifest's months and every stored row."""
    manifest = {key: (r.sha256, r.rows, r.revision) for key, r in store.months().items()}
    with store.connect() as db:
        rows = db.execute("select * from crimes order by all").fetchall()
    return manifest, rows


def leftovers(store: CrimeStore) -> set[str]:
    """Files in the store that the manifest does not name (locks and rejects aside)."""
    named = {record.file for record in store.months().values()} | {"manifest.parquet"}
    found = {
        str(p.relative_to(store.root))
        for p in store.root.rglob("*")
        if p.is_file() and p.name not in {".write.lock", ".read.lock"} and "rejects" not in p.parts
    }
    return found - named


@pytest.fixture
def scenario(tmp_path):
    before_in, after_in = tmp_path / "before-in", tmp_path / "after-in"
    for month in ["2023-01", "2023-02", "2023-03", "2023-04"]:
        _month_file(before_in, month)
    _month_file(after_in, "2023-01")  # unchanged
    for month in ["2023-03", "2023-04"]:  # replaced
        _month_file(after_in, month, revised=True)
    for month in ["2023-05", "2023-06"]:  # added
        _month_file(after_in, month)
    before = CrimeStore(tmp_path / "before")
    import_police_uk([before_in], before)
    after = CrimeStore(tmp_path / "after")
    shutil.copytree(before.root, after.root)
    import_police_uk([after_in], after)
    return tmp_path, before, after, after_in


def _database_url() -> str:
    """The test database, for the import processes (SQLite's file, or PostgreSQL's server)."""
    info = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{info['NAME']}"
    where = f"{info['HOST'] or 'localhost'}:{info['PORT'] or 5432}"
    return f"postgres://{info['USER']}:{info['PASSWORD']}@{where}/{info['NAME']}"


def _run_kills(tmp_path: Path, inputs: Path, kills: list[dict], database: str) -> list[dict]:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"inputs": [str(inputs)], "kills": kills}), encoding="utf-8")
    environment = dict(
        os.environ,
        DATABASE_URL=database,
        DJANGO_SETTINGS_MODULE="cspmonitor.settings",
        PYTHONPATH=str(ROOT),  # this checkout, not the one the virtualenv installed
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(RUNNER), str(spec)],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stdout + result.stderr
    return lines


@pytest.mark.django_db(transaction=True)
def test_a_killed_import_leaves_the_store_as_before_or_after_and_a_rerun_repairs_it(scenario, settings):
    tmp_path, before, after, inputs = scenario
    database = _database_url()

    def fresh_store(name: str) -> str:
        shutil.copytree(before.root, tmp_path / name)
        return str(tmp_path / name)

    # An uninterrupted run counts the filesystem steps an import takes.
    counted = _run_kills(tmp_path, inputs, [{"store": fresh_store("count"), "count": True}], database)
    names = next(line["steps"] for line in counted if "steps" in line)
    steps = len(names)
    # Four month files and the manifest written, flushed, renamed in; the replaced files removed.
    assert names.count("write_table") == 5 and "replace" in names and "unlink" in names
    CrimeImport.objects.all().delete()

    kills = [{"store": fresh_store(f"step-{n}"), "step": n} for n in range(1, steps + 1)]
    writes = [n for n, name in enumerate(names, start=1) if name == "write_table"]
    kills += [{"store": fresh_store(f"torn-{n}"), "step": n, "torn": True} for n in writes]
    kills += [{"store": fresh_store(f"timed-{n}"), "after_seconds": n * 0.02} for n in range(8)]
    outcomes = _run_kills(tmp_path, inputs, kills, database)
    assert len(outcomes) == len(kills)

    seen = {"before": 0, "after": 0}
    expected_before, expected_after = state(before), state(after)
    for outcome in outcomes:
        store = CrimeStore(outcome["store"])
        now = state(store)
        assert now in (expected_before, expected_after), f"{outcome} reads neither as before nor as after"
        seen["before" if now == expected_before else "after"] += 1
    # Step kills are all real kills (the timed ones may come after the import finished).
    assert all(o["exit"] == -9 for o in outcomes[: steps + len(writes)])
    assert seen["before"] and seen["after"]

    # Each import marks the runs before it that died (as the next kill's import did already),
    # clears their leftovers and, importing the same files, repairs the store.
    killed = CrimeImport.objects.exclude(status="succeeded").count()
    assert killed >= steps + len(writes), list(CrimeImport.objects.values_list("status", "process"))
    for outcome in outcomes:
        settings.CRIME_STORE_DIR = outcome["store"]
        store = CrimeStore(outcome["store"])
        record, summary = run_import([str(inputs)])
        assert record.status == "succeeded", record.message
        assert state(store) == expected_after, outcome
        assert leftovers(store) == set(), outcome
    assert CrimeImport.objects.filter(status="running").count() == 0
    interrupted = CrimeImport.objects.filter(status="interrupted")
    assert interrupted.count() == killed
    assert "Nothing from it was stored" in interrupted.first().message
