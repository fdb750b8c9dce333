"""Analytical SQL lives in ``sql/<name>.sql`` files, loaded here by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_SQL_DIR = Path(__file__).with_name("sql")


@cache
def sql(name: str) -> str:
    """The text of ``sql/<name>.sql``; a KeyError names the missing file."""
    path = _SQL_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no SQL file named {path.name} in {_SQL_DIR}")
    return path.read_text(encoding="utf-8")
