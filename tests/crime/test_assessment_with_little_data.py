"""An assessment finishes however little data the partnership holds, and says what it lacks.

Every new partnership starts with a month or two of police.uk data: the figures that need
more (a change on last year, a seasonal baseline, a hotspot trend, a Knox test) say "Not
enough data yet: needs ..." on the page, in the JSON and in the document, while the rest of
the assessment is computed as usual.
"""

from __future__ import annotations

import html
import shutil

import pytest

from cspmonitor.analysis.assessment_emerging import FALSE_ALARM_SENTENCE
from cspmonitor.analysis.importer import import_police_uk
from cspmonitor.analysis.store import CrimeStore
from cspmonitor.analysis.synthetic import generate_police_uk
from cspmonitor.crime.assessment import compute, write_outputs
from cspmonitor.crime.models import Assessment
from cspmonitor.reports.blocks import Paragraph
from cspmonitor.reports.builders.assessment import build_assessment_document
from tests.conftest import sign_in
from tests.reference import REFERENCE_DIR

NOT_ENOUGH = "Not enough data yet: needs"


def _store(tmp_path, months, drop=()):
    folder = tmp_path / "police-uk"
    generate_police_uk(folder, forces=["suffolk"], months=months, seed=5, reference_dir=REFERENCE_DIR)
    for month in drop:  # a month police.uk never published
        shutil.rmtree(folder / month)
    store = CrimeStore(tmp_path / "store")
    import_police_uk([folder], store)
    return store


def _assess(demo, settings, store):
    settings.CRIME_STORE_DIR = store.root
    return compute(Assessment.objects.create(partnership=demo.partnership, year="2022-23"))


def _document_text(assessment) -> str:
    document = build_assessment_document(assessment)
    return "\n".join(block.text for _, block in document.walk() if isinstance(block, Paragraph))


def test_an_assessment_of_one_month_finishes_and_each_stage_says_what_it_needs(
    client, demo, settings, tmp_path
):
    assessment = _assess(demo, settings, _store(tmp_path, ("2023-03", "2023-03")))
    assert assessment.status == Assessment.Status.DONE, assessment.error
    result = assessment.result
    assert result["changes"]["rows"] == []
    assert result["changes"]["not_enough_data"].startswith(f"{NOT_ENOUGH} at least one month of the previous")
    assert result["emerging"]["not_enough_data"].startswith(NOT_ENOUGH)
    for key in ("hotspots_lsoa", "hotspots_grid"):
        assert result[key]["trend_not_enough_data"].startswith(NOT_ENOUGH), key
        assert "not_enough_data" not in result[key]  # one month is enough for this year's map
    assert result["hotspots_grid"]["cells"] > 0
    assert set(result["near_repeats"]["not_enough_data"]) == {"Burglary", "Vehicle crime"}
    assert result["near_repeats"]["by_type"] == {}
    sign_in(client, demo.officer)
    body = client.get(assessment.get_absolute_url()).content.decode()
    assert body.count(NOT_ENOUGH) >= 5
    assert "the year before" not in body  # no comparison with a year the store lacks
    assert FALSE_ALARM_SENTENCE in html.unescape(body)  # what "emerging" means, and its rate
    text = _document_text(assessment)
    assert result["changes"]["not_enough_data"] in text
    assert result["emerging"]["not_enough_data"] in text
    assert FALSE_ALARM_SENTENCE in text
    written = write_outputs(assessment, tmp_path / "out")
    assert all(path.stat().st_size > 0 for path in written)


def test_an_assessment_with_nothing_in_its_year_finishes_with_no_hotspots(demo, settings, tmp_path):
    # The store holds the year before only: nothing to map this year.
    assessment = _assess(demo, settings, _store(tmp_path, ("2021-04", "2021-06")))
    assert assessment.status == Assessment.Status.DONE, assessment.error
    for key in ("hotspots_lsoa", "hotspots_grid"):
        assert assessment.result[key]["not_enough_data"].startswith(NOT_ENOUGH)
    assert assessment.result["changes"]["not_enough_data"].startswith(NOT_ENOUGH)
    assert "Not enough data yet" in _document_text(assessment)


@pytest.mark.parametrize(
    ("months", "drop"),
    [
        (("2022-04", "2023-03"), ()),  # this year only
        (("2021-10", "2023-03"), ("2022-02", "2022-12")),  # half of last year, with gaps
    ],
)
def test_an_assessment_with_a_year_or_gaps_finishes(demo, settings, tmp_path, months, drop):
    assessment = _assess(demo, settings, _store(tmp_path, months, drop))
    assert assessment.status == Assessment.Status.DONE, assessment.error
    build_assessment_document(assessment)
