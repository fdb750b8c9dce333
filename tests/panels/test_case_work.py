"""Referral, risk, minutes, actions and closure through the panels' pages, each logged with
before and after values."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from cspmonitor.panels.models import Case, PanelAccessLog, PanelMeeting
from cspmonitor.panels.services import agenda
from tests.conftest import sign_in

LONDON_NOON = dt.datetime(2023, 4, 3, 12, 0, tzinfo=dt.UTC)


def _referral(mace, **changes) -> dict:
    police = mace.organisations.get(name="Suffolk Constabulary")
    data = {
        "reference": "WS-MACE-TEST-01",
        "subject_kind": "person_at_risk",
        "referred_by": police.pk,
        "referrer": "A test officer",
        "referred_on_0": "1",
        "referred_on_1": "4",
        "referred_on_2": "2023",
        "reason": "Seen with older people far from home (test).",
        "criteria_met": ["single_agency_exhausted", "child_criminal_exploitation"],
        "consent": "given",
        "consent_basis": "Given by the parent.",
        "risk": "high",
        "risk_reasons": "Missing episodes (test).",
        "subject_name": "Test Person (fictional)",
    }
    return {**data, **changes}


def test_it_refers_a_case_with_its_personal_details_apart_and_logs_the_change(client, demo, mace):
    sign_in(client, demo.panel_member)
    response = client.post(reverse("panels:refer", args=[demo.partnership.slug, mace.pk]), _referral(mace))
    case = Case.objects.get(panel=mace, reference="WS-MACE-TEST-01")
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert case.subject.name == "Test Person (fictional)"
    assert list(case.risk_history.values_list("level", flat=True)) == ["high"]
    log = PanelAccessLog.objects.get(case=case, what="changed")
    assert log.before is None and log.after["reference"] == "WS-MACE-TEST-01"
    assert log.email == demo.panel_member.email


def test_it_refuses_a_referral_that_does_not_meet_the_panel_criteria(client, demo, mace):
    sign_in(client, demo.panel_member)
    data = _referral(mace, criteria_met=["child_criminal_exploitation"])
    response = client.post(reverse("panels:refer", args=[demo.partnership.slug, mace.pk]), data)
    assert response.status_code == 200
    assert "does not meet Single-agency and existing multi-agency work" in response.content.decode()
    assert not Case.objects.filter(reference="WS-MACE-TEST-01").exists()


def test_it_takes_no_new_case_while_the_sharing_agreement_is_expired(client, demo, mace):
    mace.agreements.update(review_on=dt.date(2020, 3, 31))
    sign_in(client, demo.panel_member)
    response = client.post(reverse("panels:refer", args=[demo.partnership.slug, mace.pk]), _referral(mace))
    assert "information-sharing agreement has expired" in response.content.decode()
    assert not Case.objects.filter(reference="WS-MACE-TEST-01").exists()


def test_its_agenda_puts_new_referrals_then_the_highest_risk_then_overdue_actions_first(demo, mace):
    existing = mace.cases.get(reference="WS-MACE-DEMO-03")
    Case.objects.create(
        panel=mace,
        reference="WS-MACE-TEST-02",
        subject_kind="group",
        referred_by=existing.referred_by,
        referred_on=dt.date(2023, 4, 1),
        risk="low",
        consent="not_sought",
    )
    meeting = PanelMeeting.objects.create(panel=mace, date=dt.date(2023, 4, 18))
    items = agenda(mace, meeting)
    # TEST-02 is new though low risk; then 03 (very high), 05 (high), 04 (medium).
    assert [i.case.reference for i in items] == [
        "WS-MACE-TEST-02",
        "WS-MACE-DEMO-03",
        "WS-MACE-DEMO-05",
        "WS-MACE-DEMO-04",
    ]
    assert items[0].why == "New referral; Low risk"
    assert items[1].why == "Very high risk; 1 overdue action"


@time_machine.travel(LONDON_NOON, tick=False)
def test_it_records_a_minute_with_an_action_and_closes_the_case_with_before_and_after(client, demo, mace):
    sign_in(client, demo.officer)
    slug, case = demo.partnership.slug, mace.cases.get(reference="WS-MACE-DEMO-04")
    meeting = mace.meetings.get(date=dt.date(2023, 3, 14))
    owner = mace.organisations.get(name="Schools and colleges")
    url = reverse("panels:minute", args=[slug, mace.pk, meeting.pk, case.pk])
    missing = client.post(url, {"discussion": "D", "decision": "Keep open", "action": "Visit"})
    assert "Select the organisation that owns the action" in missing.content.decode()
    data = {"discussion": "D", "decision": "Close next time", "action": "Visit school", "owner": owner.pk}
    data |= {"due_on_0": "30", "due_on_1": "4", "due_on_2": "2023"}
    assert client.post(url, data).status_code == 302
    assert case.actions.get(description="Visit school").owner == owner
    close = reverse("panels:close", args=[slug, mace.pk, case.pk])
    data = {"closed_on_0": "3", "closed_on_1": "4", "closed_on_2": "2023", "outcome": "risk_reduced"}
    assert client.post(close, data).status_code == 302
    case.refresh_from_db()
    assert case.closed_on == dt.date(2023, 4, 3) and case.outcome == "risk_reduced"
    log = PanelAccessLog.objects.get(case=case, page="closure")
    assert log.before["closed_on"] is None and log.after["closed_on"] == "2023-04-03"


def test_a_search_is_logged_with_what_was_searched(client, demo, mace):
    sign_in(client, demo.panel_member)
    response = client.get(reverse("panels:panel", args=[demo.partnership.slug, mace.pk]), {"q": "demo-03"})
    assert (
        "WS-MACE-DEMO-03" in response.content.decode() and "WS-MACE-DEMO-04" not in response.content.decode()
    )
    assert PanelAccessLog.objects.filter(what="searched", page="cases demo-03").count() == 1


def test_a_new_risk_level_is_kept_in_the_history_with_its_reasons_and_logged(client, demo, mace):
    sign_in(client, demo.panel_member)
    case = mace.cases.get(reference="WS-MACE-DEMO-04")
    url = reverse("panels:risk", args=[demo.partnership.slug, mace.pk, case.pk])
    data = {"level": "very_high", "reasons": "Seen with a knife (test).", "assessed_on_0": "2"}
    data |= {"assessed_on_1": "4", "assessed_on_2": "2023"}
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.risk == "very_high"
    assert [r.level for r in case.risk_history.all()] == ["very_high", "medium"]
    log = PanelAccessLog.objects.get(case=case, page="risk")
    assert log.before == {"risk": "medium"} and log.after["level"] == "very_high"


def test_a_disclosure_outside_the_panel_is_recorded_with_who_gave_it(client, demo, mace):
    sign_in(client, demo.officer)
    case = mace.cases.get(reference="WS-MACE-DEMO-03")
    url = reverse("panels:disclosure", args=[demo.partnership.slug, mace.pk, case.pk])
    data = {"disclosed_to": "A fictional housing officer", "what": "The risk level", "purpose": "Safety plan"}
    data |= {"lawful_basis": "DPA 2018 Sch. 1 para 10", "disclosed_on_0": "3"}
    data |= {"disclosed_on_1": "4", "disclosed_on_2": "2023"}
    assert client.post(url, data).status_code == 302
    disclosure = case.disclosures.get()
    assert disclosure.disclosed_by == demo.officer and disclosure.disclosed_on == dt.date(2023, 4, 3)
    assert PanelAccessLog.objects.filter(case=case, page="disclosure", what="changed").exists()


def test_an_action_marked_done_leaves_the_open_actions(client, demo, mace):
    sign_in(client, demo.panel_member)
    action = mace.cases.get(reference="WS-MACE-DEMO-03").actions.filter(completed_on__isnull=True).get()
    url = reverse("panels:action_done", args=[demo.partnership.slug, mace.pk, action.pk])
    assert client.post(url).status_code == 302
    action.refresh_from_db()
    assert action.completed_on is not None
    page = client.get(reverse("panels:actions", args=[demo.partnership.slug, mace.pk])).content.decode()
    assert f"action_done/{action.pk}" not in page and f"actions/{action.pk}/done/" not in page
