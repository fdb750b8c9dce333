import doctest
import importlib

import pytest

from tests.reference import REFERENCE_DIR

MODULES = [
    "cspmonitor.analysis.change",
    "cspmonitor.analysis.multiple",
    "cspmonitor.analysis.policeuk",
    "cspmonitor.analysis.policeuk_files",
    "cspmonitor.analysis.policeuk_rules",
    "cspmonitor.analysis.seasonal",
    "cspmonitor.analysis.coverage",
    "cspmonitor.analysis.grid",
    "cspmonitor.analysis.hotspots",
    "cspmonitor.analysis.nearrepeat",
    "cspmonitor.analysis.kde",
    "cspmonitor.analysis.outcomes",
    "cspmonitor.analysis.recording_change",
    "cspmonitor.analysis.download_dates",
    "cspmonitor.analysis.national",
    "cspmonitor.analysis.policeuk_archive",
]


@pytest.mark.parametrize("name", MODULES)
def test_its_docstring_examples_give_the_figures_they_show(name):
    # Examples that read data find it through REFERENCE_DIR, the configured reference data.
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS, extraglobs={"REFERENCE_DIR": REFERENCE_DIR}
    )
    assert attempted > 0, f"{name} has no docstring examples"
    assert failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_every_public_function_has_a_docstring(name):
    module = importlib.import_module(name)
    public = [
        value
        for key, value in vars(module).items()
        if not key.startswith("_") and callable(value) and value.__module__ == name
    ]
    assert public
    assert [f.__name__ for f in public if not (f.__doc__ or "").strip()] == []
