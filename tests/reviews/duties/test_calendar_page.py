"""The calendar page: overdue, due soon and upcoming, as each persona may see them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.reviews.models import ReviewAccess
from tests.conftest import sign_in
from tests.reviews.duties.conftest import DHR_STAGE


def _page(client, demo, user) -> str:
    sign_in(client, user)
    response = client.get(reverse("duties:calendar", args=[demo.partnership.slug]))
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, section: str) -> str:
    start = page.index(f'id="{section}-table"')
    return page[start : page.index("</table>", start)]


@pytest.mark.parametrize("persona", ["administrator", "officer", "partner_lead", "panel_member", "viewer"])
def test_every_member_sees_what_is_overdue_due_soon_and_upcoming(client, demo, today, persona):
    page = _page(client, demo, demo.by_name(persona))
    due_soon = _section(page, "due-soon")
    assert "Send the partnership plan to the Police and Crime Commissioner" in due_soon
    assert "30 April 2026" in due_soon and "In 10 days" in due_soon
    assert "SI 2007/1830 reg 13A" in due_soon
    assert "Alex Admin" in due_soon
    overdue = _section(page, "overdue")
    assert "Crime and disorder committee reviews the partnership" in overdue
    assert "Strategic needs assessment" in overdue
    assert 'govuk-tag--red">Overdue' in overdue
    assert "Prepare the strategic assessment" in _section(page, "upcoming")
    assert "statutory-calendar.ics" in page and "statutory-calendar.csv" in page


@pytest.mark.parametrize("persona", ["administrator", "officer", "panel_member"])
def test_cleared_people_see_review_deadlines_and_the_look_is_logged(client, demo, today, persona):
    page = _page(client, demo, demo.by_name(persona))
    assert DHR_STAGE in _section(page, "overdue")
    logged = ReviewAccess.objects.filter(user=demo.by_name(persona), page="calendar")
    assert [(a.review.reference, a.what) for a in logged] == [("WS-DHR-2021-01", "listed")]


@pytest.mark.parametrize("persona", ["partner_lead", "viewer"])
def test_others_see_no_review_deadline_nor_the_review_duties(client, demo, today, persona):
    page = _page(client, demo, demo.by_name(persona))
    assert "WS-DHR" not in page
    assert "OFFICIAL-SENSITIVE</strong>" not in page
    assert "Domestic Homicide Review deadlines" not in page
    assert not ReviewAccess.objects.filter(page="calendar").exists()


def test_officers_get_links_to_change_owners_and_facts_and_to_record_obligations_done(client, demo, today):
    page = _page(client, demo, demo.officer)
    slug = demo.partnership.slug
    assert reverse("duties:owner_edit", args=[slug, "scrutiny"]) in page
    assert reverse("duties:settings", args=[slug]) in page
    assert reverse("duties:mark_done", args=[slug, "plan_to_pcc", "2026-04-30"]) in page
    # A review records its own progress: it is linked, not marked done here.
    assert "/reviews/dhr/" in _section(page, "overdue")
    assert "/calendar/done/dhr-" not in page


@pytest.mark.parametrize("persona", ["partner_lead", "panel_member", "viewer"])
def test_others_get_no_links_to_change_anything(client, demo, today, persona):
    page = _page(client, demo, demo.by_name(persona))
    assert "/calendar/owners/" not in page
    assert "/calendar/settings/" not in page
    assert "/calendar/done/" not in page


def test_the_page_says_when_nobody_is_responsible_yet(client, demo, today):
    page = _page(client, demo, demo.viewer)
    assert "Publish the Serious Violence Duty strategy" in page
    owners = page[page.index('id="owners-table"') :]
    row = owners[owners.index("Publish the Serious Violence Duty strategy") :]
    assert "Not named" in row[: row.index("</tr>")]
    assert "21 September 2023" in page  # the last scrutiny, from the seed
