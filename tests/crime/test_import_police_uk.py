from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cspmonitor.crime.models import CrimeImport
from tests.reference import SAMPLE, SAMPLE_DIR

ROOT = Path(__file__).resolve().parents[2]


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_police_uk", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_the_sample_and_records_the_import(db):
    out, err = _run(str(SAMPLE_DIR))
    assert "70 rows read from 1 files: 70 valid" in out
    assert "suffolk 2023-03: added, 70 rows" in out
    assert "1/1 files" in err  # the progress bar reached the end
    assert "Coverage, suffolk: 1 months held. All months from 2023-03 to 2023-03 are present." in out
    record = CrimeImport.objects.get()
    assert record.status == "succeeded" and record.rows_valid == 70 and record.months_added == 1


def test_running_it_twice_leaves_the_month_unchanged(db):
    _run(str(SAMPLE))
    out, _ = _run(str(SAMPLE))
    assert "suffolk 2023-03: unchanged" in out
    assert CrimeImport.objects.first().months_unchanged == 1


def test_rejects_are_written_to_a_file_and_named_in_the_output(db, tmp_path):
    bad = tmp_path / "2023-03" / "2023-03-suffolk-street.csv"
    bad.parent.mkdir()
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace("Burglary", "Burglarly", 1), encoding="utf-8")
    out, _ = _run(str(bad))
    assert "1 rejects listed in" in out
    assert "column Crime type" in out
    record = CrimeImport.objects.get()
    with open(record.rejects_file, encoding="utf-8") as handle:
        assert "Burglarly" in handle.read()


def test_a_path_with_no_police_uk_files_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="No police.uk street files were found"):
        _run(str(tmp_path))


def test_the_summary_names_a_missing_month(db, tmp_path):
    for month in ["2023-01", "2023-03"]:
        target = tmp_path / month / f"{month}-suffolk-street.csv"
        target.parent.mkdir()
        target.write_text(
            SAMPLE.read_text(encoding="utf-8").replace("2023-03,", f"{month},"), encoding="utf-8"
        )
    out, _ = _run(str(tmp_path))
    assert "Coverage, suffolk: 2 months held. Coverage is incomplete (missing: 2023-02)." in out


def test_from_the_command_line_it_skips_the_system_checks_and_never_loads_pandas(tmp_path):
    # A force-year from the command line should cost little more than reading it (issue 3), so
    # neither the checks of every URL and view nor pyarrow's pandas integration are loaded.
    environment = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        CRIME_STORE_DIR=str(tmp_path / "store"),
        DJANGO_SETTINGS_MODULE="cspmonitor.settings",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=environment, check=True, cwd=ROOT)  # noqa: S603
    code = (
        "import sys\n"
        "from django.core.management import execute_from_command_line\n"
        f"execute_from_command_line(['manage.py', 'import_police_uk', {str(SAMPLE_DIR)!r}])\n"
        "print('pandas loaded:', 'pandas' in sys.modules)\n"
        "print('URLs loaded:', 'cspmonitor.urls' in sys.modules)\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=environment, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "70 rows read from 1 files: 70 valid" in result.stdout
    assert "pandas loaded: False" in result.stdout
    assert "URLs loaded: False" in result.stdout


def _first_rows(tmp_path, rows: int) -> Path:
    """The sample month cut to its first ``rows`` data rows, in a police.uk-named file."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "small" / "2023-03" / "2023-03-suffolk-street.csv"
    path.parent.mkdir(parents=True)
    path.write_text("".join(lines[: rows + 1]), encoding="utf-8")
    return path


def test_it_refuses_to_replace_a_month_with_a_smaller_file_and_stores_nothing(db, tmp_path):
    _run(str(SAMPLE))
    with pytest.raises(CommandError) as caught:
        _run(str(_first_rows(tmp_path, 20)))
    assert "suffolk 2023-03: 70 rows held, 20 in" in str(caught.value)
    assert "--replace-smaller" in str(caught.value)
    out, _ = _run(str(SAMPLE))
    assert "suffolk 2023-03: unchanged, 70 rows" in out  # the stored month is as it was


def test_it_replaces_a_month_with_a_smaller_file_when_told_to(db, tmp_path):
    _run(str(SAMPLE))
    out, _ = _run(str(_first_rows(tmp_path, 20)), "--replace-smaller")
    assert "suffolk 2023-03: replaced, 20 rows" in out
