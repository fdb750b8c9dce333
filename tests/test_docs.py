"""The README and .env.example document every setting and every command."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management import get_commands

from cspmonitor import env

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")


def _reference_section() -> str:
    start = README.index("## Configuration")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_the_settings_read_at_least_the_core_variables():
    assert {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REFERENCE_DATA_DIR",
        "CRIME_STORE_DIR",
    } <= set(env.DOCUMENTED)


def test_every_setting_is_in_the_readme_configuration_reference():
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", _reference_section(), re.MULTILINE))
    assert set(env.DOCUMENTED) - documented == set()


def test_the_readme_documents_no_setting_the_code_does_not_read():
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", _reference_section(), re.MULTILINE))
    assert documented - set(env.DOCUMENTED) == set()


def test_every_setting_is_in_the_env_example():
    listed = set(re.findall(r"^([A-Z_]+)=", ENV_EXAMPLE, re.MULTILINE))
    assert set(env.DOCUMENTED) == listed


def test_every_project_command_is_in_the_readme():
    ours = [name for name, app in get_commands().items() if app.startswith("cspmonitor")]
    assert ours, "the project defines management commands"
    missing = [name for name in ours if f"manage.py {name}" not in README]
    assert missing == []


def test_the_quick_start_keeps_the_two_commands():
    quick_start = README[: README.index("## Configuration")]
    assert "make demo" in quick_start
    assert "make test" in quick_start
