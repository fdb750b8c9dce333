"""District boundaries for partnership maps, read from the reference-data directory.

The directory is the one configured by ``REFERENCE_DATA_DIR``; nothing here
reaches the network.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings

LAD_BOUNDARIES = Path(
    "boundaries/lad_dec2022_uk_buc/Local_Authority_Districts_(December_2022)_Boundaries_UK_BUC.geojson"
)


class ReferenceDataMissing(LookupError):
    """A reference file the page needs is not in the reference-data directory."""


def reference_path(relative: Path) -> Path:
    root = settings.REFERENCE_DATA_DIR
    if root is None:
        raise ReferenceDataMissing("REFERENCE_DATA_DIR is not set and ../shared/data does not exist.")
    path = Path(root) / relative
    if not path.is_file():
        raise ReferenceDataMissing(f"{relative} is not in the reference-data directory {root}.")
    return path


@lru_cache(maxsize=2)
def _lad_features(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return {feature["properties"]["LAD22CD"]: feature for feature in collection["features"]}


def district_boundaries(codes: list[str]) -> dict:
    """A GeoJSON FeatureCollection of the named districts (December 2022 boundaries).

    Codes absent from the boundary file are left out; the caller compares
    ``len(features)`` with the codes it asked for.
    """
    features = _lad_features(reference_path(LAD_BOUNDARIES))
    chosen = []
    for code in codes:
        if code in features:
            feature = features[code]
            chosen.append(
                {
                    "type": "Feature",
                    "geometry": feature["geometry"],
                    "properties": {"code": code, "name": feature["properties"]["LAD22NM"]},
                }
            )
    return {"type": "FeatureCollection", "features": chosen}
