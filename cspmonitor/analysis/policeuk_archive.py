"""Fetch police.uk street-level files from its monthly archive: the only code that reaches the network.

police.uk publishes one zip a month (``<archive address>/YYYY-MM.zip``) holding the last 36
months of every force, over a gigabyte. Only a few hundred kilobytes are needed for one force
and a year, so the archive is read as a remote file with HTTP range requests: the zip's
directory at its end, then only the members wanted. (A server that ignores ranges is read
through to the end, once.) Every member is written to a local folder first and its CRC
checked; only when all have arrived does the caller import them, so a failure part way
imports nothing.

Each failure ends in `FetchError` with a message for people: a month not yet published, a
refused or interrupted download, a corrupt archive.
"""

from __future__ import annotations

import http.client
import io
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ARCHIVE_MONTHS = 36  # each archive holds its own month and the 35 before it
BLOCK = 1 << 20  # read ahead a mebibyte at a time: few requests, little waste
TIMEOUT_S = 60


class FetchError(Exception):
    """The files could not be fetched; the message says why. Nothing was imported."""


@dataclass(frozen=True)
class Fetched:
    """The files written (``folder/YYYY-MM/YYYY-MM-<force>-street.csv``) and the bytes read."""

    folder: Path
    files: tuple[Path, ...]
    bytes_downloaded: int


def month_range(text: str) -> list[str]:
    """``"2023-04..2024-03"`` (or one month) → every month in it, oldest first.

    >>> month_range("2023-11..2024-02")
    ['2023-11', '2023-12', '2024-01', '2024-02']
    """
    first, _, last = text.partition("..")
    last = last or first
    try:
        y, m = int(first[:4]), int(first[5:7])
        end = (int(last[:4]), int(last[5:7]))
        if len(first) != 7 or len(last) != 7 or first[4] != "-" or last[4] != "-" or not 1 <= m <= 12:
            raise ValueError
    except ValueError:
        raise FetchError(
            f"{text!r} is not a month range: expected YYYY-MM..YYYY-MM, like 2023-04..2024-03"
        ) from None
    months = []
    while (y, m) <= end:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    if not months:
        raise FetchError(f"{text!r} ends before it starts.")
    return months


