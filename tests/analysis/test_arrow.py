"""Keeping pyarrow from importing pandas in a command-line import (see cspmonitor/analysis/arrow.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> str:
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603
    return result.stdout.strip()


def test_after_the_probe_is_skipped_arrow_work_never_imports_pandas_yet_pandas_still_imports():
    output = _python(
        "import sys\n"
        "from cspmonitor.analysis.arrow import skip_pyarrow_pandas_probe\n"
        "print(skip_pyarrow_pandas_probe())\n"
        "import pyarrow as pa, pyarrow.compute as pc\n"
        "pc.sum(pa.array([1, 2, 3]))\n"
        "print('pandas' in sys.modules)\n"
        "import pandas\n"
        "print(pandas.Series([1, 2]).sum())\n"
    )
    assert output.splitlines() == ["True", "False", "3"]


def test_without_the_probe_skipped_pyarrow_imports_pandas_on_its_first_array():
    # What the helper is for: if pyarrow stops doing this, the helper can go.
    output = _python("import sys, pyarrow as pa\npa.array([1])\nprint('pandas' in sys.modules)")
    assert output == "True"


def test_once_pandas_is_loaded_the_probe_changes_nothing():
    output = _python(
        "import pandas, pyarrow as pa\n"
        "from cspmonitor.analysis.arrow import skip_pyarrow_pandas_probe\n"
        "print(skip_pyarrow_pandas_probe())\n"
        "print(type(pa.table({'a': [1]}).to_pandas()).__name__)\n"
    )
    assert output.splitlines() == ["False", "DataFrame"]
