"""Plans made and refreshed in the browser: a new plan, its yearly refresh, a plan started from
the last one, and the strategic assessment's regulation 5 checklist reading them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cspmonitor.analysis.assessment import regulation_5
from cspmonitor.crime.models import Assessment
from cspmonitor.periods import FinancialYear
from cspmonitor.plans.models import Action, Plan, PlanRefresh, Priority
from cspmonitor.plans.planning import regulation_5_for
from cspmonitor.reports import services as reports
from cspmonitor.reports.fingerprint import content_hash
from tests.conftest import sign_in


@pytest.fixture(autouse=True)
def spring_2023():
    with time_machine.travel(dt.datetime(2023, 3, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _plan_data(**fields) -> dict:
    return {"title": "Elsewhere plan 2023–26", "first_year": 2023, "years": 3, "summary": ""} | fields


def test_it_sends_an_officer_whose_partnership_has_no_plan_to_make_one_first(client, demo):
    sign_in(client, demo.outsider)  # an officer of Elsewhere CSP, which has no plan
    response = client.get(reverse("plans:priority_create", args=["elsewhere"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:plan_create", args=["elsewhere"])


def test_an_officer_makes_a_plan_and_gives_it_a_priority_objective_and_action(client, demo):
    sign_in(client, demo.outsider)
    response = client.post(reverse("plans:plan_create", args=["elsewhere"]), _plan_data())
    plan = Plan.objects.get(partnership__slug="elsewhere")
    assert response["Location"] == plan.get_absolute_url()
    assert plan.period == "2023-24 to 2025-26"
    council = plan.partnership.organisations.get()
    response = client.post(
        reverse("plans:priority_create", args=["elsewhere"]),
        {
            "title": "Shop theft",
            "kind": "priority",
            "lead_organisation": council.pk,
            "evidence": "community_concern",
            "status": "active",
            "order": 1,
            **_date("adopted_on", dt.date(2023, 4, 1)),
        },
    )
    priority = Priority.objects.get(plan=plan)
    client.post(
        reverse("plans:objective_create", args=["elsewhere"]),
        {"priority": priority.pk, "title": "Safer high streets", "order": 1},
    )
    client.post(
        reverse("plans:action_create", args=["elsewhere"]),
        {
            "objective": priority.objectives.get().pk,
            "reference": "ST-1",
            "title": "Train shop staff",
            "lead_organisation": council.pk,
            "owner": "Town centre manager",
            "status": "not_started",
            **_date("start_date", dt.date(2023, 4, 1)),
            **_date("due_date", dt.date(2024, 3, 31)),
        },
    )
    response = client.get(reverse("plans:dashboard", args=["elsewhere"]), {"year": "2023-24"})
    assert response.context["plan"].total == 1
    assert "Shop theft" in response.content.decode()


def test_it_refuses_a_plan_sharing_a_year_with_another(client, demo):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("plans:plan_create", args=[demo.partnership.slug]), _plan_data(title="Another plan")
    )
    assert response.status_code == 200
    assert "already covers 2022-23 to 2024-25" in response.context["form"].errors["first_year"][0]


def test_only_officers_make_plans(client, demo):
    for persona, status in [("partner_lead", 403), ("viewer", 403), ("outsider", 404)]:
        client.logout()
        sign_in(client, demo.by_name(persona))
        url = reverse("plans:plan_create", args=[demo.partnership.slug])
        assert client.get(url).status_code == status, persona
    client.logout()
    sign_in(client, demo.viewer)
    assert client.get(reverse("plans:plans", args=[demo.partnership.slug])).status_code == 200


def _refresh_url(demo, year="2023-24"):
    plan = Plan.objects.get(partnership=demo.partnership)
    return reverse("plans:plan_refresh", args=[demo.partnership.slug, plan.pk, year])


def test_the_refresh_proposes_carrying_every_unfinished_action_and_no_finished_one(client, demo):
    sign_in(client, demo.officer)
    form = client.get(_refresh_url(demo)).context["form"]
    offered = {Action.objects.get(pk=pk).reference for pk, _label in form.fields["carry"].choices}
    assert offered == {"FR-2", "VAWG-5"}  # off track and at risk at the end of 2022/23
    assert sorted(form.initial["carry"]) == sorted(pk for pk, _label in form.fields["carry"].choices)


def test_a_refresh_carries_the_ticked_actions_retires_and_adopts_and_leaves_last_year_as_reported(
    client, demo
):
    sign_in(client, demo.officer)
    before = content_hash(reports.build(demo.partnership, "annual", "2022-23", "restricted"))
    vawg5, fr2 = Action.objects.get(reference="VAWG-5"), Action.objects.get(reference="FR-2")
    hate = Priority.objects.get(title="Hate crime")
    trading = demo.partnership.organisations.get(name="Suffolk Trading Standards")
    response = client.post(
        _refresh_url(demo),
        {
            **_date("refreshed_on", dt.date(2023, 3, 14)),
            "summary": "Kept six priorities, retired hate crime, added doorstep crime.",
            "carry": [vawg5.pk],
            "retire": [hate.pk],
            "retirement_reason": "Hate crime fell for two years; the police lead it as business as usual.",
            "new_title": "Doorstep crime",
            "new_lead": trading.pk,
            "new_evidence": "strategic_assessment",
            "new_evidence_detail": "The March 2023 strategic assessment.",
        },
    )
    assert response.status_code == 302
    vawg5.refresh_from_db()
    fr2.refresh_from_db()
    assert (vawg5.due_date, vawg5.extended_to) == (dt.date(2023, 3, 31), dt.date(2024, 3, 31))
    assert fr2.extended_to is None
    refresh = PlanRefresh.objects.get(year="2023-24")
    assert list(refresh.carried.all()) == [vawg5]
    hate.refresh_from_db()
    assert hate.retired_on == dt.date(2023, 4, 1) and "business as usual" in hate.retirement_reason
    assert Priority.objects.get(title="Doorstep crime").adopted_on == dt.date(2023, 4, 1)
    in_2023 = set(Priority.objects.in_year(FinancialYear.parse("2023-24")).values_list("title", flat=True))
    in_2022 = set(Priority.objects.in_year(FinancialYear.parse("2022-23")).values_list("title", flat=True))
    assert "Doorstep crime" in in_2023 and "Hate crime" not in in_2023
    assert "Hate crime" in in_2022 and "Doorstep crime" not in in_2022
    assert set(
        Action.objects.in_year(FinancialYear.parse("2023-24")).values_list("reference", flat=True)
    ) >= {"VAWG-5"}
    assert "FR-2" not in set(
        Action.objects.in_year(FinancialYear.parse("2023-24")).values_list("reference", flat=True)
    )
    assert content_hash(reports.build(demo.partnership, "annual", "2022-23", "restricted")) == before


def test_retiring_a_priority_needs_the_evidence(client, demo):
    sign_in(client, demo.officer)
    hate = Priority.objects.get(title="Hate crime")
    response = client.post(
        _refresh_url(demo),
        {**_date("refreshed_on", dt.date(2023, 3, 14)), "summary": "Review.", "retire": [hate.pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["retirement_reason"] == [
        "Give the evidence for retiring the priorities ticked"
    ]
    assert not PlanRefresh.objects.filter(year="2023-24").exists()


def test_a_new_plan_starts_from_the_last_one_and_leaves_it_as_it_was(client, demo):
    sign_in(client, demo.officer)
    last = Plan.objects.get(partnership=demo.partnership)
    kept = {
        a.pk: (a.start_date, a.due_date, a.extended_to, a.status)
        for a in Action.objects.filter(objective__priority__plan=last)
    }
    response = client.post(
        reverse("plans:plan_create", args=[demo.partnership.slug]),
        _plan_data(title="Western Suffolk plan 2025–28", first_year=2025, start_from_last="on"),
    )
    new = Plan.objects.get(title="Western Suffolk plan 2025–28")
    assert response["Location"] == new.get_absolute_url()
    assert new.started_from == last
    assert list(new.priorities.values_list("title", flat=True)) == list(
        last.priorities.values_list("title", flat=True)
    )
    carried = Action.objects.filter(objective__priority__plan=new)
    # Only the actions not finished at the end of the last plan (by their last 2024/25 status).
    assert carried.exists() and not carried.filter(reference="CE-1").exists()
    assert all(a.start_date == dt.date(2025, 4, 1) for a in carried)
    assert {
        a.pk: (a.start_date, a.due_date, a.extended_to, a.status)
        for a in Action.objects.filter(objective__priority__plan=last)
    } == kept


def _assessment(demo) -> Assessment:
    return Assessment.objects.create(
        partnership=demo.partnership,
        year="2022-23",
        status=Assessment.Status.DONE,
        result={"regulation_5": regulation_5({})},
    )


def test_the_regulation_5_checklist_takes_priorities_and_plan_delivery_from_the_plan(demo):
    assessment = _assessment(demo)
    elements = {e["key"]: e for e in regulation_5_for(assessment)}
    assert not elements["priorities"]["present"]  # no priority rests on this assessment yet
    assert elements["plan_delivery"]["present"]
    assert "of 22 actions complete" in elements["plan_delivery"]["note"]
    Priority.objects.filter(title="Fraud").update(assessment=assessment)
    elements = {e["key"]: e for e in regulation_5_for(assessment)}
    assert elements["priorities"]["present"] and "Fraud" in elements["priorities"]["note"]


def test_the_checklist_misses_plan_delivery_for_a_year_with_no_plan(demo):
    assessment = _assessment(demo)
    assessment.year = "2030-31"
    elements = {e["key"]: e for e in regulation_5_for(assessment)}
    assert not elements["plan_delivery"]["present"]
