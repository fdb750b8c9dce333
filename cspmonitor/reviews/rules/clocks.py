"""Statutory clocks: when each stage of a review is due, and whether it was done in time.

A stage's clock starts on the date of its ``starts_from`` event and stops on the date of its
``done_by`` event; it is due ``target`` days of its ``day_kind`` later (see
``workdays.add_days``). How pauses (a criminal trial, an inquest) move a due date:

* A pause stops the clock on each day from its ``start`` up to, not including, its ``end``:
  ``end`` is the day the clock restarted, and that day counts again (as the DHR model's
  "date restarted"). A pause from 1 to 3 March stops the clock on 1 and 2 March.
* The due date moves later by every day of the stage's kind that a pause covers between the
  stage's start and its due date: working days for a working-day target (a weekend inside a
  pause moves nothing), calendar days for calendar-day and month targets. Paused days before
  the stage started, or after it was done, move nothing.
* An open pause (``end`` None) stops the clock until it is ended, so the due date is not known:
  ``due`` is None, the status "paused" (or "running" until a pause recorded in advance
  begins), and ``paused_days`` counts the paused days to today.
  We report None rather than "the due date if the review restarted today" because a date
  that moves every day is easily mistaken for a deadline.
* A rule set that is not pausable, and a stage that is not, ignore pauses.

Statuses: "not_started" (the start event is missing), "not_required" (the stage's
``skipped_by`` event was recorded), "running", "paused" (a pause covers today), "met" (done on
or before the due date), "late" (done after it) and "overdue" (not done, today after the due
date; a stage already overdue stays overdue when a pause starts).

Plain Python: no Django imports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cspmonitor.reviews.rules.rulesets import RuleSet, Stage
from cspmonitor.reviews.rules.workdays import MONTHS, add_days, counts

NOT_STARTED = "not_started"
NOT_REQUIRED = "not_required"
RUNNING = "running"
PAUSED = "paused"
MET = "met"
LATE = "late"
OVERDUE = "overdue"
#: Every status a `Deadline` can have.
STATUSES: tuple[str, ...] = (NOT_STARTED, NOT_REQUIRED, RUNNING, PAUSED, MET, LATE, OVERDUE)

#: The statuses of a stage still to be done.
_OPEN = frozenset({RUNNING, PAUSED, OVERDUE})
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Pause:
    """A time the clock stood still: from ``start`` until ``end``, the day it restarted (None: not yet)."""

    start: dt.date
    end: dt.date | None
    reason: str

    def covers(self, day: dt.date) -> bool:
        """True when the clock is stopped on ``day``.

        >>> pause = Pause(dt.date(2023, 3, 1), dt.date(2023, 3, 3), "inquest")
        >>> [pause.covers(dt.date(2023, 3, d)) for d in (1, 2, 3)]
        [True, True, False]
        """
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Deadline:
    """One stage's clock: when it started, when it is due, when it was done, and its status."""

    stage: Stage
    started: dt.date | None
    due: dt.date | None
    done: dt.date | None
    paused_days: int
    status: str


def deadlines(
    ruleset: RuleSet, events: dict[str, dt.date], pauses: list[Pause], today: dt.date
) -> list[Deadline]:
    """Every stage of ``ruleset`` worked out from the dates of ``events`` and the ``pauses``.

    ``events`` maps event keys of the rule set (``ruleset.events``) to dates; leave an event
    out until it happens. A key the rule set does not know raises ValueError: a misspelt key
    would otherwise leave a stage running for ever.

    >>> from cspmonitor.reviews.rules.rulesets import load_ruleset
    >>> asb = load_ruleset("asb", "default")
    >>> received = dt.date(2022, 12, 16)
    >>> [(d.stage.key, d.due, d.status) for d in deadlines(asb, {"received": received}, [], received)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('acknowledge', datetime.date(2023, 1, 4), 'running'),
     ('decide', datetime.date(2023, 1, 11), 'running'),
     ('meet', None, 'not_started')]
    """
    unknown = sorted(set(events) - ruleset.event_keys)
    if unknown:
        raise ValueError(
            f"{ruleset.kind}-{ruleset.version} has no event {', '.join(map(repr, unknown))} "
            f"(its events: {', '.join(sorted(ruleset.event_keys))})"
        )
    return [
        stage_deadline(stage, events, pauses if ruleset.pausable and stage.pausable else [], today)
        for stage in ruleset.stages
    ]


