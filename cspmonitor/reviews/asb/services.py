"""What the ASB Case Review pages show, worked out from the models: the threshold result, the
clocks (from the rule set the application was received under, as the partnership reads it:
its local policing body named, and its decision clock started from receipt or acknowledgement),
and the worklist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cspmonitor.reviews.asb import threshold
from cspmonitor.reviews.asb.models import KIND, CaseReviewApplication
from cspmonitor.reviews.rules.clocks import LATE, OVERDUE, PAUSED, RUNNING, Deadline, deadlines
from cspmonitor.reviews.rules.legal import Configuration
from cspmonitor.reviews.rules.rulesets import RuleSet, Threshold, configured, current_ruleset, load_ruleset
from cspmonitor.reviews.statutory import StatutorySettings, configuration


def rule_set_for(application: CaseReviewApplication, config: Configuration | None = None) -> RuleSet:
    if config is None:
        # An application not yet tied to a partnership reads the rules as shipped.
        config = configuration(application.partnership) if application.partnership_id else Configuration()
    return configured(load_ruleset(KIND, application.rule_set_version), config)


def rule_set_version_on(day: dt.date, partnership=None) -> str:
    """The version of the ASB rules that applies to an application received on ``day``."""
    config = configuration(partnership) if partnership is not None else Configuration()
    return current_ruleset(KIND, day, config).version


def open_automatically(application: CaseReviewApplication, today: dt.date | None = None) -> bool:
    """Record the threshold as met when the partnership opens reviews automatically, the engine
    finds the threshold met and no decision is recorded yet. True when it did.

    A local choice (the 2023 ASB action plan encourages it): the rule set's default, or the
    partnership's setting. The decision is dated the day it is recorded; the officer can still
    change it.
    """
    if application.decision:
        return False
    ruleset = rule_set_for(application)
    chosen = StatutorySettings.for_partnership(application.partnership).asb_open_automatically
    if not (chosen or _threshold(ruleset).open_automatically):
        return False
    if not threshold_result(application, ruleset).met:
        return False
    application.decision = CaseReviewApplication.Decision.MET
    application.decided_on = max(today or timezone.localdate(), application.received_on)
    application.save(update_fields=["decision", "decided_on"])
    return True


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
