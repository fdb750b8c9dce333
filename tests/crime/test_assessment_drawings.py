"""Charts and map layers are drawn once, when the assessment is computed, and served from storage."""

from __future__ import annotations

from django.urls import reverse

from cspmonitor.crime import charts, drawings, maps
from cspmonitor.crime.models import AssessmentDrawing
from tests.conftest import sign_in


def _url(name, assessment, *extra):
    return reverse(f"crime:{name}", args=[assessment.partnership.slug, assessment.pk, *extra])


def test_computing_an_assessment_keeps_every_drawing(assessed):
    kept = set(AssessmentDrawing.objects.filter(assessment=assessed).values_list("name", flat=True))
    assert kept == set(drawings.drawing_names())


def test_pages_serve_the_kept_drawings_without_drawing_again(client, assessed, monkeypatch):
    def no_drawing(*args, **kwargs):
        raise AssertionError("a page drew a chart or map layer")

    monkeypatch.setattr(charts, "CHARTS", dict.fromkeys(charts.CHARTS, no_drawing))
    monkeypatch.setattr(maps, "lsoa_layer", no_drawing)
    monkeypatch.setattr(maps, "hotspot_cells_layer", no_drawing)
    sign_in(client, assessed.partnership.memberships.get(role="viewer").user)
    trend = client.get(_url("assessment_chart", assessed, "trend"))
    assert trend.status_code == 200
    assert (
        trend.content.decode()
        == AssessmentDrawing.objects.get(assessment=assessed, name="chart:trend").content
    )
    assert (
        len(client.get(_url("assessment_map_layer", assessed, "lsoas")).json()["features"]) == 219
    )  # the 2021 LSOAs of the three districts


def test_a_missing_drawing_is_drawn_at_its_first_request_and_kept(client, assessed):
    AssessmentDrawing.objects.filter(assessment=assessed, name="chart:changes").delete()
    sign_in(client, assessed.partnership.memberships.get(role="viewer").user)
    response = client.get(_url("assessment_chart", assessed, "changes"))
    assert response.content.startswith(b"<?xml")
    assert AssessmentDrawing.objects.filter(assessment=assessed, name="chart:changes").exists()
