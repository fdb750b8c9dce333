"""The reference-data directory (``REFERENCE_DATA_DIR``) as the web app uses it.

The files are read by `cspmonitor.analysis.geography`; this module only finds the directory
and shapes what pages need. Nothing here reaches the network.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from cspmonitor.analysis import boundaries21
from cspmonitor.analysis.geography import ReferenceDataError

__all__ = ["ReferenceDataError", "district_boundaries", "reference_dir"]


def reference_dir() -> Path:
    """The configured directory, or a `ReferenceDataError` saying how to configure it."""
    if settings.REFERENCE_DATA_DIR is None:
        raise ReferenceDataError(
            "REFERENCE_DATA_DIR is not set and ../shared/data does not exist: the ONS lookups, "
            "populations and boundaries are needed."
        )
    return Path(settings.REFERENCE_DATA_DIR)


def district_boundaries(codes: list[str]) -> dict:
    """The named districts (May 2024 boundaries, so April 2023 codes) with a code and a name each."""
    return boundaries21.district_collection(reference_dir(), codes)
