"""Every input an import cannot use is listed with its reason, and the import is whole or nothing."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from cspmonitor.analysis.importer import import_police_uk
from cspmonitor.analysis.policeuk import read_street_crimes
from cspmonitor.analysis.store import CrimeStore
from tests.reference import SAMPLE

TODAY = date(2026, 11, 25)
TEXT = SAMPLE.read_text(encoding="utf-8")


def _month(month: str) -> bytes:
    return TEXT.replace("2023-03,", f"{month},").encode("utf-8")


def _zip(path: Path, members: list[tuple[str, bytes]], **options) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", **options) as archive:
        for name, data in members:
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def _good(folder: Path) -> Path:
    good = folder / "good" / "2023-04" / "2023-04-suffolk-street.csv"
    good.parent.mkdir(parents=True)
    good.write_bytes(_month("2023-04"))
    return good


def _bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    """One broken input of each kind, with (part of) the reason it must be given."""
    folder.mkdir()
    cases: dict[str, tuple[Path, str]] = {}

    def file(name: str, data: bytes) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    cases["year 0"] = (file("a/0000-01-suffolk-street.csv", _month("0000-01")), "before December 2010")
    huge = TEXT.splitlines()[0] + "\n" + '"' + "x" * 140_000 + '"' + ",x" * 11 + "\n"
    # A field over the csv module's default limit (131,072 characters): a rejected row.
    file("b/2023-01/2023-01-suffolk-street.csv", huge.encode())
    cr = _month("2023-02").replace(b"\n", b"\r")
    cases["CR only"] = (file("c/2023-02-suffolk-street.csv", cr), "carriage return alone")
    cases["trailing space"] = (file("d/2023-05-suffolk-street.csv ", _month("2023-05")), "misnamed")
    cases[".csv.txt"] = (file("e/2023-06-suffolk-street.csv.txt", _month("2023-06")), "misnamed")
    link = folder / "f" / "2023-07-suffolk-street.csv"
    link.parent.mkdir()
    link.symlink_to(folder / "f" / "gone.csv")
    cases["dangling link"] = (link, "does not exist")
    whole = _zip(folder / "whole.zip", [("2023-08/2023-08-suffolk-street.csv", _month("2023-08"))])
    truncated = folder / "g" / "truncated.zip"
    truncated.parent.mkdir()
    truncated.write_bytes(whole.read_bytes()[:-30])
    whole.unlink()
    cases["truncated zip"] = (truncated, "not a readable zip archive")
    inner = _zip(folder / "inner.zip", [("2023-09-suffolk-street.csv", _month("2023-09"))]).read_bytes()
    (folder / "inner.zip").unlink()
    cases["nested zip"] = (_zip(folder / "h.zip", [("inner.zip", inner)]), "inside a zip archive")
    doubled = [("2023-10-suffolk-street.csv", _month("2023-10"))] * 2
    with pytest.warns(UserWarning, match="Duplicate name"):
        cases["duplicate members"] = (_zip(folder / "i.zip", doubled), "two members of this name")
    return cases


def test_each_input_that_cannot_be_imported_is_listed_with_its_reason_and_nothing_is_stored(tmp_path):
    cases = _bad_inputs(tmp_path / "bad")
    store = CrimeStore(tmp_path / "store")
    summary = import_police_uk([_good(tmp_path), tmp_path / "bad"], store, today=TODAY)
    assert not summary.stored and summary.months == [] and store.months() == {}
    assert summary.describe().startswith("Nothing stored: 8 of the chosen inputs could not be imported")
    reasons = {reject.file: reject.reason for reject in summary.rejects if reject.line == 0}
    for case, (path, reason) in cases.items():
        found = [text for name, text in reasons.items() if name.startswith(str(path))]
        assert found, f"{case} is not listed"
        assert reason in found[0], (case, found[0])
    assert summary.rows_valid + summary.rows_rejected == summary.rows_read
    huge = [r for r in summary.rejects if r.file.endswith("2023-01-suffolk-street.csv")]
    assert [(r.line, r.column) for r in huge] == [(2, "Crime ID")]


def test_with_per_month_the_good_months_are_stored_and_the_summary_says_so(tmp_path):
    _bad_inputs(tmp_path / "bad")
    store = CrimeStore(tmp_path / "store")
    summary = import_police_uk([_good(tmp_path), tmp_path / "bad"], store, today=TODAY, per_month=True)
    assert set(store.months()) == {("suffolk", "2023-01"), ("suffolk", "2023-04"), ("suffolk", "2023-10")}
    assert summary.describe().startswith("Stored month by month (--per-month).")
    assert summary.files_refused == 8


def test_an_encrypted_or_unsupported_zip_member_is_refused_with_its_reason(tmp_path):
    good = _zip(tmp_path / "ok.zip", [("2023-03-suffolk-street.csv", _month("2023-03"))]).read_bytes()
    # Set the member's 'encrypted' flag bit in both headers, as a password-protected zip has.
    encrypted = bytearray(good)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = encrypted.find(signature)
        encrypted[at + offset] |= 1
    (tmp_path / "locked.zip").write_bytes(bytes(encrypted))
    # Compression method 99 (AES), which Python's zipfile cannot unzip.
    unsupported = bytearray(good)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = unsupported.find(signature)
        unsupported[at + offset] = 99
    (tmp_path / "aes.zip").write_bytes(bytes(unsupported))
    (tmp_path / "ok.zip").unlink()
    result = read_street_crimes(tmp_path, today=TODAY)
    reasons = {Path(reject.file).parent.name: reject.reason for reject in result.file_rejects}
    assert "encrypted" in reasons["locked.zip"]
    assert "unsupported compression method" in reasons["aes.zip"]


def test_reject_lines_count_blank_lines_and_line_breaks_inside_quotes(tmp_path):
    lines = TEXT.splitlines()
    quoted = lines[2].replace("On or near Crundens Corner", '"On or near\nCrundens Corner"')
    fields = lines[3].split(",")  # the sample quotes nothing
    bad = ",".join([*fields[:9], "Burglarly", *fields[10:]])
    text = "\n".join([lines[0], lines[1], "", quoted, "", bad, *lines[4:]]) + "\n"
    path = tmp_path / "2023-03" / "2023-03-suffolk-street.csv"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    result = read_street_crimes(path, today=TODAY)
    assert [(r.line, r.column) for r in result.row_rejects] == [
        (7, "Crime type")
    ]  # header, row, blank, two-line row, blank
    assert result.rows_valid == 69
