"""What the ASB Case Review pages show, worked out from the models: the threshold result, the
clocks (from the rule set the application was received under), and the worklist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cspmonitor.reviews.asb import threshold
from cspmonitor.reviews.asb.models import KIND, CaseReviewApplication
from cspmonitor.reviews.rules.clocks import LATE, OVERDUE, PAUSED, RUNNING, Deadline, deadlines
from cspmonitor.reviews.rules.rulesets import RuleSet, Threshold, current_ruleset, load_ruleset


def rule_set_for(application: CaseReviewApplication) -> RuleSet:
    return load_ruleset(KIND, application.rule_set_version)


def rule_set_version_on(day: dt.date) -> str:
    """The version of the ASB rules in effect on ``day``, the day an application is received."""
    return current_ruleset(KIND, day).version


def _threshold(ruleset: RuleSet) -> Threshold:
    if ruleset.threshold is None:
        raise ValueError(f"The rule set {ruleset.kind}-{ruleset.version} has no threshold")
    return ruleset.threshold


def threshold_result(application: CaseReviewApplication, ruleset: RuleSet | None = None) -> threshold.Result:
    """The engine's judgement of the application's complaints (the officer still decides)."""
    ruleset = ruleset or rule_set_for(application)
    return threshold.evaluate(application.engine_complaints(), application.received_on, _threshold(ruleset))


def events(application: CaseReviewApplication) -> dict[str, dt.date]:
    """The dates of the rule set's events recorded on the application."""
    recorded = {
        "received": application.received_on,
        "acknowledged": application.acknowledged_on,
        "decided": application.decided_on,
        "meeting": application.meeting_on,
    }
    if application.decision == CaseReviewApplication.Decision.NOT_MET:
        recorded["threshold_not_met"] = application.decided_on
    return {key: day for key, day in recorded.items() if day is not None}


def clocks(
    application: CaseReviewApplication, ruleset: RuleSet | None = None, today: dt.date | None = None
) -> list[Deadline]:
    """Acknowledgement, threshold decision and review meeting: due dates and met/late/overdue."""
    ruleset = ruleset or rule_set_for(application)
    # ASB Case Review clocks do not pause (the rule set says so); there are no pauses to record.
    return deadlines(ruleset, events(application), [], today or timezone.localdate())


@dataclass(frozen=True)
class WorklistRow:
    application: CaseReviewApplication
    clocks: list[Deadline]

    @property
    def overdue(self) -> bool:
        return any(clock.status == OVERDUE for clock in self.clocks)

    @property
    def late(self) -> bool:
        return any(clock.status == LATE for clock in self.clocks)

    @property
    def next_step(self) -> Deadline | None:
        """The first stage still to be done (overdue or running), if any."""
        return next((clock for clock in self.clocks if clock.status in (OVERDUE, RUNNING, PAUSED)), None)


def worklist(applications, today: dt.date | None = None) -> list[WorklistRow]:
    """Applications with their clocks: overdue first, then by the next due date, then the rest
    (newest first)."""
    today = today or timezone.localdate()
    rows = [WorklistRow(app, clocks(app, today=today)) for app in applications]

    def order(row: WorklistRow) -> tuple[int, int, int]:
        step = row.next_step
        if row.overdue:
            rank = 0
        elif step is not None:
            rank = 1
        else:
            rank = 2
        due = step.due.toordinal() if step is not None and step.due is not None else 0
        return (rank, due if rank < 2 else -row.application.received_on.toordinal(), row.application.pk)

    return sorted(rows, key=order)
