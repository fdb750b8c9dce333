"""Reports in Chromium: the reports page, a finished version, and the web edition itself, with axe-core."""

from __future__ import annotations

import pytest

from cspmonitor.reports import services
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_reports_pages_and_the_public_web_edition_are_accessible(officer_page, live_server, demo):
    report = services.generate(
        services.start(demo.partnership, kind="annual", year="2022-23", edition="public", file_format="html")
    )
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/reports/")
    assert page.get_by_role("heading", level=1).inner_text() == "Reports"
    assert_accessible(page)
    page.get_by_role("link", name="Annual monitoring report to scrutiny 2022-23").first.click()
    assert page.get_by_role("link", name="Download the Web page (HTML) file").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Read it in the browser").click()
    page.wait_for_url(f"**/reports/{report.pk}/read/")
    assert "annual monitoring report 2022-23" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_text("Update on the work streams").first.is_visible()
    assert_accessible(page)


def test_a_restricted_web_edition_is_accessible_too(officer_page, live_server, demo):
    report = services.generate(
        services.start(
            demo.partnership, kind="annual", year="2022-23", edition="restricted", file_format="html"
        )
    )
    officer_page.goto(f"{live_server.url}/p/{demo.partnership.slug}/reports/{report.pk}/read/")
    assert officer_page.get_by_text("WS-DHR-2021-01").first.is_visible()
    assert_accessible(officer_page)
