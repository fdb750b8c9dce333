"""Real-browser tests: Playwright driving Debian's Chromium, with axe-core checks.

Chromium comes from Debian (`make test` installs it); Playwright is never asked
to download a browser. The flags keep Chromium off the network.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

# pytest-django's live server runs in a thread while Playwright's sync API runs
# an event loop in this one; Django must allow ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page (injected by evaluate: our CSP blocks a script tag)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)


def sign_in_with_password(page, live_server, email: str, backup_code: str | None = None):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if backup_code is not None:
        page.get_by_label("Security code").fill(backup_code)
        page.get_by_role("button", name="Continue").click()


@pytest.fixture
def officer_page(page, live_server, demo):
    """A Chromium page signed in as the demo officer, with the second step done."""
    from cspmonitor.accounts.two_factor import ensure_backup_codes

    code = ensure_backup_codes(demo.officer)[0]
    sign_in_with_password(page, live_server, demo.officer.email, backup_code=code)
    page.wait_for_url(f"**{demo.partnership.get_absolute_url()}")
    return page
