"""The error pages in Chromium: GOV.UK styled, saying what to do next, and axe-core finds nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import assert_accessible, sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_not_found_page_is_accessible(page, live_server):
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert page.get_by_role("link", name="Go to the start page").count() == 1
    assert_accessible(page)


def test_the_forbidden_page_is_accessible_and_leads_back_to_the_partnership(page, live_server, demo):
    sign_in_with_password(page, live_server, demo.viewer.email)
    url = reverse("partnership:organisation_create", args=[demo.partnership.slug])
    response = page.goto(live_server.url + url)
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "You do not have permission to do this"
    page.get_by_role("link", name=f"Go back to {demo.partnership.short_name}").click()
    assert page.get_by_role("heading", level=1).inner_text() == demo.partnership.name
    page.go_back()
    assert_accessible(page)
