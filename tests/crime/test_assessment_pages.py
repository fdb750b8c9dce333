from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cspmonitor.crime.models import Assessment
from tests.conftest import sign_in


def _url(name, assessment, *extra):
    return reverse(f"crime:{name}", args=[assessment.partnership.slug, assessment.pk, *extra])


def test_a_finished_assessment_shows_its_headline_coverage_and_regulation_5_panel(client, assessed):
    sign_in(client, assessed.partnership.memberships.get(role="viewer").user)
    body = client.get(assessed.get_absolute_url()).content.decode()
    total = next(
        t for t in assessed.result["totals"] if t["area"] == "all" and t["crime_type"] == "All crime and ASB"
    )
    assert f"{total['current']:,} crimes and anti-social behaviour incidents" in body
    assert "Regulation 5 completeness" in body
    assert "All months from 2021-04 to 2023-03 are present." in body
    assert "Mapped on 219 LSOAs (2021); deprivation: IoD 2025." in body


def test_the_planted_shoplifting_rise_appears_as_an_emerging_issue(client, assessed):
    sign_in(client, assessed.partnership.memberships.get(role="viewer").user)
    body = client.get(assessed.get_absolute_url()).content.decode()
    emerging = body[body.index('id="emerging"') : body.index('id="trend"')]
    assert "West Suffolk" in emerging and "Shoplifting" in emerging


def test_charts_map_layers_and_json_are_served_to_members(client, assessed):
    sign_in(client, assessed.partnership.memberships.get(role="viewer").user)
    for name in ["trend", "changes", "small-multiples"]:
        response = client.get(_url("assessment_chart", assessed, name))
        assert response["Content-Type"] == "image/svg+xml"
        assert response.content.startswith(b"<?xml")
    lsoas = client.get(_url("assessment_map_layer", assessed, "lsoas")).json()
    assert len(lsoas["features"]) == 219  # the partnership's LSOAs (2021)
    assert all(f["properties"]["fill"].startswith("#") for f in lsoas["features"])
    cells = client.get(_url("assessment_map_layer", assessed, "hotspot-cells")).json()
    assert any(f["properties"]["class"] == "hot" for f in cells["features"])
    download = client.get(_url("assessment_json", assessed))
    assert download.json()["year"] == {"first_month": "2022-04", "last_month": "2023-03"}


def test_an_outsider_gets_nothing_of_an_assessment(client, assessed, demo):
    sign_in(client, demo.outsider)
    for url in [
        assessed.get_absolute_url(),
        _url("assessment_json", assessed),
        _url("assessment_chart", assessed, "trend"),
        _url("assessment_status", assessed),
        reverse("crime:assessments", args=[assessed.partnership.slug]),
    ]:
        assert client.get(url).status_code == 404, url


def test_a_viewer_cannot_start_an_assessment(client, assessed, demo):
    sign_in(client, demo.viewer)
    response = client.post(reverse("crime:assessment_run", args=[demo.partnership.slug]), {"year": "2022-23"})
    assert response.status_code == 403


# The worker closes its database connection when it finishes, as a separate process would;
# that needs a test whose data are committed, not one wrapped in a transaction.
@pytest.mark.django_db(transaction=True)
def test_an_officer_starts_an_assessment_that_a_background_worker_completes(
    client, demo, demo_crime_store, settings
):
    settings.CRIME_STORE_DIR = demo_crime_store.root
    sign_in(client, demo.officer)
    listing = client.get(reverse("crime:assessments", args=[demo.partnership.slug])).content.decode()
    assert '<option value="2022-23">' in listing  # the only complete financial year held
    response = client.post(reverse("crime:assessment_run", args=[demo.partnership.slug]), {"year": "2022-23"})
    assessment = Assessment.objects.get()
    assert response["Location"] == assessment.get_absolute_url()
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "This page updates itself" in page
    assert client.get(_url("assessment_status", assessment)).json()["status"] == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assessment.refresh_from_db()
    assert assessment.status == "done" and assessment.progress == 100
    assert client.get(_url("assessment_status", assessment)).json()["status"] == "done"


def test_a_year_the_store_does_not_hold_is_refused_with_a_message(client, demo, demo_crime_store, settings):
    settings.CRIME_STORE_DIR = demo_crime_store.root
    sign_in(client, demo.officer)
    response = client.post(reverse("crime:assessment_run", args=[demo.partnership.slug]), {"year": "2019-20"})
    assert response.status_code == 400
    assert "Select a financial year the crime store holds" in response.content.decode()
    assert not Assessment.objects.exists()
