from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_it_writes_police_uk_files_with_a_planted_rise(tmp_path):
    out = StringIO()
    call_command(
        "generate_police_uk",
        "--forces",
        "suffolk",
        "--months",
        "2023-01..2023-02",
        "--seed",
        "3",
        "--out",
        str(tmp_path),
        "--rise",
        "Burglary,E07000200,2,2023-01",
        stdout=out,
    )
    files = sorted(tmp_path.glob("*/*-suffolk-street.csv"))
    assert [f.name for f in files] == ["2023-01-suffolk-street.csv", "2023-02-suffolk-street.csv"]
    with files[0].open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[0] == "Crime ID" and header[-1] == "Context"
    assert "rows in 2 files" in out.getvalue()


def test_it_explains_a_malformed_effect(tmp_path):
    with pytest.raises(CommandError, match="should have 4 parts"):
        call_command("generate_police_uk", "--out", str(tmp_path), "--rise", "Burglary,2")
    with pytest.raises(CommandError, match="--months must be FIRST..LAST"):
        call_command("generate_police_uk", "--out", str(tmp_path), "--months", "2023-01")
