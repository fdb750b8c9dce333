"""`make serve` runs the site as in production: this starts it that way once and loads pages."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, bytes, dict]:
    # As the reverse proxy in front of it would say: the visitor came over HTTPS.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def test_the_production_server_starts_with_its_worker_and_serves_pages_and_static_files(tmp_path):
    port = _free_port()
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (set in this process when they are collected
    # with it) must not reach a production server: its deploy check refuses it, rightly.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = dict(
        inherited,
        PY=sys.executable,
        PORT=str(port),
        DEBUG="false",
        SECRET_KEY="a-production-like-key-for-this-test-only-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        CRIME_STORE_DIR=str(tmp_path / "store"),
        EMAIL_HOST="localhost",  # never contacted: nothing is sent
        WEB_WORKERS="2",
        WEB_THREADS="2",
        PYTHONPATH=str(ROOT),
    )
    server = subprocess.Popen(  # noqa: S603
        [str(ROOT / "scripts" / "serve")],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # so the server, its workers and the task worker stop together
    )
    try:
        deadline = time.monotonic() + 240
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, body, _ = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                time.sleep(1)
        assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
        assert status == 200
        assert b"CSP Monitor" in body
        sign_in = _get(f"http://127.0.0.1:{port}/accounts/sign-in/")
        assert sign_in[0] in (200, 302)
        assert "Strict-Transport-Security" in _get(f"http://127.0.0.1:{port}/")[2]
        css = _get(f"http://127.0.0.1:{port}/static/govuk/govuk-frontend.min.css")
        assert css[0] == 200 and len(css[1]) > 10_000
        workers = subprocess.run(  # noqa: S603
            ["pgrep", "-s", str(server.pid), "-f", "manage.py db_worker"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        assert workers.stdout.strip(), "the background worker runs beside the server"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
