"""Run a partnership's strategic assessment: inputs from the registry, figures from `analysis`."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from django.utils import timezone

from cspmonitor.analysis.areas import partnership_area
from cspmonitor.analysis.assessment import AssessmentInputs, Progress, run_assessment
from cspmonitor.analysis.assessment_inputs import national_inputs
from cspmonitor.analysis.assessment_spatial import spatial_stages
from cspmonitor.background import failure_message
from cspmonitor.crime.drawings import keep_drawings
from cspmonitor.crime.models import Assessment, financial_year_months
from cspmonitor.crime.services import crime_store
from cspmonitor.partnership.reference import reference_dir

log = logging.getLogger(__name__)


class AssessmentNotPossible(ValueError):
    """The partnership lacks something the assessment needs; the message says what."""


def inputs_for(partnership, year: str) -> AssessmentInputs:
    first, last = financial_year_months(year)
    districts = partnership.districts()
    forces = partnership.police_uk_forces()
    if not districts:
        raise AssessmentNotPossible(f"{partnership} has no districts recorded.")
    if not forces:
        raise AssessmentNotPossible(f"{partnership} has no police force area with a police.uk force.")
    ref = reference_dir()
    area = partnership_area(ref, districts, partnership.explicit_lsoa_codes())
    return national_inputs(ref, partnership.name, area, forces, first, last)


def compute(assessment: Assessment, on_progress: Progress | None = None) -> Assessment:
    """Compute ``assessment`` in place, recording progress, the result or the error.

    Progress goes to the record (the page polls it) and to ``on_progress`` if given.
    """

    def progress(percent: int, stage: str) -> None:
        assessment.report_progress(percent, stage)
        if on_progress:
            on_progress(percent, stage)

    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.RUNNING)
    try:
        inputs = inputs_for(assessment.partnership, assessment.year)
        result = run_assessment(
            crime_store(),
            inputs,
            progress=progress,
            extra_stages=spatial_stages(reference_dir()),
        )
    except Exception as error:
        log.exception("The assessment %s failed", assessment.pk)
        assessment.status = Assessment.Status.FAILED
        assessment.error = failure_message(error, "computing this assessment", assessment.pk)
    else:
        assessment.status, assessment.result = Assessment.Status.DONE, result
        assessment.progress, assessment.stage = 100, "Done"
    assessment.finished_at = timezone.now()
    assessment.save()
    if assessment.status == Assessment.Status.DONE:
        keep_drawings(assessment)
    return assessment


def write_outputs(assessment: Assessment, out_dir: Path) -> list[Path]:
    """assessment.json with every figure, the charts as SVG, and the map layers and map."""
    from cspmonitor.crime import charts, maps

    out_dir.mkdir(parents=True, exist_ok=True)
    result = assessment.result
    if result is None:
        raise AssessmentNotPossible("The assessment has no result to write.")
    written = [out_dir / "assessment.json"]
    written[0].write_text(json.dumps(result, indent=1, allow_nan=False), encoding="utf-8")
    for name, draw in charts.CHARTS.items():
        path = out_dir / f"chart-{name}.svg"
        path.write_text(draw(result), encoding="utf-8")
        written.append(path)
    layer = maps.lsoa_layer(result, reference_dir())
    cells = maps.hotspot_cells_layer(result)
    for name, content in [
        ("map-lsoa-rates.geojson", json.dumps(layer)),
        ("map-hotspot-cells.geojson", json.dumps(cells)),
        ("map.svg", maps.static_map_svg(layer, cells)),
    ]:
        (out_dir / name).write_text(content, encoding="utf-8")
        written.append(out_dir / name)
    return written
