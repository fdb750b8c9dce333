"""The rules package stands on its own: no Django, documented public functions, working examples."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys

import pytest

MODULES = [
    "cspmonitor.reviews.rules.workdays",
    "cspmonitor.reviews.rules.rulesets",
    "cspmonitor.reviews.rules.clocks",
    "cspmonitor.reviews.rules.calendar",
    "cspmonitor.reviews.rules.legal",
]


@pytest.mark.parametrize("name", MODULES)
def test_its_docstring_examples_give_the_dates_they_show(name):
    failed, attempted = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert attempted > 0, f"{name} has no docstring examples"
    assert failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_every_public_function_has_a_docstring(name):
    module = importlib.import_module(name)
    public = [
        value
        for key, value in vars(module).items()
        if not key.startswith("_") and callable(value) and getattr(value, "__module__", None) == name
    ]
    assert public
    assert [f.__name__ for f in public if not (f.__doc__ or "").strip()] == []


def test_it_never_imports_django():
    code = (
        "import sys, cspmonitor.reviews.rules, cspmonitor.reviews.rules.calendar; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "[]"
