"""Statutory clocks: due dates, pauses that stop the clock, and each stage's status."""

from __future__ import annotations

import datetime as dt

import pytest

from cspmonitor.reviews.rules.clocks import Deadline, Pause, days_left, deadlines, is_due_soon
from cspmonitor.reviews.rules.rulesets import Event, RuleSet, Stage, load_ruleset

D = dt.date
OPENED = D(2023, 1, 1)  # a Sunday; 30 calendar days later is Tuesday 31 January
FRIDAY = D(2022, 12, 16)  # 10 working days later is Wednesday 4 January 2023


def _ruleset(day_kind: str, target: int, *, pausable: bool = True, stage_pausable: bool = True) -> RuleSet:
    stage = Stage("respond", "Respond", "opened", target, day_kind, "done", "withdrawn", stage_pausable)
    events = (Event("opened", "Opened"), Event("done", "Done"), Event("withdrawn", "Withdrawn"))
    return RuleSet("test", "1", "Test", "Made up for a test", D(2020, 1, 1), (stage,), pausable, None, events)


def _one(ruleset: RuleSet, events: dict[str, dt.date], pauses: list[Pause], today: dt.date) -> Deadline:
    (deadline,) = deadlines(ruleset, events, pauses, today)
    return deadline


def P(start: dt.date, end: dt.date | None) -> Pause:
    return Pause(start, end, "inquest")


@pytest.mark.parametrize(
    ("pauses", "due", "paused_days"),
    [
        ([], D(2023, 1, 31), 0),
        ([P(D(2022, 12, 1), D(2022, 12, 20))], D(2023, 1, 31), 0),  # entirely before the start
        ([P(D(2022, 12, 20), D(2023, 1, 1))], D(2023, 1, 31), 0),  # restarted on the start day
        ([P(D(2022, 12, 20), D(2023, 1, 6))], D(2023, 2, 4), 4),  # overlapping the start: 2-5 Jan
        ([P(D(2023, 1, 10), D(2023, 1, 20))], D(2023, 2, 10), 10),  # inside: 10-19 Jan
        ([P(D(2023, 1, 10), D(2023, 1, 20)), P(D(2023, 2, 5), D(2023, 2, 8))], D(2023, 2, 13), 13),  # two
        (
            [P(D(2023, 1, 10), D(2023, 1, 20)), P(D(2023, 1, 15), D(2023, 1, 25))],
            D(2023, 2, 15),
            15,
        ),  # overlap
        (
            [P(D(2023, 1, 10), D(2023, 1, 20)), P(D(2023, 2, 9), D(2023, 2, 11))],
            D(2023, 2, 12),
            12,
        ),  # in the extension
        ([P(D(2023, 2, 1), D(2023, 2, 10))], D(2023, 1, 31), 0),  # starting the day after the due date
        ([P(D(2023, 1, 31), D(2023, 2, 2))], D(2023, 2, 2), 2),  # starting on the due date
        ([P(D(2023, 1, 29), D(2023, 1, 31))], D(2023, 2, 2), 2),  # restarting on the due date
        ([P(D(2023, 1, 10), D(2023, 1, 10))], D(2023, 1, 31), 0),  # restarted the day it stopped
    ],
)
def test_it_stops_a_calendar_day_clock_while_paused(pauses, due, paused_days):
    deadline = _one(_ruleset("calendar", 30), {"opened": OPENED}, pauses, D(2023, 1, 2))
    assert (deadline.due, deadline.paused_days) == (due, paused_days)


@pytest.mark.parametrize(
    ("pauses", "due", "paused_days"),
    [
        ([], D(2023, 1, 4), 0),
        ([P(D(2022, 12, 17), D(2022, 12, 19))], D(2023, 1, 4), 0),  # a weekend stops nothing
        ([P(D(2022, 12, 19), D(2022, 12, 21))], D(2023, 1, 6), 2),  # Monday and Tuesday
        # Over Christmas: Fri 23, Wed 28, Thu 29 and Fri 30 December are the working days paused.
        ([P(D(2022, 12, 23), D(2023, 1, 3))], D(2023, 1, 10), 4),
    ],
)
def test_it_stops_a_working_day_clock_only_on_working_days(pauses, due, paused_days):
    deadline = _one(_ruleset("working", 10), {"opened": FRIDAY}, pauses, FRIDAY)
    assert (deadline.due, deadline.paused_days) == (due, paused_days)


