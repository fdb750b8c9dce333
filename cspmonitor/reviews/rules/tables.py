"""Reading one table of a rule file, remembering where it is so every error names the file and key.

Plain Python: no Django imports.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NoReturn


class RuleSetError(ValueError):
    """A rule set that cannot be found or used; the message names the file and the key at fault."""


_REQUIRED = object()


class Table:
    """One TOML table being read, remembering where it is so errors can name the key."""

    def __init__(self, path: Path, data: Any, where: str) -> None:
        self.path, self.where = path, where
        if not isinstance(data, dict):
            self.fail("", "must be a table")
        self.data: dict[str, Any] = data

    def fail(self, key: str, message: str) -> NoReturn:
        at = ".".join(part for part in (self.where, key) if part) or "(top level)"
        raise RuleSetError(f"{self.path.name}: {at}: {message}")

    def only(self, *allowed: str) -> None:
        unknown = sorted(set(self.data) - set(allowed))
        if unknown:
            self.fail(unknown[0], f"unknown key (expected one of: {', '.join(allowed)})")

    def get(self, key: str, kind: type, default: Any, words: str) -> Any:
        if key not in self.data:
            if default is not _REQUIRED:
                return default
            self.fail(key, "missing")
        value = self.data[key]
        # bool is an int and datetime is a date in Python; neither is what a rule set means.
        wrong_int = kind is int and isinstance(value, bool)
        wrong_date = kind is dt.date and isinstance(value, dt.datetime)
        if not isinstance(value, kind) or wrong_int or wrong_date:
            self.fail(key, f"must be {words}, not {value!r}")
        return value

    def text(self, key: str) -> str:
        value = self.get(key, str, _REQUIRED, "text")
        if not value.strip():
            self.fail(key, "must not be empty")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.get(key, str, None, "text")

    def number(self, key: str, *, default: Any = _REQUIRED, least: int = 1) -> int:
        value = self.get(key, int, default, "a whole number")
        if value < least:
            self.fail(key, f"must be at least {least}, not {value}")
        return value

    def flag(self, key: str, default: Any = _REQUIRED) -> bool:
        return self.get(key, bool, default, "true or false")

    def date(self, key: str) -> dt.date:
        return self.get(key, dt.date, _REQUIRED, "a date written like 2016-12-01")

    def tables(self, key: str, *, required: bool = True) -> list[Table]:
        items = self.get(key, list, _REQUIRED if required else [], "a list of tables ([[...]])")
        if required and not items:
            self.fail(key, "must not be empty")
        return [
            Table(self.path, item, f"{self.where + '.' if self.where else ''}{key}[{i}]")
            for i, item in enumerate(items)
        ]
