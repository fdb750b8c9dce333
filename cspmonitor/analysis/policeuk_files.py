"""Find police.uk street-level files in folders and zip archives, and read their names.

A police.uk monthly archive holds ``YYYY-MM/YYYY-MM-<force>-street.csv`` (and, when asked
for, ``-outcomes.csv`` and ``-stop-and-search.csv``) for each force. This module only finds
files and parses names; `policeuk` reads and checks their contents.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_FILE_NAME = re.compile(
    r"(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9]+(?:-[a-z0-9]+)*)"
    r"-(?P<kind>street|outcomes|stop-and-search)\.csv"
)
_MONTH_FOLDER = re.compile(r"\d{4}-\d{2}")
_FIELDS = 12
# Python's csv module refuses fields over 131,072 characters by default, where PyArrow's
# parser has no such limit: a damaged file with one huge field would then be read by one and
# not the other. Allow up to 64 MB, so such a row is rejected by the row rules with a reason.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))


@dataclass(frozen=True)
class Source:
    """One CSV to read: its display name (a path, or ``archive.zip/member``) and a loader.

    `problem`, when set, is why the input cannot be read at all (a broken archive, a nested
    one, a misnamed file, a dangling link): it is refused with that reason, unread. `skip`,
    when set, is why it is not police.uk data and is passed over (still listed).
    """

    name: str
    load: Callable[[], bytes]
    problem: str = ""
    skip: str = ""


@dataclass(frozen=True)
class FileName:
    """What a police.uk file name says: kind (street, outcomes, stop-and-search), force, month.

    `folder` is the name of the enclosing folder when that looks like a month, else "".

    >>> parse_file_name("police/2023-03/2023-03-avon-and-somerset-street.csv")
    FileName(kind='street', force='avon-and-somerset', month='2023-03', folder='2023-03')
    """

    kind: str
    force: str
    month: str
    folder: str


def parse_file_name(name: str) -> FileName | None:
    """Parse ``[.../YYYY-MM/]YYYY-MM-<force>-<kind>.csv``; None when it does not match."""
    parts = name.replace("\\", "/").split("/")
    match = _FILE_NAME.fullmatch(parts[-1])
    if match is None:
        return None
    folder = parts[-2] if len(parts) > 1 and _MONTH_FOLDER.fullmatch(parts[-2]) else ""
    return FileName(match["kind"], match["force"], match["month"], folder)


#: A zip member larger than this when unzipped is refused rather than read into memory (the
#: largest police.uk street file, the Met's, is about 30 MB a month).
MAX_MEMBER_BYTES = 1 << 30
# A name that is a police.uk file name with something after ".csv" (a space, ".txt"): most
# likely renamed by a spreadsheet or a mail client, and worth saying so rather than ignoring.
_MISNAMED = re.compile(
    r"(?P<stem>\d{4}-\d{2}-[a-z0-9-]+-(?:street|outcomes|stop-and-search)\.csv)(?P<tail>.+)"
)


def iter_sources(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Source]:
    """Yield every input in `paths`: files as given, folders recursively, zip archives' members.

    Folders are walked in sorted order, so "the first copy" of a duplicated file is stable.
    Every file found is yielded: CSVs to read, and anything else with a `problem` (refused:
    misnamed, dangling link, nested or broken archive) or a `skip` reason (not police.uk
    data), so that nothing under the chosen paths goes unmentioned.
    """
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_symlink() and not child.exists():
                    yield _refused(str(child), "a link to a file that does not exist")
                elif child.is_file():
                    yield from _file_sources(child)
        else:
            yield from _file_sources(path)


def _file_sources(path: Path) -> Iterator[Source]:
    name = path.name
    if name.lower().endswith(".zip"):
        yield from _zip_sources(path)
    elif path.is_symlink() and not path.exists():
        yield _refused(str(path), "a link to a file that does not exist")
    else:
        yield _named_source(str(path), name, path.read_bytes)


def _named_source(display: str, name: str, load: Callable[[], bytes]) -> Source:
    """A source for a file or member called ``name``, with any reason not to read it."""
    misnamed = _MISNAMED.fullmatch(name)
    if misnamed:
        return _refused(
            display,
            f"misnamed: the name ends {misnamed['tail']!r} after '.csv'; rename it {misnamed['stem']!r}",
        )
    if name.startswith(".") or "__MACOSX/" in display:
        return Source(display, load, skip="hidden or macOS metadata file")
    if name.lower().endswith(".zip"):
        return _refused(
            display, "a zip archive inside a zip archive: unzip the outer one and import its contents"
        )
    if not name.lower().endswith(".csv"):
        return Source(display, load, skip="not a CSV file")
    return Source(display, load)


def _zip_sources(path: Path) -> Iterator[Source]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as error:
        # A broken or truncated archive is one unreadable input, reported under its own name.
        yield _refused(str(path), f"not a readable zip archive ({error}); it may be truncated or damaged")
        return
    seen: set[str] = set()
    for member in sorted(members, key=lambda m: m.filename):
        display = f"{path}/{member.filename}"
        if member.filename in seen:
            yield _refused(display, "the archive holds two members of this name; only the first is read")
            continue
        seen.add(member.filename)
        if member.flag_bits & 0x1:
            yield _refused(
                display, "the member is encrypted (password-protected); unzip it and import the CSV"
            )
            continue
        if member.file_size > MAX_MEMBER_BYTES:
            yield _refused(
                display,
                f"the member is {member.file_size:,} bytes unzipped, over the {MAX_MEMBER_BYTES:,} limit",
            )
            continue
        yield _named_source(display, member.filename.rsplit("/", 1)[-1], _zip_loader(path, member.filename))


def _zip_loader(path: Path, member: str) -> Callable[[], bytes]:
    def load() -> bytes:
        # One handle per member: ZipFile objects are not safe to share between threads.
        try:
            with zipfile.ZipFile(path) as archive:
                return archive.read(member)
        except NotImplementedError as error:  # a compression method zipfile cannot read
            raise OSError(f"the member uses an unsupported compression method ({error})") from error
        except (zipfile.BadZipFile, EOFError, ValueError, RuntimeError, zlib.error) as error:
            raise OSError(f"the member is damaged and cannot be unzipped ({error})") from error

    return load


def _refused(name: str, problem: str) -> Source:
    return Source(name, _raiser(OSError(problem)), problem=problem)


def _raiser(error: Exception) -> Callable[[], bytes]:
    def load() -> bytes:
        raise error

    return load


def locate_records(
    data: bytes, rows: int, invalid_lines: list[int]
) -> tuple[np.ndarray, list[str] | None, list[int]]:
    """Physical line numbers of the `rows` well-formed records in `data`, their text, and the
    physical line numbers of the records the CSV parser set aside (wrong number of fields).

    `invalid_lines` are the parser's own numbers for the set-aside records, which count
    records rather than lines. The text is None when records do not each fill one line.

    >>> locate_records(b"h\\na\\nbad\\nb\\n", 2, [3])
    (array([2, 4]), ['a', 'b'], [3])
    """
    text = data.decode("utf-8")
    physical = text.split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    blank = any(not line.rstrip("\r") for line in physical[1:])
    if not blank and len(physical) == 1 + rows + len(invalid_lines):
        # One record per line (no blank lines, no line breaks inside quotes): the parsed rows
        # are the lines after the header that the parser did not set aside.
        lines = np.setdiff1d(np.arange(2, len(physical) + 1), np.array(invalid_lines, dtype=int))
        return lines, [physical[i - 1].rstrip("\r") for i in lines], list(invalid_lines)
    # Rare: blank lines, or a quoted value spans lines. Walk the records in Python to find
    # the line each starts on; blank lines are not records, as for the parser.
    reader = csv.reader(io.StringIO(text))
    next(reader, None)
    starts: list[int] = []
    others: list[int] = []
    start = reader.line_num + 1
    for record in reader:
        if record:
            (starts if len(record) == _FIELDS else others).append(start)
        start = reader.line_num + 1
    if len(starts) != rows or len(others) != len(invalid_lines):
        raise ValueError(
            "its quoting is irregular (the records cannot be matched to lines); check for stray quote marks"
        )
    return np.array(starts, dtype=int), None, others
