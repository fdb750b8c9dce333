"""The calendar's items: what is on it, each item's status, and who may see review deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from cspmonitor.partnership.models import Area
from cspmonitor.reviews.asb.models import CaseReviewApplication
from cspmonitor.reviews.duties import services
from cspmonitor.reviews.duties.models import CalendarSettings, ObligationDone, ObligationOwner
from tests.reviews.duties.conftest import DHR_STAGE, PLAN_TO_PCC_DUE, TODAY, access


def _item(demo, today, key="plan_to_pcc", due=PLAN_TO_PCC_DUE, clearance=services.EVERYTHING):
    return services.find_item(services.obligations_for(demo.partnership, clearance, today), key, due)


@pytest.mark.parametrize(
    "today, status",
    [
        (dt.date(2026, 4, 15), services.UPCOMING),  # 15 days ahead: beyond the 14-day lead time
        (dt.date(2026, 4, 16), services.DUE_SOON),  # 14 days ahead
        (dt.date(2026, 4, 30), services.DUE_SOON),  # the due date itself
        (dt.date(2026, 5, 1), services.OVERDUE),  # the day after
    ],
)
def test_it_gives_each_obligation_its_status_at_the_boundaries(demo, today, status):
    assert _item(demo, today).status == status


def test_an_officers_own_lead_time_overrides_the_partnerships(demo):
    ObligationOwner.objects.filter(partnership=demo.partnership, key="plan_to_pcc").update(
        remind_days_before=30
    )
    item = _item(demo, dt.date(2026, 4, 1))
    assert (item.status, item.lead_days, item.days_left) == (services.DUE_SOON, 30, 29)


def test_the_partnerships_lead_time_is_a_setting(demo):
    CalendarSettings.objects.filter(partnership=demo.partnership).update(reminder_lead_days=5)
    assert _item(demo, dt.date(2026, 4, 24)).status == services.UPCOMING
    assert _item(demo, dt.date(2026, 4, 25)).status == services.DUE_SOON


def test_an_obligation_recorded_as_done_is_done_even_after_its_due_date(demo):
    ObligationDone.objects.create(
        partnership=demo.partnership, key="plan_to_pcc", due=PLAN_TO_PCC_DUE, done_on=dt.date(2026, 4, 28)
    )
    item = _item(demo, dt.date(2026, 6, 1))
    assert (item.status, item.done_on) == (services.DONE, dt.date(2026, 4, 28))


def test_it_covers_this_financial_year_and_the_next_with_last_years_last_quarter(demo):
    items = services.obligations_for(demo.partnership, services.EVERYTHING, TODAY)
    obligations = [i for i in items if i.source == services.OBLIGATION]
    assert min(i.due for i in obligations if i.due >= dt.date(2026, 4, 1)) == dt.date(2026, 4, 30)
    assert max(i.due for i in obligations) == dt.date(2028, 3, 31)
    # The January-March 2026 quarter's information is shared by the end of April 2026.
    q4 = services.find_item(items, "information_sharing_q4", dt.date(2026, 4, 30))
    assert q4.duty == "information_sharing"
    assert [i.due for i in obligations if i.key == "strategic_assessment"] == [
        dt.date(2026, 12, 31),
        dt.date(2027, 12, 31),
    ]


def test_scrutiny_falls_due_twelve_months_after_the_last_and_is_listed_once(demo):
    items = services.obligations_for(demo.partnership, services.EVERYTHING, TODAY)
    scrutiny = [(i.due, i.status) for i in items if i.key == "scrutiny"]
    # The demo's last scrutiny was on 21 September 2023: the next was due a year later.
    assert scrutiny == [
        (dt.date(2024, 9, 21), services.OVERDUE),
        (dt.date(2026, 9, 21), services.UPCOMING),
        (dt.date(2027, 9, 21), services.UPCOMING),
    ]


def test_each_item_carries_its_responsible_officer_and_legal_basis(demo):
    item = _item(demo, TODAY)
    assert item.owner == demo.administrator
    assert item.legal_basis.startswith("SI 2007/1830 reg 13A")
    assert (
        services.find_item(
            services.obligations_for(demo.partnership, services.EVERYTHING, TODAY),
            "serious_violence_strategy_review",
            dt.date(2027, 1, 31),
        ).owner
        is None
    )


def test_open_review_deadlines_and_milestones_stay_on_it_however_old(demo):
    items = services.obligations_for(demo.partnership, services.EVERYTHING, TODAY)
    dhr = [i for i in items if i.source == services.DHR]
    assert [(i.title, i.status, i.classification) for i in dhr] == [
        (DHR_STAGE, services.OVERDUE, "official-sensitive")
    ]
    assert dhr[0].owner == demo.officer
    svd = {i.title: i.status for i in items if i.source == services.SVD}
    assert svd["Strategic needs assessment"] == services.OVERDUE
    # Done before the calendar's years: not listed.
    assert "Serious Violence Duty Steering Group established" not in svd


@pytest.mark.parametrize("persona", ["administrator", "officer", "panel_member"])
def test_cleared_people_signed_in_with_two_factors_see_review_deadlines(demo, persona):
    items = services.obligations_for(demo.partnership, access(demo, persona), TODAY)
    assert DHR_STAGE in [i.title for i in items]


@pytest.mark.parametrize(
    "persona, verified",
    [("viewer", True), ("partner_lead", True), ("officer", False), ("panel_member", False)],
)
def test_review_deadlines_are_hidden_from_anyone_not_cleared(demo, persona, verified):
    items = services.obligations_for(demo.partnership, access(demo, persona, verified=verified), TODAY)
    assert [i for i in items if i.restricted] == []
    assert [i for i in items if i.source in (services.DHR, services.ASB)] == []
    # The rest of the calendar is the same for everyone.
    assert len(items) == len(services.obligations_for(demo.partnership, services.OFFICIAL_ONLY, TODAY))


def test_asb_case_review_deadlines_are_on_it_for_the_cleared_only(demo):
    CaseReviewApplication.objects.create(
        partnership=demo.partnership,
        reference="WS-ASB-2026-01",
        received_on=dt.date(2026, 4, 13),
        received_via=CaseReviewApplication.Received.EMAIL,
        made_by=CaseReviewApplication.MadeBy.VICTIM,
        area=Area.objects.filter(partnership=demo.partnership, kind=Area.Kind.DISTRICT).first(),
    )
    cleared = services.obligations_for(demo.partnership, access(demo, "officer"), TODAY)
    asb = [(i.title, i.due, i.status) for i in cleared if i.source == services.ASB]
    assert asb == [
        # 10 and 15 working days from Monday 13 April 2026 (4 May is a bank holiday): 7 and 15
        # days ahead of today, so one is due soon and the other not yet.
        ("WS-ASB-2026-01: Acknowledge the application", dt.date(2026, 4, 27), services.DUE_SOON),
        ("WS-ASB-2026-01: Decide whether the threshold is met", dt.date(2026, 5, 5), services.UPCOMING),
    ]
    viewer = services.obligations_for(demo.partnership, access(demo, "viewer"), TODAY)
    assert [i for i in viewer if i.source == services.ASB] == []


def test_the_owners_list_hides_the_review_duties_from_those_not_cleared(demo):
    cleared = [d.key for d, _owner in services.owner_rows(demo.partnership, access(demo, "officer"))]
    viewer = [d.key for d, _owner in services.owner_rows(demo.partnership, access(demo, "viewer"))]
    assert {"dhr", "asb", "svd", "scrutiny"} <= set(cleared)
    assert "dhr" not in viewer and "asb" not in viewer and "svd" in viewer
