"""Classification follows the data (plans.classification): records following a restricted homicide
review are restricted unless an officer declassifies them with a reason, which is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cspmonitor.accounts.models import Classification, Declassification
from cspmonitor.activity.models import Referral
from cspmonitor.plans.classification import declassifications, declassify
from cspmonitor.plans.models import Action
from cspmonitor.reviews.models import DomesticHomicideReview, ReviewActionItem
from tests.conftest import sign_in

OFFICIAL, SENSITIVE = Classification.OFFICIAL, Classification.OFFICIAL_SENSITIVE


def action(demo, reference: str) -> Action:
    return Action.objects.for_partnership(demo.partnership).get(reference=reference)


def review(demo, reference: str) -> DomesticHomicideReview:
    return DomesticHomicideReview.objects.get(partnership=demo.partnership, reference=reference)


def test_it_restricts_the_action_carrying_out_a_restricted_review_and_its_objective(demo):
    vawg5 = action(demo, "VAWG-5")
    assert vawg5.review == review(demo, "WS-DHR-2021-01")
    assert vawg5.classification == SENSITIVE
    assert vawg5.objective.classification == SENSITIVE


def test_it_restricts_an_action_once_a_restricted_reviews_action_plan_names_it(demo):
    ce1 = Action.objects.for_partnership(demo.partnership).exclude(reference__startswith="VAWG").first()
    assert ce1 is not None and ce1.classification == OFFICIAL
    dhr = review(demo, "WS-DHR-2020-01")
    item = ReviewActionItem.objects.create(
        review=dhr,
        recommendation="Act on it.",
        owner=ce1.lead_organisation,
        due_on=dt.date(2023, 9, 30),
        action=ce1,
    )
    ce1.refresh_from_db()
    assert ce1.classification == SENSITIVE
    item.delete()
    ce1.refresh_from_db()
    assert ce1.classification == OFFICIAL


def test_it_lets_an_action_follow_its_review_when_the_review_is_made_official(demo):
    dhr = review(demo, "WS-DHR-2021-01")
    dhr.classification = OFFICIAL
    dhr.save()
    assert action(demo, "VAWG-5").classification == OFFICIAL


def test_it_keeps_the_demo_officers_recorded_reason_for_declassifying_vawg_2(demo):
    vawg2 = action(demo, "VAWG-2")
    assert vawg2.classification == OFFICIAL  # on WS-DHR-2020-01's action plan, but declassified
    [decision] = declassifications(vawg2)
    assert decision.email == demo.officer.email and decision.user == demo.officer
    assert "say nothing about the review" in decision.reason


def test_it_refuses_a_declassification_without_a_reason(demo):
    vawg5 = action(demo, "VAWG-5")
    with pytest.raises(ValidationError, match="Give the reason"):
        declassify(vawg5, demo.officer, "   ", demo.partnership)
    assert not Declassification.objects.filter(record_id=vawg5.pk, record="VAWG-5").exists()
    assert action(demo, "VAWG-5").classification == SENSITIVE


def test_it_restricts_every_new_count_of_referrals_until_it_is_declassified(demo):
    existing = Referral.objects.for_partnership(demo.partnership).first()
    referral = Referral.objects.create(
        priority=existing.priority,
        organisation=existing.organisation,
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 3, 31),
        classification=OFFICIAL,  # asked for, but referrals are casework
        route=Referral.Route.NRM,
        area="West Suffolk",
        count=3,
    )
    assert referral.classification == SENSITIVE
    declassify(
        referral, demo.officer, "The Home Office publishes NRM referrals by council.", demo.partnership
    )
    referral.refresh_from_db()
    assert referral.classification == OFFICIAL
    referral.save()
    assert referral.classification == OFFICIAL


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("panel_member", 200), ("viewer", 404)])
def test_it_shows_a_restricted_action_only_to_the_cleared(client, demo, persona, status):
    sign_in(client, demo.by_name(persona))
    response = client.get(reverse("plans:action", args=[demo.partnership.slug, action(demo, "VAWG-5").pk]))
    assert response.status_code == status


def test_it_records_an_officers_declassification_from_the_action_page(client, demo):
    sign_in(client, demo.officer)
    vawg5 = action(demo, "VAWG-5")
    url = reverse("plans:action_declassify", args=[demo.partnership.slug, vawg5.pk])
    assert "Give the reason" in client.post(url, {"reason": ""}).content.decode()
    response = client.post(url, {"reason": "The review is published; the action names no one."})
    assert response.status_code == 302
    vawg5.refresh_from_db()
    assert vawg5.classification == OFFICIAL
    [decision] = declassifications(vawg5)
    assert (decision.user, decision.reason) == (
        demo.officer,
        "The review is published; the action names no one.",
    )


@pytest.mark.parametrize("persona", ["partner_lead", "panel_member", "viewer"])
def test_it_lets_no_one_but_administrators_and_officers_declassify(client, demo, persona):
    sign_in(client, demo.by_name(persona))
    url = reverse("plans:action_declassify", args=[demo.partnership.slug, action(demo, "VAWG-5").pk])
    assert client.post(url, {"reason": "Because."}).status_code in (403, 404)
    assert action(demo, "VAWG-5").classification == SENSITIVE
