"""The action plan pages in Chromium: they work as an officer uses them, and axe-core finds nothing."""

from __future__ import annotations

import pytest

from cspmonitor.plans.models import Action
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def loaded(image) -> bool:
    """True once the image has loaded and decoded (False if it failed to)."""
    return image.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)")


def test_the_dashboard_shows_the_plan_at_a_glance_with_its_chart(officer_page, live_server, demo):
    page = officer_page
    page.get_by_role("link", name="Action plan", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Action plan 2022-23"
    assert page.locator("#rag-table").get_by_role("link", name="Fraud").is_visible()
    chart = page.get_by_role("img", name="Bar chart of each priority's actions by RAG rating")
    assert loaded(chart)
    assert_accessible(page)


def test_a_priority_page_shows_its_actions_and_outputs_over_time(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/plan/")
    page.locator("#rag-table").get_by_role("link", name="Fraud").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Fraud"
    assert page.get_by_text("Adopted mid-year").is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/plan/")
    page.locator("#rag-table").get_by_role("link", name="Prevent").click()
    assert loaded(page.get_by_role("img", name="Bar charts of the outputs recorded"))
    assert_accessible(page)


def test_an_officer_writes_a_quarterly_update_and_sees_it_in_the_history(officer_page, live_server, demo):
    page = officer_page
    action = Action.objects.for_partnership(demo.partnership).filter(updates__isnull=False).first()
    page.goto(live_server.url + action.get_absolute_url())
    assert page.get_by_role("heading", name="Quarterly updates").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a quarterly update").click()
    page.get_by_role("button", name="Save the update").click()
    summary = page.locator(".govuk-error-summary")
    assert "Describe the progress made this quarter" in summary.inner_text()
    assert_accessible(page)
    page.get_by_label("Quarter", exact=True).select_option("2023-24 Q1")
    page.get_by_label("At risk").check()
    page.get_by_label("Red", exact=True).check()
    page.get_by_label("Reason for the RAG rating").fill("The funding ends in June.")
    page.get_by_label("Progress this quarter").fill("Sessions paused while funding is sought.")
    page.get_by_role("button", name="Save the update").click()
    assert "The update for Q1 2023-24" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("link", name="Change history").click()
    assert "Red" in page.locator("tbody").inner_text()
    assert_accessible(page)


def test_what_changed_this_quarter_is_accessible(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/plan/")
    page.get_by_role("link", name="What changed this quarter").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("What changed in Q4 2022-23")
    assert_accessible(page)
