"""The plain-Python packages stand on their own: `cspmonitor/analysis` (crime statistics) and
`cspmonitor/reviews/rules` (statutory rule sets) import nothing from Django, nor from the
Django apps around them, so they can be used and tested anywhere.

`make check` runs this file before the suite; it is part of the suite too.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import cspmonitor

ROOT = Path(cspmonitor.__file__).resolve().parent
PLAIN_PACKAGES = ["cspmonitor.analysis", "cspmonitor.reviews.rules", "cspmonitor.panels.rules"]


def _modules(package: str) -> list[str]:
    folder = ROOT.joinpath(*package.split(".")[1:])
    return [package] + [info.name for info in pkgutil.walk_packages([str(folder)], prefix=f"{package}.")]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _source(module: str) -> Path | None:
    """The file of one of the project's modules, or None for a package's own name or another's."""
    parts = module.split(".")
    if parts[0] != "cspmonitor":
        return None
    base = ROOT.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _django_imports(path: Path, seen: set[Path] | None = None) -> set[str]:
    """Every import of Django reached from ``path``, following the project's own modules."""
    seen = set() if seen is None else seen
    if path in seen:
        return set()
    seen.add(path)
    found: set[str] = set()
    for name in _imports(path):
        if name.split(".")[0] == "django":
            found.add(f"{path.relative_to(ROOT.parent)}: {name}")
        elif (source := _source(name)) is not None:
            found |= _django_imports(source, seen)
    return found


@pytest.mark.parametrize("package", PLAIN_PACKAGES)
def test_it_names_no_django_import_in_any_module_of(package):
    folder = ROOT.joinpath(*package.split(".")[1:])
    seen: set[Path] = set()
    offending = set().union(*(_django_imports(path, seen) for path in sorted(folder.rglob("*.py"))))
    assert offending == set()


@pytest.mark.parametrize("package", PLAIN_PACKAGES)
def test_importing_every_module_of_it_loads_no_django(package):
    modules = _modules(package)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "[]"


def test_the_static_check_follows_the_projects_own_modules_to_django():
    # A plain module that imports one of the Django apps is caught through that app's imports.
    module = ROOT / "crime" / "models.py"
    assert any(": django" in line for line in _django_imports(module))
    assert _django_imports(ROOT / "periods.py") == set()
