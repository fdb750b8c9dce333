"""Typed readers for settings that come from the environment.

Each reader records the variable it reads in ``DOCUMENTED``, so a test can check
that every setting appears in the README's configuration reference and in
``.env.example``. A value that cannot be parsed stops start-up with a message
naming the variable and what was expected: a typo must never become a silent
default.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

#: Every environment variable the settings read, in the order they are read.
DOCUMENTED: list[str] = []

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    if name not in DOCUMENTED:
        DOCUMENTED.append(name)
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name: str, default: str = "") -> str:
    """A string; the default when the variable is unset or blank."""
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    """A yes/no value written as true/false, yes/no, on/off or 1/0."""
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (got {value!r}).")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """A whole number, optionally no smaller than ``minimum``."""
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (got {value!r}).") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum} (got {number}).")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; blanks between commas are ignored."""
    value = _raw(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, default: Path | None) -> Path | None:
    """A filesystem path; relative paths are taken from the current directory."""
    value = _raw(name)
    if value is None:
        return default
    return Path(value).expanduser().resolve()
