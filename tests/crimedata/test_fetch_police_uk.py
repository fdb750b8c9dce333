"""manage.py fetch_police_uk: months from the police.uk archive, only the files needed,
and on any failure a clear message with nothing imported."""

import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cspmonitor.crime.services import crime_store
from tests.crimedata.conftest import month_file


def _fetch(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("fetch_police_uk", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _held() -> dict:
    return {key: record.rows for key, record in crime_store().months().items()}


def test_it_fetches_a_year_for_one_force_reading_only_what_it_needs(db, archive_server):
    out, err = _fetch("--force", "suffolk", "--months", "2023-04..2024-03")
    assert "Months: 12 added" in out
    assert _held() == {
        ("suffolk", m): 70
        for m in [f"2023-{n:02d}" for n in range(4, 13)] + ["2024-01", "2024-02", "2024-03"]
    }
    archive_size = (archive_server.folder / "2024-03.zip").stat().st_size
    # The other force's 4 MB file is never downloaded: the directory and the twelve files are.
    assert archive_server.bytes_sent < archive_size / 2
    assert "Downloaded" in err


def test_it_reads_a_server_that_ignores_ranges_through_once(db, archive_server):
    archive_server.mode = "no-ranges"
    out, _ = _fetch("--force", "suffolk", "--months", "2024-01..2024-03")
    assert "Months: 3 added" in out


def test_a_month_not_yet_published_is_refused_with_nothing_imported(db, archive_server):
    with pytest.raises(CommandError, match="police.uk has not published the archive 2024-04.zip"):
        _fetch("--force", "suffolk", "--months", "2024-02..2024-04")
    assert _held() == {}


def test_a_force_missing_from_the_archive_is_named(db, archive_server):
    with pytest.raises(CommandError, match="holds no street file for norfolk in 2024-03"):
        _fetch("--force", "norfolk", "--months", "2024-03")


def test_a_refused_download_is_reported_with_nothing_imported(db, archive_server):
    archive_server.mode = "refuse"
    with pytest.raises(CommandError, match=r"refused the download .* \(HTTP 503\)"):
        _fetch("--force", "suffolk", "--months", "2024-03")
    assert _held() == {}


def test_an_interrupted_download_is_reported_with_nothing_imported(db, archive_server):
    archive_server.mode = "interrupt"
    with pytest.raises(CommandError, match="interrupted"):
        _fetch("--force", "suffolk", "--months", "2023-04..2024-03")
    assert _held() == {}


def test_a_corrupt_archive_is_reported_with_nothing_imported(db, archive_server):
    path = archive_server.folder / "2024-03.zip"
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("2024-02/2024-02-suffolk-street.csv")
    data[info.header_offset + 30 + len(info.filename) + 40] ^= 0xFF  # inside its compressed data
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="corrupt: 2024-02/2024-02-suffolk-street.csv"):
        _fetch("--force", "suffolk", "--months", "2023-04..2024-03")
    assert _held() == {}  # the months before the damaged one were not imported either


def test_it_will_not_replace_a_month_with_a_smaller_file_unless_told(db, archive_server, tmp_path):
    bigger = tmp_path / "2024-03" / "2024-03-suffolk-street.csv"
    bigger.parent.mkdir()
    bigger.write_bytes(month_file("2024-03") + month_file("2024-03").split(b"\n", 1)[1])
    call_command("import_police_uk", str(bigger), stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="suffolk 2024-03: 140 rows held, 70 in"):
        _fetch("--force", "suffolk", "--months", "2024-03")
    assert _held() == {("suffolk", "2024-03"): 140}
    _fetch("--force", "suffolk", "--months", "2024-03", "--replace-smaller")
    assert _held() == {("suffolk", "2024-03"): 70}


def test_it_refuses_a_malformed_month_range(db, archive_server):
    with pytest.raises(CommandError, match="not a month range"):
        _fetch("--force", "suffolk", "--months", "April 2023")
