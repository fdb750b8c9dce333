from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cspmonitor.crime.models import Assessment


def test_it_computes_the_assessment_and_writes_json_charts_and_maps(
    demo, demo_crime_store, settings, tmp_path
):
    settings.CRIME_STORE_DIR = demo_crime_store.root
    out = StringIO()
    call_command(
        "strategic_assessment",
        "--partnership",
        "western-suffolk",
        "--year",
        "2022-23",
        "--out",
        str(tmp_path / "sa"),
        stdout=out,
        stderr=StringIO(),
    )
    assert Assessment.objects.get().status == "done"
    written = {path.name for path in (tmp_path / "sa").iterdir()}
    assert {
        "assessment.json",
        "chart-trend.svg",
        "chart-changes.svg",
        "chart-small-multiples.svg",
        "map-lsoa-rates.geojson",
        "map-hotspot-cells.geojson",
        "map.svg",
    } <= written
    figures = json.loads((tmp_path / "sa" / "assessment.json").read_text(encoding="utf-8"))
    assert {
        "coverage",
        "totals",
        "changes",
        "rates",
        "emerging",
        "outcomes",
        "repeat_locations",
        "lsoas",
        "hotspots_lsoa",
        "hotspots_grid",
        "near_repeats",
        "regulation_5",
    } <= set(figures)
    assert "Western Suffolk Community Safety Partnership, 2022-23:" in out.getvalue()


def test_it_names_a_bad_year_and_an_unknown_partnership(db):
    with pytest.raises(CommandError, match="not a financial year written like 2022-23"):
        call_command("strategic_assessment", "--partnership", "western-suffolk", "--year", "2022")
    with pytest.raises(CommandError, match="no partnership with the slug 'nowhere'"):
        call_command("strategic_assessment", "--partnership", "nowhere", "--year", "2022-23")


def test_a_partnership_without_a_police_force_fails_with_the_reason(demo, settings):
    demo.partnership.areas.filter(kind="police_force_area").delete()
    with pytest.raises(CommandError, match="has no police force area with a police.uk force"):
        call_command(
            "strategic_assessment", "--partnership", "western-suffolk", "--year", "2022-23", stderr=StringIO()
        )
