"""A local HTTP server standing in for police.uk's archive, with fixture archives.

It answers HTTP range requests as police.uk's server does, and can be told to refuse, to
break off a download part way, or to ignore ranges. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.reference import SAMPLE

MONTHS = [f"2023-{m:02d}" for m in range(4, 13)] + [f"2024-{m:02d}" for m in range(1, 4)]


def month_file(month: str, force: str = "suffolk") -> bytes:
    """The real sample's rows as ``force``'s file for ``month`` (the Month column changed)."""
    return SAMPLE.read_bytes().replace(b",2023-03,", f",{month},".encode())


def build_archive(path: Path, months=MONTHS, filler_bytes: int = 4_000_000) -> Path:
    """An archive laid out as police.uk's: YYYY-MM/YYYY-MM-<force>-street.csv for each month,
    with another force's large file that a fetch for Suffolk must not download."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for month in months:
            archive.writestr(f"{month}/{month}-suffolk-street.csv", month_file(month))
            archive.writestr(f"{month}/{month}-suffolk-outcomes.csv", b"Crime ID,Month\n")
        archive.writestr(
            f"{months[-1]}/{months[-1]}-metropolitan-street.csv", os.urandom(filler_bytes), zipfile.ZIP_STORED
        )
    return path


class ArchiveServer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.mode = "normal"  # or "refuse", "interrupt", "no-ranges"
        self.requests: list[str] = []
        self.bytes_sent = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output quiet
                pass

            def do_GET(self):
                server.requests.append(self.path)
                path = server.folder / self.path.rsplit("/", 1)[-1]
                if server.mode == "refuse":
                    self.send_error(503)
                    return
                if not path.is_file():
                    self.send_error(404)
                    return
                data = path.read_bytes()
                wanted = self.headers.get("Range")
                if wanted and server.mode != "no-ranges":
                    start, _, end = wanted.removeprefix("bytes=").partition("-")
                    first, last = int(start), min(int(end or len(data) - 1), len(data) - 1)
                    body = data[first : last + 1]
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {first}-{last}/{len(data)}")
                else:
                    body = data
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if server.mode == "interrupt" and len(body) > 1000:
                    body = body[: len(body) // 2]  # the connection drops part way
                server.bytes_sent += len(body)
                self.wfile.write(body)
                self.wfile.flush()
                if server.mode == "interrupt":
                    self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/data/archive"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def archive_server(tmp_path, settings):
    folder = tmp_path / "archive"
    folder.mkdir()
    build_archive(folder / "2024-03.zip")
    with ArchiveServer(folder) as server:
        settings.POLICE_UK_ARCHIVE_URL = server.url
        yield server
