"""The calendar's files: iCalendar events and CSV rows from the calendar's items."""

from __future__ import annotations

from dataclasses import replace

import icalendar

from cspmonitor.reviews.duties import exports, services
from tests.reviews.duties.conftest import PLAN_TO_PCC_DUE, TODAY


def _item(demo):
    items = services.obligations_for(demo.partnership, services.EVERYTHING, TODAY)
    return services.find_item(items, "plan_to_pcc", PLAN_TO_PCC_DUE)


def test_the_ics_file_is_named_for_the_partnership_with_uids_kept_to_it(demo):
    calendar = icalendar.Calendar.from_ical(exports.ics(demo.partnership, [_item(demo)]))
    assert str(calendar["x-wr-calname"]) == "WSCSP: statutory calendar"
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == "plan_to_pcc-20260430@western-suffolk.cspmonitor"


def test_the_csv_rows_keep_the_rules_columns_and_neutralise_formulas(demo):
    item = _item(demo)
    rows = exports.csv_rows([item, replace(item, title="=HYPERLINK(1)")])
    assert rows[0] == [
        "Due",
        "Due by law",
        "Obligation",
        "Legal basis",
        "Legal status",
        "Responsible",
        "Recurrence",
        "Key",
        "Status",
        "Responsible officer",
        "Classification",
    ]
    assert rows[1][:3] == [
        "2026-04-30",
        "2026-04-30",
        "Send the partnership plan to the Police and Crime Commissioner",
    ]
    assert rows[1][8:] == ["Due soon", "Alex Admin", "OFFICIAL"]
    assert rows[2][2] == "'=HYPERLINK(1)"