def stage_deadline(stage: Stage, events: dict[str, dt.date], pauses: list[Pause], today: dt.date) -> Deadline:
    """One stage's `Deadline`; ``pauses`` all apply (`deadlines` drops them for unpausable stages)."""
    started = events.get(stage.starts_from)
    done = events.get(stage.done_by)
    skipped = stage.skipped_by is not None and stage.skipped_by in events
    if started is None:
        return Deadline(stage, None, None, done, 0, NOT_REQUIRED if skipped else NOT_STARTED)
    if done is not None:
        # Whatever the clock did after the stage was done does not matter.
        pauses = [_clipped(pause, done) for pause in pauses if pause.start < done]
    due, paused_days = _due(stage, started, pauses, today)
    if done is not None:
        status = MET if due is not None and done <= due else LATE
    elif skipped:
        status = NOT_REQUIRED
    elif due is not None and today > due:
        status = OVERDUE
    elif any(pause.covers(today) for pause in pauses):
        status = PAUSED
    else:
        # Running, with the due date unknown (None) when an open pause is planned to begin later.
        status = RUNNING
    return Deadline(stage, started, due, done, paused_days, status)


def _clipped(pause: Pause, done: dt.date) -> Pause:
    end = done if pause.end is None else min(pause.end, done)
    return Pause(pause.start, end, pause.reason)


def _due(stage: Stage, started: dt.date, pauses: list[Pause], today: dt.date) -> tuple[dt.date | None, int]:
    """The due date and the paused days that moved it, walking the clock one day at a time."""
    unpaused_due = add_days(started, stage.target, stage.day_kind)
    if not pauses:
        return unpaused_due, 0
    # A month target is a number of calendar days fixed by the months it spans from the start.
    need = (unpaused_due - started).days if stage.day_kind == MONTHS else stage.target
    day, counted, paused = started, 0, 0
    while counted < need:
        day += _ONE_DAY
        if not counts(day, stage.day_kind):
            continue
        covering = [pause for pause in pauses if pause.covers(day)]
        if any(pause.end is None for pause in covering):
            # Stopped until someone restarts it: count what has been paused so far.
            so_far = sum(
                1
                for offset in range((today - day).days + 1)
                if counts(day + offset * _ONE_DAY, stage.day_kind)
            )
            return None, paused + so_far
        if covering:
            paused += 1
        else:
            counted += 1
    return day, paused


def days_left(deadline: Deadline, today: dt.date) -> int | None:
    """Calendar days from ``today`` to the due date, negative once overdue.

    None when the stage is done, not required, not started, or paused with no due date.

    >>> stage = Stage("s", "S", "a", 10, "working", "b")
    >>> running = Deadline(stage, dt.date(2023, 1, 2), dt.date(2023, 1, 16), None, 0, "running")
    >>> days_left(running, dt.date(2023, 1, 9)), days_left(running, dt.date(2023, 1, 20))
    (7, -4)
    """
    if deadline.due is None or deadline.status not in _OPEN:
        return None
    return (deadline.due - today).days


def is_due_soon(deadline: Deadline, today: dt.date, days: int = 14) -> bool:
    """True when a stage not yet done falls due within ``days`` calendar days of ``today`` (today included).

    An overdue stage is not "due soon": it is overdue.
    """
    left = days_left(deadline, today)
    return left is not None and 0 <= left <= days