def test_it_moves_a_review_due_in_months_by_the_calendar_days_paused():
    dhr = load_ruleset("dhr", "2016")
    events = {"notified": D(2023, 1, 3), "decided": D(2023, 1, 31), "commissioned": D(2023, 1, 31)}
    trial = Pause(D(2023, 3, 1), D(2023, 4, 1), "criminal_proceedings")
    by_key = {d.stage.key: d for d in deadlines(dhr, events, [trial], D(2023, 5, 1))}
    assert (by_key["complete"].due, by_key["complete"].paused_days) == (D(2023, 8, 31), 31)
    assert (by_key["complete"].status, by_key["decide"].status) == ("running", "met")
    assert by_key["inform_home_office"].status == "overdue"  # due 3 February, not recorded


def test_it_does_not_pause_the_decision_whatever_the_criminal_proceedings():
    dhr = load_ruleset("dhr", "2016")
    trial = Pause(D(2023, 1, 5), None, "criminal_proceedings")
    (decide, _inform, complete) = deadlines(dhr, {"notified": D(2023, 1, 3)}, [trial], D(2023, 1, 20))
    assert (decide.due, decide.paused_days, decide.status) == (D(2023, 2, 3), 0, "running")
    assert complete.status == "not_started"


def test_it_ignores_pauses_when_the_rule_set_is_not_pausable():
    asb = load_ruleset("asb", "default")
    pause = Pause(D(2022, 12, 19), D(2022, 12, 21), "other")
    acknowledge = deadlines(asb, {"received": FRIDAY}, [pause], D(2022, 12, 20))[0]
    assert (acknowledge.due, acknowledge.paused_days, acknowledge.status) == (D(2023, 1, 4), 0, "running")
    synthetic = _one(_ruleset("calendar", 30, pausable=False), {"opened": OPENED}, [pause], OPENED)
    assert synthetic.due == D(2023, 1, 31)


@pytest.mark.parametrize(
    ("day_kind", "start", "pauses", "today", "paused_days"),
    [
        ("calendar", OPENED, [P(D(2023, 1, 10), None)], D(2023, 1, 15), 6),  # 10-15 January
        ("calendar", OPENED, [P(D(2023, 1, 10), None)], D(2023, 1, 10), 1),
        # Working days paused so far: 19-23 and 28 December.
        ("working", FRIDAY, [P(D(2022, 12, 19), None)], D(2022, 12, 28), 6),
        ("calendar", OPENED, [P(D(2023, 1, 5), D(2023, 1, 8)), P(D(2023, 1, 10), None)], D(2023, 1, 11), 5),
    ],
)
def test_it_leaves_the_due_date_unknown_while_a_pause_is_open(day_kind, start, pauses, today, paused_days):
    deadline = _one(
        _ruleset(day_kind, 30 if day_kind == "calendar" else 10), {"opened": start}, pauses, today
    )
    assert (deadline.due, deadline.status, deadline.paused_days) == (None, "paused", paused_days)


def test_it_keeps_running_until_an_open_pause_planned_for_later_begins():
    deadline = _one(_ruleset("calendar", 30), {"opened": OPENED}, [P(D(2023, 1, 20), None)], D(2023, 1, 10))
    assert (deadline.due, deadline.status) == (None, "running")


def test_it_keeps_a_stage_overdue_when_a_pause_starts_after_its_due_date():
    deadline = _one(_ruleset("calendar", 30), {"opened": OPENED}, [P(D(2023, 2, 3), None)], D(2023, 2, 5))
    assert (deadline.due, deadline.status) == (D(2023, 1, 31), "overdue")


@pytest.mark.parametrize(
    ("done", "pauses", "due", "paused_days", "status"),
    [
        (D(2023, 1, 5), [P(D(2023, 1, 10), None)], D(2023, 1, 31), 0, "met"),  # done before the pause
        (D(2023, 1, 15), [P(D(2023, 1, 10), None)], D(2023, 2, 5), 5, "met"),  # done while paused
        (D(2023, 2, 12), [P(D(2023, 1, 10), D(2023, 1, 20))], D(2023, 2, 10), 10, "late"),
        (D(2023, 2, 10), [P(D(2023, 1, 10), D(2023, 1, 20))], D(2023, 2, 10), 10, "met"),
    ],
)
def test_it_judges_a_stage_done_against_the_due_date_as_the_pauses_moved_it(
    done, pauses, due, paused_days, status
):
    deadline = _one(_ruleset("calendar", 30), {"opened": OPENED, "done": done}, pauses, D(2023, 6, 1))
    assert (deadline.due, deadline.paused_days, deadline.status) == (due, paused_days, status)


