"""The calendar as an iCalendar file and as CSV, each with only what the person may see."""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar
import pytest
from django.urls import reverse

from cspmonitor.reviews.models import ReviewAccess
from tests.conftest import sign_in
from tests.reviews.duties.conftest import DHR_STAGE


def _get(client, demo, user, name):
    sign_in(client, user)
    return client.get(reverse(name, args=[demo.partnership.slug]))


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
def test_the_ics_file_leaves_out_review_deadlines_for_those_not_cleared(client, demo, today, persona):
    events = _events(_get(client, demo, demo.by_name(persona), "duties:calendar_ics"))
    summaries = [str(e["summary"]) for e in events.values()]
    assert not [s for s in summaries if "WS-DHR" in s or "OFFICIAL-SENSITIVE" in s]
    assert not [uid for uid in events if uid.startswith(("dhr-", "asb-"))]


def test_the_ics_file_has_them_for_the_cleared_marked_and_logged(client, demo, today):
    events = _events(_get(client, demo, demo.officer, "duties:calendar_ics"))
    assert f"OFFICIAL-SENSITIVE: {DHR_STAGE}" in [str(e["summary"]) for e in events.values()]
    logged = ReviewAccess.objects.get(user=demo.officer, page="calendar.ics")
    assert logged.what == ReviewAccess.What.DOWNLOADED


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
    rows = _rows(_get(client, demo, demo.panel_member, "duties:calendar_csv"))
    restricted = [r for r in rows if r["Classification"] == "OFFICIAL-SENSITIVE"]
    assert [(r["Obligation"], r["Status"]) for r in restricted] == [
        (f"OFFICIAL-SENSITIVE: {DHR_STAGE}", "Overdue")
    ]
    client.logout()
    assert "WS-DHR" not in _get(client, demo, demo.partner_lead, "duties:calendar_csv").content.decode()
