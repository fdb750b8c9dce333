import csv
import zipfile
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from cspmonitor.analysis.policeuk import SCHEMA, read_street_crimes, write_rejects
from cspmonitor.analysis.policeuk_rules import HEADER
from tests.reference import SAMPLE

TODAY = date(2024, 6, 15)


def sample_rows() -> list[dict[str, str]]:
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def a_crime(**changes: str) -> list[str]:
    """A valid burglary row from the real sample, with some fields changed."""
    row = next(r for r in sample_rows() if r["Crime type"] == "Burglary")
    row.update(changes)
    return [row[c] for c in HEADER]


def write_street(folder: Path, name: str, rows: list[list[str]], header=HEADER) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_one_bad_row(tmp_path: Path, bad: list[str], name="2023-03/2023-03-suffolk-street.csv"):
    """Write good, bad, good; read; return the single reject (the bad row is on line 3)."""
    write_street(tmp_path, name, [a_crime(), bad, a_crime()])
    result = read_street_crimes(tmp_path, today=TODAY)
    assert (result.rows_read, result.rows_valid, result.rows_rejected) == (3, 2, 1)
    assert result.balanced
    (reject,) = result.row_rejects
    assert reject.line == 3
    return reject


def test_it_reads_every_row_of_the_real_suffolk_sample():
    rows = sample_rows()
    result = read_street_crimes(SAMPLE, today=TODAY)
    assert result.rows_read == len(rows) == 70
    assert result.rows_valid == 70
    assert result.rejects == ()
    assert result.balanced


def test_it_counts_crime_types_as_the_csv_module_does():
    rows = sample_rows()
    table = read_street_crimes(SAMPLE, today=TODAY).table
    types = table.column("crime_type").to_pylist()
    for crime_type in {r["Crime type"] for r in rows}:
        assert types.count(crime_type) == sum(r["Crime type"] == crime_type for r in rows)
    assert types.count("Anti-social behaviour") == 7
    assert types.count("Violence and sexual offences") == 29
    assert len(types) - types.count("Anti-social behaviour") == 63


def test_it_keeps_the_rows_located_in_another_district():
    arun = [r for r in sample_rows() if r["LSOA name"].startswith("Arun ")]
    table = read_street_crimes(SAMPLE, today=TODAY).table
    names = table.column("lsoa_name").to_pylist()
    assert sum(name.startswith("Arun ") for name in names) == len(arun) == 2
    assert set(table.column("lsoa_code").to_pylist()) >= {r["LSOA code"] for r in arun}


def test_it_types_the_columns_and_leaves_missing_values_null():
    result = read_street_crimes(SAMPLE, today=TODAY)
    table = result.table
    assert table.schema == SCHEMA
    assert set(table.column("force").to_pylist()) == {"suffolk"}
    assert set(table.column("month").to_pylist()) == {date(2023, 3, 1)}
    asb = table.filter(pc.equal(table.column("crime_type"), "Anti-social behaviour"))
    assert asb.column("crime_id").null_count == asb.num_rows == 7
    assert asb.column("outcome").null_count == 7
    first = table.slice(0, 1).to_pylist()[0]
    assert first["longitude"] == pytest.approx(-0.491316, abs=1e-9)
    assert first["latitude"] == pytest.approx(50.815510, abs=1e-9)


def test_it_keeps_on_or_near_with_an_empty_street_name():
    empty_streets = sum(r["Location"] == "On or near " for r in sample_rows())
    locations = read_street_crimes(SAMPLE, today=TODAY).table.column("location").to_pylist()
    assert empty_streets > 0
    assert locations.count("On or near ") == empty_streets


def test_it_keeps_rows_without_a_location_and_counts_them(tmp_path):
    nowhere = a_crime(Longitude="", Latitude="", Location="No location", **{"LSOA code": "", "LSOA name": ""})
    write_street(tmp_path, "2023-03/2023-03-suffolk-street.csv", [a_crime(), nowhere])
    result = read_street_crimes(tmp_path, today=TODAY)
    assert (result.rows_valid, result.rows_without_location, result.rows_rejected) == (2, 1, 0)
    assert result.table.column("longitude").null_count == 1
    assert result.table.column("lsoa_code").null_count == 1


def test_it_rejects_a_malformed_month(tmp_path):
    reject = read_one_bad_row(tmp_path, a_crime(Month="2023-13"))
    assert reject.column == "Month"
    assert "YYYY-MM" in reject.reason
    assert reject.file.endswith("2023-03-suffolk-street.csv")
    assert "2023-13" in reject.raw


def test_it_rejects_a_month_that_does_not_match_the_file_name(tmp_path):
    reject = read_one_bad_row(tmp_path, a_crime(Month="2023-02"))
    assert reject.column == "Month"
    assert "does not match" in reject.reason and "2023-03" in reject.reason


def test_it_rejects_a_row_month_in_the_future(tmp_path):
    reject = read_one_bad_row(tmp_path, a_crime(Month="2031-01"))
    assert (reject.column, reject.reason) == ("Month", "month 2031-01 is in the future")


