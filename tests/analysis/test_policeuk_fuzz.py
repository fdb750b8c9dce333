"""Property-based fuzzing of the police.uk reader (Hypothesis).

Two properties, over generated files, folders and zip archives:

- Well-formed files with blank lines, quoted commas and line breaks inside quotes, and some
  spoiled records: exactly the spoiled records are rejected, each at the physical line its
  record starts on, and the rest are read.
- Anything at all (random bytes, odd line endings, huge fields, impossible months, broken,
  nested, encrypted or duplicated zip members, misnamed files): reading never raises, every
  input is read, refused with a reason or skipped with a reason, and the rows balance.

The suite runs a few hundred examples; ``make fuzz`` runs the same tests with the 'fuzz'
profile (HYPOTHESIS_PROFILE=fuzz), over 10,000 generated inputs.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import warnings
import zipfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspmonitor.analysis.policeuk import read_street_crimes
from cspmonitor.analysis.policeuk_files import iter_sources
from tests.reference import SAMPLE

TODAY = date(2026, 11, 25)
settings.register_profile(
    "suite", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=5_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "suite")

with SAMPLE.open(encoding="utf-8", newline="") as handle:
    _SAMPLE_ROWS = list(csv.reader(handle))
HEADER, ROWS = _SAMPLE_ROWS[0], _SAMPLE_ROWS[1:]


def _write_record(fields: list[str], ending: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=ending).writerow(fields)
    return buffer.getvalue()


records = st.lists(
    st.tuples(
        st.sampled_from(range(len(ROWS))),
        st.sampled_from(["good", "good", "good", "comma", "newline", "quote", "bad type", "short", "long"]),
        st.integers(0, 2),  # blank lines before the record
    ),
    max_size=25,
)


@settings(settings.get_profile(PROFILE))
@given(records=records, ending=st.sampled_from(["\n", "\r\n"]), trailing_blank=st.booleans())
def test_it_rejects_exactly_the_spoiled_records_at_their_own_lines(records, ending, trailing_blank):
    text = _write_record(HEADER, ending)
    line = 2
    expected_bad: list[int] = []
    good = 0
    for index, how, blanks in records:
        fields = list(ROWS[index])
        text += ending * blanks
        line += blanks
        if how == "comma":
            fields[6] = "On or near High Street, Bury"
        elif how == "newline":
            fields[6] = "On or near\nHigh Street"
        elif how == "quote":
            fields[6] = 'On or near "The Green"'
        elif how == "bad type":
            fields[9] = "Burglarly"
        elif how == "short":
            fields = fields[:11]
        elif how == "long":
            fields = [*fields, "extra"]
        record = _write_record(fields, ending)
        if how in {"bad type", "short", "long"}:
            expected_bad.append(line)
        else:
            good += 1
        text += record
        line += record.count("\n")
    text += ending if trailing_blank else ""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2023-03" / "2023-03-suffolk-street.csv"
        path.parent.mkdir()
        path.write_bytes(text.encode("utf-8"))
        result = read_street_crimes(path, today=TODAY, workers=1)
    assert result.file_rejects == ()
    assert result.rows_valid == good
    assert sorted(reject.line for reject in result.row_rejects) == expected_bad
    assert result.balanced


_NAMES = st.sampled_from(
    [
        "2023-03-suffolk-street.csv",
        "2023-04-suffolk-street.csv",
        "0000-01-suffolk-street.csv",
        "2023-13-suffolk-street.csv",
        "2099-01-suffolk-street.csv",
        "2023-03-suffolk-outcomes.csv",
        "2023-03-suffolk-street.csv ",
        "2023-03-suffolk-street.csv.txt",
        "readme.txt",
        "notes.csv",
        ".hidden.csv",
    ]
)
_LINE_ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def contents(draw) -> bytes:
    """A file's bytes: a real month with damage, or noise."""
    kind = draw(st.sampled_from(["sample", "sample", "noise", "huge field", "header only", "empty"]))
    if kind == "noise":
        return draw(st.binary(max_size=300))
    if kind == "empty":
        return b""
    ending = draw(_LINE_ENDINGS)
    rows = draw(st.lists(st.sampled_from(ROWS), max_size=8))
    text = "".join(_write_record(r, ending) for r in [HEADER, *rows])
    if kind == "header only":
        text = _write_record(HEADER, ending)
    if kind == "huge field":
        text += '"' + "x" * 140_000 + '",' * 11 + "x" + ending
    data = text.encode("utf-8")
    if draw(st.booleans()):  # damage: cut it, or splice in bytes
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=20)) + data[cut:]
    return data


@st.composite
def inputs(draw, folder: Path) -> tuple[list[Path], int]:
    """Files, zips and links under ``folder``; returns the paths and how many inputs they hold."""
    count = 0
    for position in range(draw(st.integers(1, 4))):
        shape = draw(st.sampled_from(["file", "file", "zip", "truncated zip", "nested zip", "dangling link"]))
        place = folder / f"in{position}"
        place.mkdir()
        if shape == "file":
            path = place / draw(_NAMES)
            path.write_bytes(draw(contents()))
            count += 1
        elif shape == "dangling link":
            (place / "2023-03-suffolk-street.csv").symlink_to(place / "gone.csv")
            count += 1
        else:
            buffer = io.BytesIO()
            members = draw(st.lists(st.tuples(_NAMES, contents(), st.booleans()), min_size=1, max_size=4))
            with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                warnings.simplefilter("ignore")  # duplicate names are the point
                for name, data, in_month_folder in members:
                    archive.writestr(f"2023-03/{name}" if in_month_folder else name, data)
                if shape == "nested zip":
                    archive.writestr("inner.zip", buffer.getvalue() or b"PK")
            data = buffer.getvalue()
            if shape == "truncated zip":
                data = data[: draw(st.integers(0, len(data) - 1))]
                count += 1  # the archive itself, when unreadable, or its members: see below
            else:
                count += len(members) + (shape == "nested zip")
            (place / "police.zip").write_bytes(data)
        if shape == "truncated zip":
            # A truncated archive may still open (only its tail was lost): count what it holds.
            count += len(list(iter_sources([place / "police.zip"]))) - 1
    return [folder], count


@settings(settings.get_profile(PROFILE))
@given(data=st.data())
def test_anything_is_read_refused_or_skipped_with_a_reason_and_never_raises(data):
    with tempfile.TemporaryDirectory() as folder:
        paths, count = data.draw(inputs(Path(folder)))
        result = read_street_crimes(paths, today=TODAY, workers=1)
    assert result.balanced
    assert len(result.files_read) + len(result.file_rejects) + len(result.files_skipped) == count
    for reject in result.rejects:
        assert reject.reason and "Traceback" not in reject.reason
    for reject in result.row_rejects:
        assert reject.line >= 2
