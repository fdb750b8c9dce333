"""An application's clocks, from the default ASB rule set: acknowledge in 10 working days, decide
in 15, meet within 20 working days of the decision."""

from __future__ import annotations

import datetime as dt

from cspmonitor.reviews.asb.models import CaseReviewApplication
from cspmonitor.reviews.asb.services import clocks, worklist

D = dt.date
# Friday 16 December 2022: the clocks skip Christmas, Boxing Day and both substitute days.
RECEIVED = D(2022, 12, 16)
ACK_DUE, DECIDE_DUE = D(2023, 1, 4), D(2023, 1, 11)


def application(**fields) -> CaseReviewApplication:
    return CaseReviewApplication(received_on=RECEIVED, rule_set_version="default", **fields)


def by_stage(app: CaseReviewApplication, today: dt.date) -> dict[str, tuple]:
    return {c.stage.key: (c.due, c.status) for c in clocks(app, today=today)}


def test_it_counts_acknowledgement_and_decision_in_working_days_from_receipt():
    assert by_stage(application(), today=RECEIVED) == {
        "acknowledge": (ACK_DUE, "running"),
        "decide": (DECIDE_DUE, "running"),
        "meet": (None, "not_started"),
    }


def test_it_marks_a_step_done_on_its_due_date_met_and_the_day_after_late():
    assert by_stage(application(acknowledged_on=ACK_DUE), D(2023, 2, 1))["acknowledge"] == (ACK_DUE, "met")
    late = application(acknowledged_on=ACK_DUE + dt.timedelta(days=1))
    assert by_stage(late, D(2023, 2, 1))["acknowledge"] == (ACK_DUE, "late")


def test_it_marks_a_step_not_done_after_its_due_date_overdue():
    assert by_stage(application(), ACK_DUE)["acknowledge"] == (ACK_DUE, "running")
    assert by_stage(application(), ACK_DUE + dt.timedelta(days=1))["acknowledge"] == (ACK_DUE, "overdue")


def test_the_review_meeting_is_due_20_working_days_after_the_decision():
    decided = application(decision="met", decided_on=D(2023, 1, 9))
    assert by_stage(decided, D(2023, 1, 9))["meet"] == (D(2023, 2, 6), "running")
    held = application(decision="met", decided_on=D(2023, 1, 9), meeting_on=D(2023, 2, 7))
    assert by_stage(held, D(2023, 3, 1))["meet"] == (D(2023, 2, 6), "late")


def test_no_review_meeting_is_due_when_the_threshold_is_not_met():
    not_met = application(decision="not_met", decided_on=D(2023, 1, 9))
    assert by_stage(not_met, D(2024, 1, 1))["meet"][1] == "not_required"


def test_the_worklist_puts_overdue_applications_first_then_the_soonest_due():
    done = application(pk=1, acknowledged_on=RECEIVED, decision="not_met", decided_on=RECEIVED)
    overdue = application(pk=2)
    later = CaseReviewApplication(pk=3, received_on=D(2023, 1, 9), rule_set_version="default")
    soon = CaseReviewApplication(pk=4, received_on=D(2023, 1, 3), rule_set_version="default")
    rows = worklist([done, later, soon, overdue], today=D(2023, 1, 10))
    assert [row.application.pk for row in rows] == [2, 4, 3, 1]
    assert rows[0].overdue and rows[0].next_step.stage.key == "acknowledge"
    assert rows[-1].next_step is None
