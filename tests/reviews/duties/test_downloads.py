"""The calendar as an iCalendar file and as CSV, each with only what the person may see, and
OFFICIAL-SENSITIVE rows only when a cleared person asks for them (as the command's
--include-restricted)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar
import pytest
from django.urls import reverse

from cspmonitor.accounts.models import AccessRecord
from cspmonitor.reviews.models import ReviewAccess
from tests.conftest import sign_in
from tests.reviews.duties.conftest import DHR_STAGE


def _get(client, demo, user, name, *, restricted: bool = False):
    sign_in(client, user)
    query = "?restricted=yes" if restricted else ""
    return client.get(reverse(name, args=[demo.partnership.slug]) + query)


def _events(response) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_the_ics_file_parses_with_one_all_day_event_per_item(client, demo, today):
    response = _get(client, demo, demo.viewer, "duties:calendar_ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="western-suffolk-statutory-calendar-2026-04-20.ics"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    events = _events(response)
    event = events["plan_to_pcc-20260430@western-suffolk.cspmonitor"]
    assert str(event["summary"]) == "Send the partnership plan to the Police and Crime Commissioner"
    assert event.decoded("dtstart") == dt.date(2026, 4, 30)
    assert "responsible officer: Alex Admin" in str(event["description"])
    assert "scrutiny-20240921@western-suffolk.cspmonitor" in events


@pytest.mark.parametrize("persona", ["partner_lead", "viewer"])
def test_the_ics_file_leaves_out_review_deadlines_for_those_not_cleared_even_asked(
    client, demo, today, persona
):
    response = _get(client, demo, demo.by_name(persona), "duties:calendar_ics", restricted=True)
    assert "official-sensitive" not in response["Content-Disposition"]
    events = _events(response)
    summaries = [str(e["summary"]) for e in events.values()]
    assert not [s for s in summaries if "WS-DHR" in s or "OFFICIAL-SENSITIVE" in s]
    assert not [uid for uid in events if uid.startswith(("dhr-", "asb-"))]


@pytest.mark.parametrize("name", ["duties:calendar_ics", "duties:calendar_csv"])
def test_a_cleared_persons_download_leaves_them_out_unless_asked(client, demo, today, name):
    body = _get(client, demo, demo.officer, name).content.decode()
    assert "OFFICIAL-SENSITIVE" not in body and "WS-DHR" not in body
    assert not ReviewAccess.objects.exists()
    assert not AccessRecord.objects.exists()


def test_the_ics_file_has_them_for_the_cleared_who_ask_marked_and_logged(client, demo, today):
    response = _get(client, demo, demo.officer, "duties:calendar_ics", restricted=True)
    assert "statutory-calendar-2026-04-20-official-sensitive.ics" in response["Content-Disposition"]
    events = _events(response)
    assert f"OFFICIAL-SENSITIVE: {DHR_STAGE}" in [str(e["summary"]) for e in events.values()]
    logged = ReviewAccess.objects.get(user=demo.officer, page="calendar.ics")
    assert logged.what == ReviewAccess.What.DOWNLOADED


def test_the_calendar_page_offers_the_restricted_downloads_only_to_the_cleared(client, demo, today):
    url = reverse("duties:calendar", args=[demo.partnership.slug])
    sign_in(client, demo.viewer)
    assert "restricted=yes" not in client.get(url).content.decode()
    client.logout()
    sign_in(client, demo.panel_member)
    assert "restricted=yes" in client.get(url).content.decode()


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_the_csv_file_lists_every_item_with_status_officer_and_classification(client, demo, today):
    response = _get(client, demo, demo.viewer, "duties:calendar_csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="western-suffolk-statutory-calendar-2026-04-20.csv"' in response["Content-Disposition"]
    rows = _rows(response)
    plan = next(r for r in rows if r["Key"] == "plan_to_pcc" and r["Due"] == "2026-04-30")
    assert (plan["Status"], plan["Responsible officer"], plan["Classification"]) == (
        "Due soon",
        "Alex Admin",
        "OFFICIAL",
    )
    assert {r["Classification"] for r in rows} == {"OFFICIAL"}


def test_the_csv_file_has_review_deadlines_only_for_the_cleared(client, demo, today):
    rows = _rows(_get(client, demo, demo.panel_member, "duties:calendar_csv", restricted=True))
    restricted = [r for r in rows if r["Classification"] == "OFFICIAL-SENSITIVE"]
    assert [(r["Obligation"], r["Status"]) for r in restricted] == [
        (f"OFFICIAL-SENSITIVE: {DHR_STAGE}", "Overdue")
    ]
    client.logout()
    response = _get(client, demo, demo.partner_lead, "duties:calendar_csv", restricted=True)
    assert "WS-DHR" not in response.content.decode()