@pytest.mark.parametrize(
    ("events", "pauses", "today", "status", "due"),
    [
        ({}, [], D(2023, 1, 15), "not_started", None),
        ({"opened": OPENED}, [], D(2023, 1, 15), "running", D(2023, 1, 31)),
        ({"opened": OPENED}, [], D(2023, 1, 31), "running", D(2023, 1, 31)),  # due today
        ({"opened": OPENED}, [], D(2023, 2, 1), "overdue", D(2023, 1, 31)),
        ({"opened": OPENED, "done": D(2023, 1, 31)}, [], D(2023, 3, 1), "met", D(2023, 1, 31)),
        ({"opened": OPENED, "done": D(2023, 2, 1)}, [], D(2023, 3, 1), "late", D(2023, 1, 31)),
        ({"opened": OPENED}, [P(D(2023, 1, 10), D(2023, 1, 20))], D(2023, 1, 15), "paused", D(2023, 2, 10)),
        ({"opened": OPENED}, [P(D(2023, 1, 10), D(2023, 1, 20))], D(2023, 1, 20), "running", D(2023, 2, 10)),
        ({"opened": OPENED, "withdrawn": D(2023, 1, 5)}, [], D(2023, 3, 1), "not_required", D(2023, 1, 31)),
        ({"withdrawn": D(2023, 1, 5)}, [], D(2023, 3, 1), "not_required", None),
        (
            {"opened": OPENED, "done": D(2023, 1, 9), "withdrawn": D(2023, 1, 10)},
            [],
            D(2023, 3, 1),
            "met",
            D(2023, 1, 31),
        ),
    ],
)
def test_it_gives_each_stage_a_status(events, pauses, today, status, due):
    deadline = _one(_ruleset("calendar", 30), events, pauses, today)
    assert (deadline.status, deadline.due) == (status, due)
    assert deadline.started == events.get("opened")
    assert deadline.done == events.get("done")


def test_it_does_not_require_a_review_meeting_when_the_threshold_is_not_met():
    asb = load_ruleset("asb", "default")
    decided = D(2023, 1, 5)
    events = {
        "received": FRIDAY,
        "acknowledged": D(2022, 12, 20),
        "decided": decided,
        "threshold_not_met": decided,
    }
    assert [d.status for d in deadlines(asb, events, [], D(2023, 3, 1))] == ["met", "met", "not_required"]


def test_it_refuses_an_event_the_rule_set_does_not_know():
    with pytest.raises(ValueError, match=r"test-1 has no event 'openned'"):
        deadlines(_ruleset("calendar", 30), {"openned": OPENED}, [], OPENED)


@pytest.mark.parametrize(
    ("events", "pauses", "today", "left", "soon"),
    [
        ({"opened": OPENED}, [], D(2023, 1, 16), 15, False),
        ({"opened": OPENED}, [], D(2023, 1, 17), 14, True),
        ({"opened": OPENED}, [], D(2023, 1, 31), 0, True),
        ({"opened": OPENED}, [], D(2023, 2, 1), -1, False),  # overdue, not "due soon"
        ({"opened": OPENED, "done": D(2023, 1, 20)}, [], D(2023, 1, 25), None, False),
        ({"opened": OPENED}, [P(D(2023, 1, 10), None)], D(2023, 1, 25), None, False),
        ({}, [], D(2023, 1, 25), None, False),
        ({"opened": OPENED, "withdrawn": D(2023, 1, 5)}, [], D(2023, 1, 25), None, False),
    ],
)
def test_it_says_how_many_days_are_left_and_whether_a_stage_is_due_soon(events, pauses, today, left, soon):
    deadline = _one(_ruleset("calendar", 30), events, pauses, today)
    assert days_left(deadline, today) == left
    assert is_due_soon(deadline, today) is soon


def test_it_lets_the_caller_choose_how_soon_is_soon():
    deadline = _one(_ruleset("calendar", 30), {"opened": OPENED}, [], D(2023, 1, 1))
    assert not is_due_soon(deadline, D(2023, 1, 1))
    assert is_due_soon(deadline, D(2023, 1, 1), days=30)
