"""The strategic assessment as an officer and a viewer meet it, in Chromium with axe-core."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from cspmonitor.accounts.two_factor import ensure_backup_codes
from tests.browser.conftest import assert_accessible, sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_viewer_reads_a_finished_assessment_with_its_charts_and_map(page, live_server, assessed):
    viewer = assessed.partnership.memberships.get(role="viewer").user
    sign_in_with_password(page, live_server, viewer.email)
    page.goto(live_server.url + assessed.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Strategic assessment 2022-23"
    page.wait_for_selector("#assessment-map[data-loaded='219']")
    assert page.locator("#assessment-map path.leaflet-interactive").count() >= 219
    for image in page.locator("figure img").all():
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), image.get_attribute("src")
    assert page.locator("#assessment-map-legend li").count() == 6
    assert_accessible(page)


def test_an_officer_starts_an_assessment_and_watches_it_finish(
    page, live_server, demo, demo_crime_store, settings
):
    settings.CRIME_STORE_DIR = demo_crime_store.root
    code = ensure_backup_codes(demo.officer)[0]
    sign_in_with_password(page, live_server, demo.officer.email, backup_code=code)
    page.goto(live_server.url + reverse("crime:assessments", args=[demo.partnership.slug]))
    assert_accessible(page)
    page.get_by_label("Financial year").select_option("2022-23")
    page.get_by_role("button", name="Run the assessment").click()
    page.get_by_text("This page updates itself").wait_for()
    assert_accessible(page)
    # The background worker picks the task up; the page notices and shows the result.
    call_command("db_worker", "--batch", "--no-startup-delay")
    page.wait_for_selector("#assessment-map", timeout=30_000)
    assert "crimes and anti-social behaviour incidents were recorded" in page.inner_text("main")
