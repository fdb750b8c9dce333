"""The access log of restricted records and the page that declassifies an action, in Chromium:
they work and axe-core finds nothing, errors included."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.accounts.two_factor import ensure_backup_codes
from cspmonitor.plans.models import Action
from tests.browser.conftest import assert_accessible, sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_filters_the_access_log_accessibly(page, live_server, demo):
    vawg5 = Action.objects.for_partnership(demo.partnership).get(reference="VAWG-5")
    code = ensure_backup_codes(demo.administrator)[0]
    sign_in_with_password(page, live_server, demo.administrator.email, backup_code=code)
    page.wait_for_url(f"**{demo.partnership.get_absolute_url()}")
    page.goto(live_server.url + vawg5.get_absolute_url())  # a restricted read, so the log has a row
    page.goto(live_server.url + demo.partnership.get_absolute_url())
    page.get_by_role("link", name="Access log of restricted records").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Access log of restricted records"
    assert page.get_by_role("cell", name="VAWG-5", exact=False).count() >= 1
    assert_accessible(page)
    page.get_by_label("Record", exact=True).fill("no such record")
    page.get_by_role("button", name="Filter the log").click()
    assert "0 entries" in page.locator("caption").inner_text()
    assert_accessible(page)


def test_an_officer_declassifies_an_action_accessibly(officer_page, live_server, demo):
    page = officer_page
    vawg5 = Action.objects.for_partnership(demo.partnership).get(reference="VAWG-5")
    page.goto(live_server.url + reverse("plans:action_declassify", args=[demo.partnership.slug, vawg5.pk]))
    assert_accessible(page)
    page.get_by_role("button", name="Make it OFFICIAL").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Why may this action be OFFICIAL?").fill("The review has been published.")
    page.get_by_role("button", name="Make it OFFICIAL").click()
    page.wait_for_url(f"**{vawg5.get_absolute_url()}")
    assert "The review has been published." in page.content()
    assert_accessible(page)
