"""manage.py statutory_calendar: the calendar as iCalendar or CSV on standard output."""

from __future__ import annotations

import csv
import io

import icalendar
import pytest
from django.core.management import CommandError, call_command

from tests.reviews.duties.conftest import DHR_STAGE


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("statutory_calendar", *args, "--today", "2026-04-20", stdout=out)
    return out.getvalue()


def test_it_writes_an_icalendar_file_without_restricted_deadlines_by_default(demo):
    calendar = icalendar.Calendar.from_ical(_run("--partnership", "western-suffolk", "--format", "ics"))
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert "Send the partnership plan to the Police and Crime Commissioner" in summaries
    assert "Strategic needs assessment" in summaries
    assert not [s for s in summaries if "WS-DHR" in s]


def test_it_includes_restricted_deadlines_when_asked(demo):
    text = _run("--partnership", "western-suffolk", "--format", "ics", "--include-restricted")
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]
    assert f"OFFICIAL-SENSITIVE: {DHR_STAGE}" in summaries


def test_it_writes_csv(demo):
    rows = list(csv.reader(io.StringIO(_run("--partnership", "western-suffolk", "--format", "csv"))))
    assert rows[0][:3] == ["Due", "Due by law", "Obligation"] and rows[0][-1] == "Classification"
    assert ["2026-04-30", "Send the partnership plan to the Police and Crime Commissioner"] in [
        [r[0], r[2]] for r in rows
    ]
    assert {r[-1] for r in rows[1:]} == {"OFFICIAL"}
    restricted = _run("--partnership", "western-suffolk", "--format", "csv", "--include-restricted")
    assert DHR_STAGE in restricted


@pytest.mark.parametrize(
    "args, message",
    [
        (["--partnership", "nowhere", "--format", "csv"], "no partnership with the slug 'nowhere'"),
        (["--partnership", "western-suffolk", "--format", "pdf"], "Unknown format 'pdf': use ics or csv"),
    ],
)
def test_it_refuses_an_unknown_partnership_or_format(demo, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_it_refuses_a_day_it_cannot_read(demo):
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command(
            "statutory_calendar", "--partnership", "western-suffolk", "--format", "csv", "--today", "soon"
        )
