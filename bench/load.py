"""Load benchmark: concurrent signed-in users on the main pages, against the production server
(`scripts/serve`: gunicorn with the background worker) and against `runserver` for comparison.

    .venv/bin/python bench/load.py [--users 50] [--seconds 30] [--database-url URL]

Loopback only (127.0.0.1), bounded in time. A fresh database (SQLite in a temporary folder
unless --database-url names an empty PostgreSQL database) gets the demo (`load_demo`); each
simulated user is the demo officer, signed in with a second factor, and loops over the
overview, action plan, a priority, the assessment, reports, calendar and reviews pages; one
more stream posts a quarterly update about once a second. Targets (issue 17): p95 <= 250 ms,
p99 <= 500 ms, no errors. Writes ``bench/results/load.json``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SETUP = r"""
import json, django
django.setup()
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from cspmonitor.accounts.models import User
from cspmonitor.crime.models import Assessment
from cspmonitor.partnership.models import Partnership
from cspmonitor.plans.models import Action, Priority
user = User.objects.get(email="officer@western-suffolk.example")
device, _ = StaticDevice.objects.get_or_create(user=user, name="Bench codes", defaults={"confirmed": True})
partnership = Partnership.objects.get()
sessions = []
for _ in range(int(__import__("sys").argv[1])):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["otp_device_id"] = device.persistent_id
    session.create()
    sessions.append(session.session_key)
slug = partnership.slug
priority = Priority.objects.filter(plan__partnership=partnership).first()
action = Action.objects.filter(objective__priority__plan__partnership=partnership).first()
assessment = Assessment.objects.filter(partnership=partnership, status="done").first()
pages = [f"/p/{slug}/", f"/p/{slug}/plan/", f"/p/{slug}/plan/priorities/{priority.pk}/",
         f"/p/{slug}/reports/", f"/p/{slug}/calendar/", f"/p/{slug}/reviews/"]
if assessment:
    pages.append(assessment.get_absolute_url())
print(json.dumps({"sessions": sessions, "pages": pages,
                  "update": f"/p/{slug}/plan/actions/{action.pk}/update/"}))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(port: int, method: str, path: str, session: str, body: bytes | None = None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    all_headers = {"X-Forwarded-Proto": "https", "Cookie": f"sessionid={session}"} | (headers or {})
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    content = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, content, elapsed, response


def _wait_until_up(port: int, process: subprocess.Popen, limit: float = 600) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server stopped before it answered")
        try:
            _request(port, "GET", "/", "none")
            return
        except OSError:
            time.sleep(1)
    raise RuntimeError("the server did not answer in time")


def _quarterly_updates(port, session, path, stop, results) -> None:
    """About one quarterly update a second, as partner leads submitting their returns."""
    while not stop.is_set():
        try:
            status, page, _elapsed, response = _request(port, "GET", path, session)
        except OSError:  # a timeout counts as an error, and the stream goes on
            results.append((599, 0.0))
            continue
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        cookie = response.getheader("Set-Cookie") or ""
        csrf = re.search(r"csrftoken=([^;]+)", cookie)
        if not (token and csrf):
            results.append((status if status != 200 else 599, 0.0))
            stop.wait(1)
            continue
        quarter = re.search(rb'<option value="(\d{4}-\d{2} Q\d)"', page)
        body = (
            f"csrfmiddlewaretoken={token[1].decode()}&period={quarter[1].decode() if quarter else ''}"
            "&status=on_track&rag=green&rag_reason=&narrative=Bench+update.&evidence_links="
        ).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session}; csrftoken={csrf[1]}",
            "Origin": f"https://127.0.0.1:{port}",
            "Referer": f"https://127.0.0.1:{port}{path}",
        }
        try:
            status, _body, elapsed, _ = _request(port, "POST", path, session, body, headers)
        except OSError:
            status, elapsed = 599, 0.0
        results.append((status, elapsed))
        stop.wait(1)