def _months_after(month: str, n: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def archives_for(months: Sequence[str]) -> dict[str, list[str]]:
    """Which archive to read each month from: the newest asked for, while it holds them."""
    plan: dict[str, list[str]] = {}
    remaining = sorted(months, reverse=True)
    while remaining:
        archive = remaining[0]
        oldest = _months_after(archive, -(ARCHIVE_MONTHS - 1))
        plan[archive] = sorted(m for m in remaining if m >= oldest)
        remaining = [m for m in remaining if m < oldest]
    return plan


class _RemoteFile(io.RawIOBase):
    """A seekable read-only view of a URL through HTTP range requests."""

    def __init__(self, url: str, opener: Callable = urllib.request.urlopen):
        self.url, self.opener = url, opener
        self.position = 0
        self.downloaded = 0
        self.block_start, self.block = 0, b""
        self.size = self._size()

    def _request(self, start: int, end: int):
        # The address's scheme is checked in `fetch`: http or https only.
        request = urllib.request.Request(self.url, headers={"Range": f"bytes={start}-{end}"})  # noqa: S310
        return self.opener(request, timeout=TIMEOUT_S)

    def _size(self) -> int:
        with self._request(0, 0) as response:
            if response.status == 200:
                raise _NoRanges
            total = response.headers.get("Content-Range", "").rpartition("/")[2]
            response.read()
        if not total.isdigit():
            raise _NoRanges
        return int(total)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            size = self.size - self.position
        size = min(size, self.size - self.position)
        out = bytearray()
        while size > 0:
            offset = self.position - self.block_start
            if not 0 <= offset < len(self.block):
                self._fetch(self.position, max(size, BLOCK))
                offset = 0
            chunk = self.block[offset : offset + size]
            out += chunk
            self.position += len(chunk)
            size -= len(chunk)
        return bytes(out)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _fetch(self, start: int, length: int) -> None:
        end = min(self.size, start + length) - 1
        try:
            with self._request(start, end) as response:
                data = response.read()
        except urllib.error.HTTPError as error:
            raise FetchError(
                f"police.uk refused part of the download of {self.url} (HTTP {error.code}). "
                "Nothing was imported; try again later."
            ) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            raise FetchError(
                f"The download of {self.url} was interrupted ({getattr(error, 'reason', error)}). "
                "Nothing was imported; try again."
            ) from None
        if len(data) != end - start + 1:
            raise FetchError(
                f"The download of {self.url} was interrupted ({len(data):,} of {end - start + 1:,} bytes "
                "arrived). Nothing was imported; try again."
            )
        self.downloaded += len(data)
        self.block_start, self.block = start, data


class _NoRanges(Exception):
    """The server sends the whole file whatever is asked: read it through once."""


def _open(url: str, work: Path, opener: Callable) -> tuple[zipfile.ZipFile, Callable[[], int]]:
    try:
        remote = _RemoteFile(url, opener)
        return zipfile.ZipFile(remote), lambda: remote.downloaded
    except _NoRanges:
        local = work / "archive.zip"
        request = urllib.request.Request(url)  # noqa: S310 (http or https only: see `fetch`)
        with opener(request, timeout=TIMEOUT_S) as response, local.open("wb") as out:
            expected = int(response.headers.get("Content-Length") or -1)
            shutil.copyfileobj(response, out)
        if expected >= 0 and local.stat().st_size != expected:
            raise FetchError(
                f"The download of {url} was interrupted. Nothing was imported; try again."
            ) from None
        return zipfile.ZipFile(local), lambda: local.stat().st_size


def fetch(
    base_url: str,
    force: str,
    months: Sequence[str],
    into: Path,
    *,
    opener: Callable = urllib.request.urlopen,
) -> Fetched:
    """Fetch ``force``'s street files for ``months`` from the archive at ``base_url`` into ``into``.

    Raises `FetchError` (with nothing left in ``into``) if any month cannot be had.
    """
    if not base_url.startswith(("https://", "http://")):
        raise FetchError(f"The police.uk archive address must start with https:// (it is {base_url!r}).")
    into = Path(into)
    written: list[Path] = []
    downloaded = 0
    try:
        for archive, wanted in archives_for(months).items():
            url = base_url.rstrip("/") + f"/{archive}.zip"
            with tempfile.TemporaryDirectory() as work:
                archive_file, counted = _open_archive(url, Path(work), opener)
                with archive_file:
                    written += _extract(archive_file, url, archive, force, wanted, into)
                downloaded += counted()
    except FetchError:
        shutil.rmtree(into, ignore_errors=True)
        raise
    return Fetched(into, tuple(written), downloaded)


def _open_archive(url: str, work: Path, opener: Callable):
    try:
        return _open(url, work, opener)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise FetchError(
                f"police.uk has not published the archive {url.rsplit('/', 1)[-1]} (not found at {url}). "
                "A month is usually published some weeks after it ends; ask for earlier months."
            ) from None
        raise FetchError(
            f"police.uk refused the download of {url} (HTTP {error.code}). Try again later."
        ) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"Could not download {url}: {reason}. Nothing was imported; try again.") from None
    except zipfile.BadZipFile as error:
        raise FetchError(f"The archive at {url} is corrupt ({error}). Nothing was imported.") from None


def _extract(
    archive: zipfile.ZipFile, url: str, name: str, force: str, months: Sequence[str], into: Path
) -> list[Path]:
    members = set(archive.namelist())
    out = []
    for month in months:
        member = f"{month}/{month}-{force}-street.csv"
        if member not in members:
            raise FetchError(
                f"The archive {name} holds no street file for {force} in {month}: police.uk has not "
                "published that month for this force (or the force's name is wrong). Nothing was imported."
            )
        target = into / member
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            # zipfile checks each member's CRC as it is read: a damaged file fails here.
            with archive.open(member) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink)
        except (zipfile.BadZipFile, EOFError, ValueError, zlib.error) as error:
            raise FetchError(
                f"The archive at {url} is corrupt: {member} ({error}). Nothing was imported."
            ) from None
        out.append(target)
    return out
