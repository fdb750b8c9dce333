"""Keeping pyarrow from importing pandas in a short command-line process.

The first time pyarrow builds an array it imports pandas, if pandas is installed, only to ask
whether its input is a pandas object. That import costs more than reading a force-year of
police.uk files (about 0.3 s of a 0.5 s ``import_police_uk``). The import never gives pyarrow
pandas objects, so a command-line run tells pyarrow once that pandas is absent.

Only for processes that will not want pyarrow's pandas conversions (``Table.to_pandas`` fails
afterwards); pandas itself can still be imported and used directly.
"""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder


def skip_pyarrow_pandas_probe() -> bool:
    """Make pyarrow settle, once per process, that pandas is absent; True if it now has.

    False when pandas or pyarrow's pandas support has already been imported: then there is
    nothing to save and nothing is changed.
    """
    if "pandas" in sys.modules or "pyarrow.pandas_compat" in sys.modules:
        return False
    import pyarrow as pa

    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([0])  # pyarrow's one attempt to import pandas, remembered for the process
    finally:
        sys.meta_path.remove(_NoPandas)
    return "pandas" not in sys.modules


class _NoPandas(MetaPathFinder):
    """An import finder that says pandas cannot be imported (in place only during the probe)."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname == "pandas" or fullname.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None
