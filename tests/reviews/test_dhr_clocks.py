"""The demo homicide reviews' stages, pauses and deadlines, worked out through the statutory rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cspmonitor.accounts.permissions import Access
from cspmonitor.reviews import services
from cspmonitor.reviews.models import DomesticHomicideReview, ReviewPause

# The demo stands at the end of March 2023, when the seed report was written.
REPORT_DAY = dt.date(2023, 3, 31)


def _deadline(clock, key):
    return next(row.deadline for row in clock.rows if row.deadline.stage.key == key)


def test_the_2020_review_is_with_the_home_office_with_no_clock_running(review_2020):
    clock = services.clock(review_2020, REPORT_DAY)
    assert clock.stage_label == "With the Home Office Quality Assurance Panel"
    assert (clock.flag, clock.flag_label) == (services.WITH_HOME_OFFICE, "With the Home Office")
    assert clock.next_deadline is None
    assert [row.deadline.status for row in clock.rows] == ["met", "met", "late"]


def test_the_2020_reviews_trial_pause_moved_its_report_deadline(review_2020):
    complete = _deadline(services.clock(review_2020, REPORT_DAY), "complete")
    # Six months from the decision (14 July 2020), plus the 354 days of the trial pause.
    assert complete.paused_days == 354
    assert complete.due == dt.date(2021, 1, 14) + dt.timedelta(days=354)
    assert complete.done == dt.date(2022, 11, 30)


def test_the_2021_review_shows_its_trial_and_inquest_pauses(review_2021):
    reasons = [(p.reason, p.ended_on is not None) for p in review_2021.pauses.all()]
    assert reasons == [
        (ReviewPause.Reason.CRIMINAL_PROCEEDINGS, True),
        (ReviewPause.Reason.INQUEST, True),
    ]
    timeline = services.timeline(services.clock(review_2021, REPORT_DAY))
    titles = [entry.title for entry in timeline]
    assert "Paused for criminal proceedings" in titles
    assert "Restarted after inquest" in titles


def test_the_2021_review_was_paused_during_the_inquest(review_2021):
    clock = services.clock(review_2021, dt.date(2023, 1, 15))
    assert clock.flag == services.PAUSED
    assert _deadline(clock, "complete").status == "paused"


def test_the_2021_review_was_on_track_in_march_2023_and_is_overdue_since(review_2021):
    march = services.clock(review_2021, REPORT_DAY)
    due = _deadline(march, "complete").due
    assert march.flag == services.ON_TRACK
    assert march.next_deadline.label == "Complete the overview report"
    # Both pauses moved the six-month deadline: 319 + 71 days.
    assert _deadline(march, "complete").paused_days == 390
    assert services.clock(review_2021, due - dt.timedelta(days=7)).flag == services.DUE_SOON
    later = services.clock(review_2021, due + dt.timedelta(days=1))
    assert later.flag == services.OVERDUE
    assert services.clock(review_2021).flag == services.OVERDUE  # as the demo shows it today


def test_an_open_pause_leaves_the_due_date_unknown(review_2021):
    ReviewPause.objects.create(
        review=review_2021, reason=ReviewPause.Reason.OTHER, started_on=dt.date(2023, 3, 1)
    )
    clock = services.clock(review_2021, REPORT_DAY)
    assert clock.flag == services.PAUSED
    assert _deadline(clock, "complete").due is None
    assert clock.next_deadline.deadline.status == "paused"


def test_the_list_puts_overdue_and_paused_reviews_first(demo, review_2020, review_2021):
    access = _cleared_access(demo)
    assert [c.review.reference for c in services.review_list(demo.partnership, access, REPORT_DAY)] == [
        "WS-DHR-2021-01",
        "WS-DHR-2020-01",
    ]
    ReviewPause.objects.create(
        review=review_2020, reason=ReviewPause.Reason.OTHER, started_on=dt.date(2023, 3, 1)
    )
    flags = [(c.review.reference, c.flag) for c in services.review_list(demo.partnership, access, REPORT_DAY)]
    assert flags == [("WS-DHR-2020-01", "paused"), ("WS-DHR-2021-01", "on_track")]


def test_the_timeline_is_in_date_order_with_today_among_the_deadlines(review_2021):
    timeline = services.timeline(services.clock(review_2021, REPORT_DAY))
    dates = [entry.date for entry in timeline]
    assert dates == sorted(dates)
    kinds = [entry.kind for entry in timeline]
    assert kinds.index("today") < len(kinds) - 1  # the report deadline is still to come
    assert timeline[-1].title == "Complete the overview report" and timeline[-1].status == "Running"


def test_a_review_with_no_guidance_chosen_uses_the_guidance_in_force_when_notified(review_2021):
    review_2021.ruleset = ""
    assert services.ruleset_for(review_2021).version == "2016"
    # Victims and Prisoners Act 2024 s19 is prospective: Royal Assent (24 May 2024) is not
    # commencement, so a review notified after it stays under the 2016 guidance.
    review_2021.notified_on = dt.date(2024, 9, 1)
    assert services.ruleset_for(review_2021).version == "2016"


def test_a_review_not_commissioned_needs_nothing_more(demo):
    review = DomesticHomicideReview.objects.create(
        partnership=demo.partnership,
        reference="WS-DHR-2023-01",
        died_on=dt.date(2023, 1, 1),
        notified_on=dt.date(2023, 1, 10),
        decision=DomesticHomicideReview.Decision.NOT_COMMISSION,
        decided_on=dt.date(2023, 2, 1),
        home_office_informed_on=dt.date(2023, 2, 3),
        stage=DomesticHomicideReview.Stage.NOT_COMMISSIONED,
    )
    clock = services.clock(review, REPORT_DAY)
    assert clock.flag == services.CLOSED
    assert _deadline(clock, "complete").status == "not_required"


def _cleared_access(demo):
    return Access(membership=demo.officer.membership_in(demo.partnership), verified=True)


def test_a_review_notified_before_the_oldest_guidance_we_hold_uses_that_guidance(review_2021):
    review_2021.ruleset = ""
    review_2021.notified_on = dt.date(2015, 6, 1)
    assert services.ruleset_for(review_2021).version == "2016"


def test_a_review_refuses_guidance_we_do_not_hold(review_2021):
    review_2021.ruleset = "1999"
    with pytest.raises(ValidationError) as raised:
        review_2021.full_clean()
    assert raised.value.message_dict["ruleset"] == ["Select a version of the guidance we hold"]
