"""The partnership's own choices in its ASB Case Review procedure: when the decision clock
starts, and whether a review opens by itself when the threshold is met."""

from __future__ import annotations

import datetime as dt

import pytest

from cspmonitor.reviews.asb.forms import ComplaintForm
from cspmonitor.reviews.asb.models import CaseReviewApplication
from cspmonitor.reviews.asb.services import clocks
from cspmonitor.reviews.statutory import StatutorySettings

D = dt.date
RECEIVED, ACKNOWLEDGED = D(2022, 12, 16), D(2023, 1, 3)


def _application(demo, **fields) -> CaseReviewApplication:
    return CaseReviewApplication.objects.create(
        partnership=demo.partnership,
        reference="WS-ASB-2026-99",
        received_on=RECEIVED,
        received_via="email",
        made_by="victim",
        area=demo.partnership.areas.first(),
        **fields,
    )


@pytest.mark.parametrize(
    ("starts", "due"),
    [
        # Local procedures: the threshold decision counted from receipt, or from acknowledgement.
        pytest.param("received", D(2023, 1, 11), id="from receipt (the default)"),
        pytest.param("acknowledged", D(2023, 1, 24), id="from acknowledgement (the partnership's choice)"),
    ],
)
def test_the_decision_clock_starts_from_the_partnerships_chosen_event(demo, starts, due):
    StatutorySettings.objects.create(partnership=demo.partnership, asb_decide_starts_from=starts)
    application = _application(demo, acknowledged_on=ACKNOWLEDGED)
    decide = next(c for c in clocks(application, today=D(2023, 1, 5)) if c.stage.key == "decide")
    assert decide.due == due


def _complain(demo, application, day: int, person: str) -> None:
    police = demo.partnership.organisations.get(name="Suffolk Constabulary")
    form = ComplaintForm(
        {
            "behaviour_on_0": str(day), "behaviour_on_1": "12", "behaviour_on_2": "2022",
            "reported_on_0": str(day), "reported_on_1": "12", "reported_on_2": "2022",
            "agency": str(police.pk), "incident_reference": "", "complainant": person, "notes": "",
        },
        instance=application.complaints.model(application=application),
        partnership=demo.partnership,
    )  # fmt: skip
    assert form.is_valid(), form.errors
    form.save()


@pytest.mark.parametrize(
    ("automatic", "decision"),
    [
        # 2023 ASB action plan: open a review automatically when the threshold is met (a local choice).
        pytest.param(True, "met", id="automatic opening chosen: the third complaint opens the review"),
        pytest.param(False, "", id="not chosen: the officer decides"),
    ],
)
def test_a_review_opens_itself_when_the_threshold_is_met_if_the_partnership_chose_so(
    demo, automatic, decision
):
    StatutorySettings.objects.create(partnership=demo.partnership, asb_open_automatically=automatic)
    application = _application(demo)
    for day, person in ((1, "A"), (5, "A")):
        _complain(demo, application, day, person)
    application.refresh_from_db()
    assert application.decision == ""
    _complain(demo, application, 9, "B")
    application.refresh_from_db()
    assert application.decision == decision