def run_load(port: int, setup: dict, users: int, seconds: float) -> dict:
    stop = threading.Event()
    page_results: list[tuple[int, float]] = []
    update_results: list[tuple[int, float]] = []

    def user(index: int) -> None:
        pages = setup["pages"]
        step = index
        while not stop.is_set():
            try:
                status, _body, elapsed, _ = _request(
                    port, "GET", pages[step % len(pages)], setup["sessions"][index]
                )
            except OSError:
                status, elapsed = 599, 0.0
            page_results.append((status, elapsed))
            step += 1

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    threads.append(
        threading.Thread(
            target=_quarterly_updates,
            args=(port, setup["sessions"][0], setup["update"], stop, update_results),
        )
    )
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    stop.wait(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    wall = time.perf_counter() - started
    statuses: dict[str, int] = {}
    for status, _ in page_results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    times = sorted(elapsed for status, elapsed in page_results if status == 200)

    def quantile(q: float):
        return round(1000 * times[min(len(times) - 1, int(q * len(times)))], 1) if times else None

    return {
        "requests": len(page_results),
        "errors": sum(1 for status, _ in page_results if status != 200),
        "statuses": statuses,  # 599: no answer within 30 s
        "load_average_after": round(os.getloadavg()[0], 1),
        "throughput_per_s": round(len(page_results) / wall, 1),
        "p50_ms": quantile(0.50),
        "p95_ms": quantile(0.95),
        "p99_ms": quantile(0.99),
        "updates": len(update_results),
        "update_errors": sum(1 for status, _ in update_results if status not in (200, 302)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--servers", default="serve,runserver")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="load-bench-"))
    environment = dict(
        os.environ,
        DEBUG="false",
        SECRET_KEY="load-benchmark-key-not-for-any-real-site-0123456789",  # noqa: S106 - a throwaway site
        ALLOWED_HOSTS="127.0.0.1",
        EMAIL_HOST="localhost",
        DATABASE_URL=args.database_url or f"sqlite:///{folder / 'load.sqlite3'}",
        CRIME_STORE_DIR=str(folder / "store"),
        PYTHONPATH=str(REPO),
        PY=sys.executable,
        LOG_LEVEL="WARNING",
    )
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=environment, check=True, cwd=REPO)  # noqa: S603
    subprocess.run([*manage, "load_demo"], env=environment, check=True, cwd=REPO, stdout=subprocess.DEVNULL)  # noqa: S603
    made = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SETUP, str(args.users)],
        env=environment | {"DJANGO_SETTINGS_MODULE": "cspmonitor.settings"},
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    setup = json.loads(made.stdout.strip().splitlines()[-1])
    results = {}
    load_before = round(os.getloadavg()[0], 1)  # other work on the machine skews every figure
    for name in args.servers.split(","):
        port = _free_port()
        command = (
            [str(REPO / "scripts" / "serve")]
            if name == "serve"
            else [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"]
        )
        server = subprocess.Popen(  # noqa: S603
            command,
            env=environment | {"PORT": str(port)},
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            _wait_until_up(port, server)
            for path in setup["pages"]:  # warm each page once
                _request(port, "GET", path, setup["sessions"][0])
            results[name] = run_load(port, setup, args.users, args.seconds)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        print(name, json.dumps(results[name]))
    database = "postgresql" if environment["DATABASE_URL"].startswith("postgres") else "sqlite"
    serve = results.get("serve", {})
    out = {
        "users": args.users,
        "seconds": args.seconds,
        "database": database,
        "load_average_before": load_before,
        "pages": setup["pages"],
        "servers": results,
        "targets": {"p95_ms": "<= 250", "p99_ms": "<= 500", "errors": "== 0"},
        "passed": bool(serve)
        and serve["p95_ms"] is not None
        and serve["p95_ms"] <= 250
        and serve["p99_ms"] <= 500
        and serve["errors"] == 0,
    }
    path = REPO / "bench" / "results" / "load.json"
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
