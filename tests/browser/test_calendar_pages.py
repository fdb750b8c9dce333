"""The statutory calendar in Chromium: an officer reads it, names an owner, and axe-core finds nothing."""

from __future__ import annotations

import pytest

from cspmonitor.reviews.duties.models import ObligationOwner
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_calendar_shows_what_is_overdue_due_soon_and_upcoming(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/calendar/")
    assert page.get_by_role("heading", level=1).inner_text() == "Statutory calendar"
    for name in ("Overdue", "Due soon", "Upcoming", "Who is responsible"):
        assert page.get_by_role("heading", level=2, name=name).is_visible()
    # The demo's homicide review is OFFICIAL-SENSITIVE: the officer, signed in with two factors, sees it.
    overdue = page.locator("#overdue-table")
    assert overdue.get_by_role("link", name="WS-DHR-2021-01: Complete the overview report").is_visible()
    assert_accessible(page)


def test_an_officer_names_the_responsible_officer_for_a_duty(officer_page, live_server, demo):
    page = officer_page
    page.goto(f"{live_server.url}/p/{demo.partnership.slug}/calendar/")
    page.get_by_role(
        "link", name="Change the responsible officer for Publish the Serious Violence Duty strategy"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Choose the responsible officer"
    assert_accessible(page)
    page.get_by_label("Responsible officer").select_option(label=f"Priya Panel ({demo.panel_member.email})")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Priya Panel is now responsible").is_visible()
    owner = ObligationOwner.objects.get(partnership=demo.partnership, key="serious_violence_strategy")
    assert owner.user == demo.panel_member
    assert_accessible(page)
