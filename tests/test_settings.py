"""Settings come from the environment and fail loudly on bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cspmonitor import env

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def settings_read_here_stay_here():
    """The readers record every name they read (env.DOCUMENTED, which tests/test_docs.py checks
    against the README): these tests' made-up names must not outlive them in this process."""
    before = list(env.DOCUMENTED)
    yield
    env.DOCUMENTED[:] = before


@pytest.mark.parametrize(
    "text, expected",
    [("true", True), ("YES", True), ("1", True), ("off", False), ("no", False), ("0", False)],
)
def test_it_reads_yes_and_no_in_the_usual_spellings(monkeypatch, text, expected):
    monkeypatch.setenv("CSPM_TEST_FLAG", text)
    assert env.env_bool("CSPM_TEST_FLAG", default=not expected) is expected


def test_it_refuses_a_yes_no_value_it_cannot_read_and_names_the_variable(monkeypatch):
    monkeypatch.setenv("CSPM_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="CSPM_TEST_FLAG must be true or false"):
        env.env_bool("CSPM_TEST_FLAG", default=False)


def test_it_refuses_a_number_that_is_not_whole_or_too_small(monkeypatch):
    monkeypatch.setenv("CSPM_TEST_NUMBER", "five")
    with pytest.raises(ImproperlyConfigured, match="CSPM_TEST_NUMBER must be a whole number"):
        env.env_int("CSPM_TEST_NUMBER", default=1)
    monkeypatch.setenv("CSPM_TEST_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="must be at least 1"):
        env.env_int("CSPM_TEST_NUMBER", default=1, minimum=1)


def test_it_uses_the_default_for_a_blank_value_and_splits_lists(monkeypatch):
    monkeypatch.setenv("CSPM_TEST_TEXT", "   ")
    assert env.env_str("CSPM_TEST_TEXT", "fallback") == "fallback"
    monkeypatch.setenv("CSPM_TEST_LIST", "a.example, b.example,,")
    assert env.env_list("CSPM_TEST_LIST") == ["a.example", "b.example"]


def _start(**variables: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with only these variables set."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    environment.update(variables)
    return subprocess.run(
        [sys.executable, "-c", "import cspmonitor.settings"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_with_debug_off_the_site_refuses_to_start_without_a_secret_key():
    result = _start(DEBUG="false", ALLOWED_HOSTS="csp.example.gov.uk")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_with_debug_off_the_site_refuses_to_start_without_allowed_hosts():
    result = _start(DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name" in result.stderr


def test_with_debug_off_and_both_set_the_site_starts_with_secure_cookies_and_hsts():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import cspmonitor.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SECURE_HSTS_SECONDS > 0, s.SECURE_SSL_REDIRECT)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "csp.example.gov.uk"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True"]


def test_database_url_selects_postgresql():
    result = subprocess.run(
        [sys.executable, "-c", "import cspmonitor.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DATABASE_URL": "postgres://u:p@db.example:5432/csp"},
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
