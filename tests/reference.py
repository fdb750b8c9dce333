"""Where the tests find the reference data: REFERENCE_DATA_DIR, else ../shared/data.

The data is never copied into the repository. When it is missing the tests fail with this
message rather than being skipped: a suite that skips its data tests proves nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DIR = Path(os.environ.get("REFERENCE_DATA_DIR") or ROOT.parent / "shared" / "data")
if not REFERENCE_DIR.is_dir():
    raise RuntimeError(
        f"The reference data is not at {REFERENCE_DIR}: put shared/ beside the repository "
        "or set REFERENCE_DATA_DIR."
    )
SAMPLE_DIR = REFERENCE_DIR / "police_uk_sample"
SAMPLE = SAMPLE_DIR / "2023-03" / "2023-03-suffolk-street.csv"
