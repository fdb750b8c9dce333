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


@dataclass(frozen=True)
class Source:
    """One CSV to read: its display name (a path, or ``archive.zip/member``) and a loader."""

    name: str
    load: Callable[[], bytes]


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


def iter_sources(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Source]:
    """Yield every CSV in `paths`: files as given, folders recursively, zip archives' members.

    Folders are walked in sorted order, so "the first copy" of a duplicated file is stable.
    Files in a folder that are neither ``.csv`` nor ``.zip`` are not police.uk data and are
    not looked at.
    """
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in (".csv", ".zip"):
                    yield from iter_sources([child])
        elif path.suffix.lower() == ".zip":
            yield from _zip_sources(path)
        else:
            yield Source(str(path), path.read_bytes)


def _zip_sources(path: Path) -> Iterator[Source]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
    except (OSError, zipfile.BadZipFile) as error:
        # Surface a broken archive as one unreadable source so it is reported, not skipped.
        yield Source(str(path), _raiser(OSError(f"not a readable zip archive: {error}")))
        return
    for member in sorted(members):
        if member.lower().endswith(".csv"):
            yield Source(f"{path}/{member}", _zip_loader(path, member))


def _zip_loader(path: Path, member: str) -> Callable[[], bytes]:
    def load() -> bytes:
        # One handle per member: ZipFile objects are not safe to share between threads.
        with zipfile.ZipFile(path) as archive:
            return archive.read(member)

    return load


def _raiser(error: Exception) -> Callable[[], bytes]:
    def load() -> bytes:
        raise error

    return load


def locate_records(data: bytes, rows: int, invalid_lines: list[int]) -> tuple[np.ndarray, list[str] | None]:
    """Physical line number, and text, of each of the `rows` well-formed records in `data`.

    `invalid_lines` are the lines the CSV parser set aside (wrong number of fields). Used
    only when some row failed, to say where it is. The text is None when records span lines.

    >>> locate_records(b"h\\na\\nbad\\nb\\n", 2, [3])
    (array([2, 4]), ['a', 'b'])
    """
    text = data.decode("utf-8")
    physical = text.split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    if len(physical) == 1 + rows + len(invalid_lines):
        # One record per line (no blank lines, no line breaks inside quotes): the parsed rows
        # are the lines after the header that the parser did not set aside.
        lines = np.setdiff1d(np.arange(2, len(physical) + 1), np.array(invalid_lines, dtype=int))
        return lines, [physical[i - 1].rstrip("\r") for i in lines]
    # Rare: a quoted value spans lines, or there are blank lines. Walk the records in Python
    # to find where each starts; records with the wrong field count were set aside above.
    reader = csv.reader(io.StringIO(text))
    next(reader)
    starts: list[int] = []
    start = reader.line_num + 1
    for record in reader:
        if len(record) == _FIELDS:
            starts.append(start)
        start = reader.line_num + 1
    return np.array(starts, dtype=int), None
