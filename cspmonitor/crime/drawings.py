"""An assessment's charts and map layers, drawn once when it is computed and kept.

Drawing a chart took seconds, and the assessment page asked for several on every visit; now
`keep_drawings` draws each once (when the assessment finishes) and the pages serve the kept
text. An assessment computed before drawings were kept has each drawn at its first request.
"""

from __future__ import annotations

import json
import logging

from django.db import IntegrityError, transaction

from cspmonitor.crime.models import Assessment, AssessmentDrawing

log = logging.getLogger(__name__)


def drawing_names() -> list[str]:
    """'chart:<name>' (SVG text) and 'layer:<name>' (GeoJSON text)."""
    from cspmonitor.crime import charts

    return [f"chart:{name}" for name in charts.CHARTS] + ["layer:lsoas", "layer:hotspot-cells"]


def draw(result: dict, name: str) -> str:
    """One drawing of a finished result, as text."""
    from cspmonitor.crime import charts, maps
    from cspmonitor.partnership.reference import reference_dir

    kind, _, which = name.partition(":")
    if kind == "chart":
        return charts.CHARTS[which](result)
    if which == "lsoas":
        return json.dumps(maps.lsoa_layer(result, reference_dir()))
    if which == "hotspot-cells":
        return json.dumps(maps.hotspot_cells_layer(result))
    raise KeyError(name)


def keep_drawings(assessment: Assessment) -> None:
    """Draw and keep every drawing of a finished assessment (a failed one is drawn when asked)."""
    for name in drawing_names():
        try:
            content = draw(dict(assessment.result or {}), name)
        except Exception:  # the page draws it when asked; the log says why it failed here
            log.exception("Drawing %s of assessment %s failed", name, assessment.pk)
            continue
        AssessmentDrawing.objects.update_or_create(
            assessment=assessment, name=name, defaults={"content": content}
        )


def drawing(assessment: Assessment, name: str) -> str:
    """The kept drawing, drawn and kept now if it is missing."""
    kept = AssessmentDrawing.objects.filter(assessment=assessment, name=name).values_list(
        "content", flat=True
    )
    if kept:
        return kept[0]
    content = draw(dict(assessment.result or {}), name)
    try:
        with transaction.atomic():
            AssessmentDrawing.objects.create(assessment=assessment, name=name, content=content)
    except IntegrityError:
        pass  # another request kept the same drawing first
    return content