def test_it_refuses_a_file_whose_month_is_in_the_future(tmp_path):
    write_street(tmp_path, "2024-07/2024-07-suffolk-street.csv", [a_crime(Month="2024-07")])
    result = read_street_crimes(tmp_path, today=TODAY)
    assert result.rows_read == 0
    (reject,) = result.file_rejects
    assert "future" in reject.reason


def test_it_rejects_a_longitude_outside_the_uk(tmp_path):
    reject = read_one_bad_row(tmp_path, a_crime(Longitude="12.911829"))
    assert reject.column == "Longitude"
    assert "outside the UK" in reject.reason


def test_it_rejects_a_coordinate_that_is_not_a_number(tmp_path):
    reject = read_one_bad_row(tmp_path, a_crime(Latitude="52.1x"))
    assert (reject.column, reject.reason) == ("Latitude", "Latitude is not a number: '52.1x'")


def test_it_rejects_a_row_with_only_one_coordinate(tmp_path):
    reject = read_one_bad_row(tmp_path, a_crime(Latitude=""))
    assert reject.column == "Latitude"
    assert "need both or neither" in reject.reason


def test_it_rejects_an_unknown_crime_type(tmp_path):
    reject = read_one_bad_row(tmp_path, a_crime(**{"Crime type": "Arson"}))
    assert (reject.column, reject.reason) == ("Crime type", "unknown crime type 'Arson'")


def test_it_rejects_the_pre_2013_violent_crime_category_with_a_reason(tmp_path):
    reject = read_one_bad_row(tmp_path, a_crime(**{"Crime type": "Violent crime"}))
    assert reject.column == "Crime type"
    assert "2013" in reject.reason and "not comparable" in reject.reason


def test_it_rejects_a_malformed_lsoa_code(tmp_path):
    reject = read_one_bad_row(tmp_path, a_crime(**{"LSOA code": "E0102987"}))
    assert reject.column == "LSOA code"


def test_it_rejects_anti_social_behaviour_with_an_outcome(tmp_path):
    asb = a_crime(**{"Crime ID": "", "Crime type": "Anti-social behaviour"})
    asb[HEADER.index("Last outcome category")] = "Local resolution"
    reject = read_one_bad_row(tmp_path, asb)
    assert reject.column == "Last outcome category"


def test_it_names_every_failing_column_in_the_reason(tmp_path):
    reject = read_one_bad_row(tmp_path, a_crime(Month="2023-13", **{"Crime type": "Arson"}))
    assert reject.column == "Month"
    assert "also Crime type: unknown crime type 'Arson'" in reject.reason


def test_it_rejects_a_row_with_the_wrong_number_of_fields(tmp_path):
    path = write_street(tmp_path, "2023-03/2023-03-suffolk-street.csv", [a_crime(), a_crime()])
    path.write_text(path.read_text() + "a,b,c\n" + ",".join(a_crime()) + "\n")
    result = read_street_crimes(tmp_path, today=TODAY)
    assert (result.rows_read, result.rows_valid) == (4, 3)
    (reject,) = result.row_rejects
    assert (reject.line, reject.raw) == (4, "a,b,c")
    assert "3 fields" in reject.reason


def test_it_refuses_a_file_with_a_wrong_header(tmp_path):
    header = list(HEADER)
    header[5] = "Lat"
    write_street(tmp_path, "2023-03/2023-03-suffolk-street.csv", [a_crime()], header=header)
    result = read_street_crimes(tmp_path, today=TODAY)
    (reject,) = result.file_rejects
    assert (reject.line, reject.column) == (1, "Latitude")
    assert "column 6 is 'Lat'" in reject.reason
    assert result.rows_read == 0 and result.files_read == ()


def test_it_refuses_a_file_whose_name_does_not_match_the_pattern(tmp_path):
    write_street(tmp_path, "2023-03/suffolk-march.csv", [a_crime()])
    (reject,) = read_street_crimes(tmp_path, today=TODAY).file_rejects
    assert "does not match" in reject.reason


def test_it_refuses_a_file_in_the_folder_of_another_month(tmp_path):
    write_street(tmp_path, "2023-04/2023-03-suffolk-street.csv", [a_crime()])
    (reject,) = read_street_crimes(tmp_path, today=TODAY).file_rejects
    assert reject.reason == "file for 2023-03 is in the folder for 2023-04"


def test_it_refuses_an_empty_file_and_a_file_that_is_not_utf8(tmp_path):
    (tmp_path / "2023-03").mkdir()
    (tmp_path / "2023-03/2023-03-essex-street.csv").write_bytes(b"")
    path = write_street(tmp_path, "2023-03/2023-03-suffolk-street.csv", [a_crime()])
    path.write_bytes(path.read_bytes() + ",".join(a_crime()).encode().replace(b"Close", b"Cl\xffse"))
    reasons = sorted(r.reason for r in read_street_crimes(tmp_path, today=TODAY).file_rejects)
    assert reasons[0].startswith("file is empty")
    assert reasons[1].startswith("unreadable")


