"""The demo holds the Western Suffolk plan 2022–25 and its 2022/23 monitoring as the seed
report tells it: the priorities, the quarterly updates and every figure the report counts."""

from __future__ import annotations

import datetime as dt

from cspmonitor.accounts.models import Classification
from cspmonitor.activity.models import (
    OUTPUT_KINDS,
    Award,
    Event,
    Intervention,
    NetworkCount,
    Referral,
    SupportService,
    TrainingSession,
)
from cspmonitor.demo import western_suffolk as ws
from cspmonitor.demo.loader import load_western_suffolk
from cspmonitor.plans.models import Action, Objective, Plan, PlanRefresh, Priority, ProgressUpdate, Status

PLAN_MODELS = [Plan, PlanRefresh, Priority, Objective, Action, ProgressUpdate, *OUTPUT_KINDS]


def _counts():
    return {model.__name__: model.objects.count() for model in PLAN_MODELS}


def test_it_holds_the_seven_priorities_then_the_serious_violence_duty_in_order(demo):
    plan = Plan.objects.get(partnership=demo.partnership)
    assert plan.title == "Western Suffolk Community Safety Partnership Plan 2022–25"
    assert plan.period == "2022-23 to 2024-25"
    assert list(plan.priorities.values_list("title", "kind")) == [
        ("Criminal exploitation", "priority"),
        ("Violence against women and girls", "priority"),
        ("Modern slavery", "priority"),
        ("Hate crime", "priority"),
        ("Prevent", "priority"),
        ("Anti-social behaviour", "priority"),
        ("Fraud", "priority"),
        ("Serious Violence Duty", "statutory_duty"),
    ]


def test_it_records_fraud_as_adopted_by_the_partnership_in_july_2022(demo):
    fraud = Priority.objects.get(title="Fraud")
    assert fraud.adopted_on == dt.date(2022, 7, 12)
    assert fraud.adopted_mid_year
    assert fraud.adopted_by.name == ws.NAME
    assert fraud.lead_organisation.name == "Suffolk Trading Standards"
    assert fraud.evidence == Priority.Evidence.STRATEGIC_ASSESSMENT
    assert "March 2022" in fraud.evidence_detail
    refresh = PlanRefresh.objects.get(year="2022-23")
    assert refresh.refreshed_on == fraud.adopted_on


def test_it_takes_every_actions_status_and_rag_from_its_latest_update(demo):
    actions = Action.objects.all()
    assert 18 <= actions.count() <= 22
    for action in actions:
        latest = action.latest_update()
        assert latest is not None, action.reference
        assert (action.status, action.rag, action.rag_reason) == (
            latest.status,
            latest.rag,
            latest.rag_reason,
        )


def test_it_starts_fraud_updates_in_q2_and_serious_violence_duty_updates_in_q3(demo):
    fraud = ProgressUpdate.objects.filter(action__reference__startswith="FR-")
    duty = ProgressUpdate.objects.filter(action__reference__startswith="SVD-")
    assert min(fraud.values_list("period", flat=True)) == "2022-23 Q2"
    assert min(duty.values_list("period", flat=True)) == "2022-23 Q3"


def test_it_mixes_green_amber_and_red_with_reasons_for_amber_and_red(demo):
    rags = set(Action.objects.values_list("rag", flat=True))
    assert rags == {"green", "amber", "red"}
    assert not ProgressUpdate.objects.filter(rag__in=["amber", "red"], rag_reason="").exists()


def test_it_has_complete_actions_and_overdue_ones(demo):
    assert Action.objects.filter(status=Status.COMPLETE).exists()
    assert Action.objects.overdue(dt.date(2026, 11, 25)).filter(reference="VAWG-5").exists()


def test_it_gives_the_police_partner_lead_some_actions_and_outputs_but_not_most(demo):
    police = demo.partner_lead.membership_in(demo.partnership).organisation
    led = Action.objects.filter(lead_organisation=police).count()
    assert 0 < led < Action.objects.count() / 2
    assert Action.objects.filter(lead_organisation__name="West Suffolk Council").count() >= 5
    assert Referral.objects.filter(organisation=police).exists()


def test_it_passes_every_models_validation(demo):
    records = [*Priority.objects.all(), *Action.objects.all(), *ProgressUpdate.objects.all()]
    for model in OUTPUT_KINDS:
        records += list(model.objects.all())
    for record in records:
        record.full_clean()


def test_it_marks_the_referrals_and_reassurance_visits_official_sensitive(demo):
    sensitive = Classification.OFFICIAL_SENSITIVE
    assert Referral.objects.exclude(classification=sensitive).count() == 0
    assert set(Referral.objects.values_list("route", flat=True)) == {"nrm", "channel"}
    assert Intervention.objects.get(name__startswith="Reassurance visits").classification == sensitive


def test_loading_the_plan_twice_changes_no_counts_or_history(demo):
    first = _counts()
    history = Action.history.count()
    load_western_suffolk()
    assert _counts() == first
    assert Action.history.count() == history


def test_it_counts_the_criminal_exploitation_awareness_sessions(demo):
    sessions = TrainingSession.objects.filter(topic="Criminal exploitation awareness")
    assert sessions.get(audience="staff").people_reached == 15
    assert sessions.get(audience="school_staff").people_reached == 20


def test_it_counts_the_prevent_training_and_the_courses_for_parents(demo):
    assert TrainingSession.objects.get(topic="Prevent duty training").people_reached == 43
    parents = TrainingSession.objects.get(audience="parents_and_carers")
    assert parents.people_reached == 84


def test_it_counts_over_110_at_the_online_radicalisation_conference(demo):
    conference = Event.objects.get(name="Online Radicalisation and Extremism Conference")
    assert conference.attendance == "over 110"


def test_it_counts_five_target_hardened_properties(demo):
    assert Intervention.objects.get(name="Target hardening", area="West Suffolk").count == 5


def test_it_counts_the_domestic_abuse_champions(demo):
    champions = NetworkCount.objects.filter(network="Domestic Abuse Champion Network")
    assert champions.get(scope="Across Suffolk").count == 1250
    assert champions.get(scope="West Suffolk Council staff").count == 8


def test_it_counts_the_hope_awards_applications_and_nominees(demo):
    awards = Award.objects.filter(scheme__startswith="HOPE Awards")
    assert awards.get(area="Suffolk").applications == 18
    assert awards.get(area="Suffolk").nominees == 59
    assert awards.get(area="West Suffolk").applications == 3


def test_it_lists_the_eleven_commissioned_support_services(demo):
    assert SupportService.objects.count() == 11
    assert SupportService.objects.filter(name="The Ferns Sexual Assault Referral Centre").exists()
