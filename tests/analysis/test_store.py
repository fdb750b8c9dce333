"""The crime store: imports apply whole, re-imports change nothing, revisions replace."""

from __future__ import annotations

import collections
import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from cspmonitor.analysis.coverage import check_coverage
from cspmonitor.analysis.importer import import_police_uk
from cspmonitor.analysis.store import CrimeStore
from tests.reference import SAMPLE

TODAY = date(2026, 11, 25)


def _types_in(path: Path) -> collections.Counter:
    with path.open(encoding="utf-8", newline="") as handle:
        return collections.Counter(row["Crime type"] for row in csv.DictReader(handle))


def _stored_types(store: CrimeStore) -> collections.Counter:
    with store.connect() as db:
        rows = db.execute("select crime_type, count(*) from crimes group by 1").fetchall()
    return collections.Counter(dict(rows))


def _copy_sample(folder: Path, month: str = "2023-03", edit=None) -> Path:
    target = folder / month / f"{month}-suffolk-street.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8").replace("2023-03,", f"{month},")
    if edit:
        text = edit(text)
    target.write_text(text, encoding="utf-8")
    return target


def test_importing_the_real_sample_stores_every_row_by_crime_type(tmp_path):
    store = CrimeStore(tmp_path / "store")
    summary = import_police_uk([SAMPLE], store, today=TODAY)
    assert summary.rows_read == summary.rows_valid == 70
    assert summary.rejects == []
    assert _stored_types(store) == _types_in(SAMPLE)
    assert [m.action for m in summary.months] == ["added"]


def test_importing_the_same_month_again_changes_nothing(tmp_path):
    store = CrimeStore(tmp_path / "store")
    import_police_uk([SAMPLE], store, today=TODAY)
    before = store.months()
    summary = import_police_uk([SAMPLE], store, today=TODAY)
    assert [m.action for m in summary.months] == ["unchanged"]
    assert store.months() == before
    assert sum(_stored_types(store).values()) == 70


def test_a_revised_file_replaces_the_earlier_month_whole(tmp_path):
    store = CrimeStore(tmp_path / "store")
    import_police_uk([SAMPLE], store, today=TODAY)
    revised = _copy_sample(
        tmp_path / "revised",
        edit=lambda text: text.replace("Violence and sexual offences", "Public order", 1),
    )
    summary = import_police_uk([revised], store, today=TODAY)
    assert [m.action for m in summary.months] == ["replaced"]
    record = store.months()[("suffolk", "2023-03")]
    assert record.revision == 2 and record.rows == 70
    assert _stored_types(store) == _types_in(revised)


def test_a_bad_row_is_listed_with_its_line_and_column_and_the_rest_is_stored(tmp_path):
    def spoil(text: str) -> str:
        lines = text.splitlines(keepends=True)
        lines[5] = lines[5].replace(
            "Suffolk Constabulary,Suffolk Constabulary,",
            "Suffolk Constabulary,Suffolk Constabulary,north,",
            1,
        )
        lines[5] = lines[5].replace(",north,", ",", 1).replace(",0.", ",zero.", 1)
        return "".join(lines)

    bad = _copy_sample(tmp_path / "in", edit=spoil)
    store = CrimeStore(tmp_path / "store")
    summary = import_police_uk([bad], store, today=TODAY)
    assert summary.rows_rejected == 1
    reject = summary.rejects[0]
    assert (reject.line, reject.column) == (6, "Longitude")
    assert summary.rows_valid == 69
    assert store.months()[("suffolk", "2023-03")].rows_rejected == 1


def test_a_strict_import_stores_nothing_for_a_month_with_a_rejected_row(tmp_path):
    bad = _copy_sample(tmp_path / "in", edit=lambda t: t.replace("Burglary", "Burglarly", 1))
    store = CrimeStore(tmp_path / "store")
    summary = import_police_uk([bad], store, today=TODAY, strict=True)
    assert store.months() == {}
    assert any("strict" in r.reason for r in summary.rejects)


def test_several_months_from_a_folder_and_the_coverage_check_finds_the_gap(tmp_path):
    folder = tmp_path / "in"
    for month in ["2023-01", "2023-03", "2023-04"]:
        _copy_sample(folder, month)
    store = CrimeStore(tmp_path / "store")
    summary = import_police_uk([folder], store, today=TODAY)
    assert summary.count("added") == 3
    rows = {month: record.rows for (force, month), record in store.months().items()}
    coverage = check_coverage(rows, "2023-01", "2023-04")
    assert coverage.missing == ("2023-02",)
    assert "missing: 2023-02" in coverage.describe()


def test_an_empty_store_answers_queries_with_no_rows(tmp_path):
    store = CrimeStore(tmp_path / "nothing-yet")
    table = store.query("coverage", first_month="2023-01", last_month="2023-12")
    assert table.num_rows == 0


def test_the_store_keeps_months_after_the_source_files_are_gone(tmp_path):
    folder = tmp_path / "in"
    _copy_sample(folder, "2019-06")
    store = CrimeStore(tmp_path / "store")
    import_police_uk([folder], store, today=TODAY)
    shutil.rmtree(folder)
    assert sum(_stored_types(store).values()) == 70


@pytest.mark.parametrize("name", ["counts_by_lsoa_type_month", "points"])
def test_the_named_queries_run_against_the_store(tmp_path, name):
    store = CrimeStore(tmp_path / "store")
    import_police_uk([SAMPLE], store, today=TODAY)
    table = store.query(name, first_month="2023-01", last_month="2023-12", forces=["suffolk"])
    assert table.num_rows > 0
