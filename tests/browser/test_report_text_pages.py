"""The report's wording in Chromium: the overview, a section's form with its error summary, and the
section's history, each checked with axe-core."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_rewords_the_risks_and_every_page_on_the_way_is_accessible(
    officer_page, live_server, demo
):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/reports/")
    page.get_by_role("link", name="Edit the report's wording").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Report wording"
    assert page.get_by_text("OAS/WS/23/012").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Change 5. Risks associated with the proposals").click()
    risks = page.get_by_label("Risks")
    risks.fill("x" * 4001)
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    assert "Risks must be 4,000 characters or fewer" in summary.inner_text()
    assert_accessible(page)

    risks.fill("Funding for the outreach team ends in March.\nTwo partners are restructuring.")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("your changes were saved").is_visible()
    assert page.get_by_text("Two partners are restructuring.").is_visible()

    page.get_by_role("link", name="History of 5. Risks associated with the proposals").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Change history"
    assert page.get_by_role("cell", name="Olu Officer").is_visible()
    assert_accessible(page)