def test_it_reads_a_zip_archive_and_skips_outcome_files(tmp_path):
    archive = tmp_path / "2023-03.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(SAMPLE, "2023-03/2023-03-suffolk-street.csv")
        zf.writestr("2023-03/2023-03-suffolk-outcomes.csv", "Crime ID,Month\n")
        zf.writestr("2023-03/README.csv", "nothing\n")
    result = read_street_crimes(archive, today=TODAY)
    assert result.rows_valid == 70 and result.balanced
    assert result.files_read == (f"{archive}/2023-03/2023-03-suffolk-street.csv",)
    assert result.files_skipped == (f"{archive}/2023-03/2023-03-suffolk-outcomes.csv",)
    (reject,) = result.file_rejects
    assert reject.file.endswith("README.csv")


def test_it_reads_folders_recursively_and_refuses_a_second_copy_of_a_month(tmp_path):
    write_street(tmp_path, "a/2023-03/2023-03-suffolk-street.csv", [a_crime()])
    write_street(tmp_path, "b/2023-03/2023-03-suffolk-street.csv", [a_crime()])
    write_street(tmp_path, "b/2023-03/2023-03-norfolk-street.csv", [a_crime()])
    result = read_street_crimes(tmp_path, today=TODAY)
    assert result.rows_valid == 2
    assert sorted(result.table.column("force").to_pylist()) == ["norfolk", "suffolk"]
    (reject,) = result.file_rejects
    assert reject.reason.startswith("duplicate: suffolk 2023-03 was already read from")


def test_it_gives_line_numbers_after_a_value_that_spans_lines(tmp_path):
    rows = [a_crime(Context="first line\nsecond line"), a_crime(Longitude="99")]
    write_street(tmp_path, "2023-03/2023-03-suffolk-street.csv", rows)
    result = read_street_crimes(tmp_path, today=TODAY)
    assert result.table.column("context").to_pylist() == ["first line\nsecond line"]
    (reject,) = result.row_rejects
    # Header on line 1, the two-line record on lines 2-3, the bad row on line 4.
    assert (reject.line, reject.column) == (4, "Longitude")


def test_it_reads_windows_line_endings(tmp_path):
    path = write_street(tmp_path, "2023-03/2023-03-suffolk-street.csv", [a_crime(), a_crime()])
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = read_street_crimes(path, today=TODAY)
    assert result.rows_valid == 2
    assert result.table.column("context").null_count == 2


def test_it_writes_rejects_to_a_csv_file(tmp_path):
    write_street(tmp_path, "2023-03/2023-03-suffolk-street.csv", [a_crime(Month="2023-13")])
    write_street(tmp_path, "2023-03/2023-03-norfolk-street.csv", [a_crime()], header=["x"])
    result = read_street_crimes(tmp_path, today=TODAY)
    out = tmp_path / "rejects.csv"
    assert write_rejects(result.rejects, out) == 2
    with out.open(newline="", encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    assert [(w["line"], w["column"]) for w in written] == [("1", "Crime ID"), ("2", "Month")]
    assert written[1]["raw"] == ",".join(a_crime(Month="2023-13"))


def test_it_returns_an_empty_typed_table_when_nothing_is_valid(tmp_path):
    write_street(tmp_path, "2023-03/2023-03-suffolk-street.csv", [a_crime(Month="x")])
    result = read_street_crimes(tmp_path, today=TODAY)
    assert result.table.num_rows == 0
    assert result.table.schema == SCHEMA
    assert result.summary() == (
        "1 rows read: 0 imported (0 without a location), 1 rejected; 1 files read, 0 refused."
    )


def test_it_gives_the_same_table_whatever_the_number_of_workers(tmp_path):
    for force in ("essex", "norfolk", "suffolk"):
        write_street(tmp_path, f"2023-03/2023-03-{force}-street.csv", [a_crime()] * 5)
    one = read_street_crimes(tmp_path, today=TODAY, workers=1).table
    three = read_street_crimes(tmp_path, today=TODAY, workers=3).table
    assert pa.Table.equals(one.combine_chunks(), three.combine_chunks())


def test_it_counts_a_blank_line_when_giving_line_numbers(tmp_path):
    path = write_street(tmp_path, "2023-03/2023-03-suffolk-street.csv", [a_crime()])
    path.write_text(path.read_text() + "\n" + ",".join(a_crime(Month="2023-1")) + "\n")
    result = read_street_crimes(path, today=TODAY)
    (reject,) = result.row_rejects
    assert (reject.line, reject.column) == (4, "Month")
    assert result.rows_read == 2


@pytest.mark.parametrize("ending", ["", "\n"])
def test_it_reads_a_file_with_a_header_and_no_rows(tmp_path, ending):
    path = tmp_path / "2023-03-suffolk-street.csv"
    path.write_text(",".join(HEADER) + ending)
    result = read_street_crimes(path, today=TODAY)
    assert result.files_read == (str(path),)
    assert (result.rows_read, result.rows_valid, result.rejects) == (0, 0, ())
