"""The statutory review pages in Chromium: they work as an officer uses them, and axe-core finds nothing."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_review_list_puts_the_overdue_review_first(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/reviews/")
    assert page.get_by_role("heading", level=1).inner_text() == "Statutory reviews"
    rows = page.locator("#dhr-table tbody tr")
    assert rows.nth(0).get_by_role("link").inner_text() == "WS-DHR-2021-01"
    assert "Overdue" in rows.nth(0).inner_text()
    assert "With the Home Office" in rows.nth(1).inner_text()
    assert_accessible(page)


def test_a_review_page_shows_its_timeline(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/reviews/")
    page.get_by_role("link", name="WS-DHR-2021-01").click()
    assert page.get_by_role("heading", level=1).inner_text() == "WS-DHR-2021-01"
    timeline = page.get_by_role("list", name="Timeline of the review, earliest first")
    assert timeline.get_by_role("heading", name="Paused for criminal proceedings").is_visible()
    assert timeline.get_by_role("heading", name="Restarted after inquest").is_visible()
    assert_accessible(page)


def test_an_officer_pauses_a_review_and_restarts_it(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/reviews/")
    page.get_by_role("link", name="WS-DHR-2020-01").click()
    page.get_by_role("link", name="Pause the review").click()
    page.get_by_role("button", name="Save").click()
    assert "Select why the review is paused" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Other").check()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year", exact=True).fill("2023")
    page.get_by_role("button", name="Save").click()
    assert "The review was paused." in page.locator(".govuk-notification-banner").inner_text()
    assert "Paused" in page.locator(".govuk-body-l").inner_text()
    page.get_by_role("link", name="Restart the review").click()
    assert_accessible(page)


def test_the_review_form_and_the_serious_violence_duty_page_are_accessible(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/reviews/")
    page.get_by_role("link", name="Add a domestic homicide review").click()
    page.get_by_role("button", name="Save").click()
    assert "Enter the case reference" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/reviews/serious-violence-duty/")
    assert page.get_by_role("link", name="Serious Violence Duty").first.is_visible()
    assert_accessible(page)
