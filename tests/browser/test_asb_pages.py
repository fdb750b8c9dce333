"""The ASB Case Review pages in Chromium: an officer works through them, and axe-core finds nothing."""

from __future__ import annotations

import pytest

from cspmonitor.reviews.asb.models import CaseReviewApplication
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_list_shows_the_applications(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/asb-case-reviews/")
    assert page.get_by_role("heading", level=1).inner_text() == "ASB Case Reviews"
    assert page.locator("#applications").get_by_role("link", name="WS-ASB-2022-05").is_visible()
    assert_accessible(page)


def test_the_threshold_screen_explains_each_complaint(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/asb-case-reviews/")
    page.locator("#applications").get_by_role("link", name="WS-ASB-2022-05").click()
    assert page.get_by_role("heading", level=1).inner_text() == "WS-ASB-2022-05"
    assert "Five reports by several people" in page.locator("#threshold-result").inner_text()
    assert page.locator("#explanations li").count() == 5
    assert page.locator("#clocks tbody tr").count() == 3
    assert_accessible(page)


def test_a_wrong_decision_is_refused_with_the_error_summary(officer_page, live_server, demo):
    page = officer_page
    application = CaseReviewApplication.objects.get(reference="WS-ASB-2022-01")
    page.goto(live_server.url + application.get_absolute_url())
    page.get_by_label("Threshold not met").check()
    page.get_by_role("button", name="Record the decision").click()
    assert "must be treated as met" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)


def test_the_figures_page_is_accessible(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/asb-case-reviews/figures/?year=2022-23")
    assert page.get_by_role("heading", level=1).inner_text() == "ASB Case Review figures 2022-23"
    assert page.locator("#figures tbody tr").count() == 4
    assert_accessible(page)
