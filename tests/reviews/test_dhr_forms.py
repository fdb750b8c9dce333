"""Recording a homicide review: adding and changing it, pausing and restarting it, and its action
plan. Administrators and officers only; every change is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cspmonitor.reviews.models import DomesticHomicideReview, ReviewAccess, ReviewActionItem, ReviewPause
from tests.conftest import sign_in


def _date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _review_data(demo, **fields) -> dict:
    police = demo.partnership.organisations.get(name="Suffolk Constabulary")
    data = {
        "reference": "ws-dhr-2023-01",
        "classification": "official-sensitive",
        "notified_by": str(police.pk),
        "ruleset": "",
        "decision": "pending",
        "decision_reasons": "",
        "chair": "",
        "stage": "notified",
        "qa_outcome": "",
        "publication_url": "",
        **_date("died_on", dt.date(2023, 5, 1)),
        **_date("notified_on", dt.date(2023, 5, 22)),
    }
    return data | fields


def test_an_officer_adds_a_review_and_the_addition_is_logged(client, demo):
    sign_in(client, demo.officer)
    response = client.post(reverse("reviews:dhr_create", args=[demo.partnership.slug]), _review_data(demo))
    review = DomesticHomicideReview.objects.get(reference="WS-DHR-2023-01")
    assert response.status_code == 302 and response.url == review.get_absolute_url()
    assert review.partnership == demo.partnership
    assert review.classification == "official-sensitive"
    assert [(a.user, a.what) for a in review.accesses.all()] == [(demo.officer, "changed")]


def test_it_refuses_a_reference_already_used(client, demo, review_2021):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("reviews:dhr_create", args=[demo.partnership.slug]),
        _review_data(demo, reference="ws-dhr-2021-01"),
    )
    assert response.status_code == 200
    assert "A review with this reference is already recorded" in response.content.decode()


def test_it_asks_for_the_date_of_a_decision(client, demo):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("reviews:dhr_create", args=[demo.partnership.slug]), _review_data(demo, decision="commission")
    )
    assert "Enter the date the decision was made" in response.content.decode()
    assert not DomesticHomicideReview.objects.filter(reference="WS-DHR-2023-01").exists()


def test_an_officer_changes_a_review_and_both_the_look_and_the_change_are_logged(client, demo, review_2020):
    sign_in(client, demo.officer)
    url = reverse("reviews:dhr_edit", args=[demo.partnership.slug, review_2020.pk])
    assert client.get(url).status_code == 200
    data = _review_data(
        demo,
        reference=review_2020.reference,
        decision="commission",
        stage="qa_feedback",
        ruleset="2016",
        qa_outcome="The panel asked for a clearer summary of the recommendations.",
        **_date("decided_on", review_2020.decided_on),
        **_date("died_on", review_2020.died_on),
        **_date("notified_on", review_2020.notified_on),
        **_date("submitted_on", review_2020.submitted_on),
        **_date("qa_feedback_on", dt.date(2023, 5, 2)),
    )
    assert client.post(url, data).status_code == 302
    review_2020.refresh_from_db()
    assert review_2020.stage == "qa_feedback"
    assert review_2020.qa_feedback_on == dt.date(2023, 5, 2)
    assert [(a.what, a.page) for a in review_2020.accesses.order_by("pk")] == [
        ("viewed", "edit"),
        ("changed", "edit"),
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("panel_member", 403), ("viewer", 404), ("partner_lead", 404), ("outsider", 404)],
)
def test_only_editors_change_a_review_and_others_do_not_learn_it_exists(
    client, demo, review_2021, persona, status
):
    sign_in(client, demo.by_name(persona))
    slug, pk = demo.partnership.slug, review_2021.pk
    for name in ("dhr_edit", "pause_create", "action_item_create"):
        assert client.get(reverse(f"reviews:{name}", args=[slug, pk])).status_code == status, name
        assert client.post(reverse(f"reviews:{name}", args=[slug, pk]), {}).status_code == status, name
    assert not ReviewAccess.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("panel_member", 403), ("viewer", 403), ("outsider", 404)])
def test_only_editors_add_a_review(client, demo, persona, status):
    sign_in(client, demo.by_name(persona))
    response = client.post(reverse("reviews:dhr_create", args=[demo.partnership.slug]), _review_data(demo))
    assert response.status_code == status
    assert not DomesticHomicideReview.objects.filter(reference="WS-DHR-2023-01").exists()


def test_an_officer_pauses_and_restarts_a_review(client, demo, review_2021):
    sign_in(client, demo.officer)
    slug = demo.partnership.slug
    response = client.post(
        reverse("reviews:pause_create", args=[slug, review_2021.pk]),
        {
            "reason": "other",
            "detail": "Awaiting a safeguarding review",
            **_date("started_on", dt.date(2023, 3, 1)),
        },
    )
    assert response.status_code == 302
    pause = review_2021.pauses.get(ended_on__isnull=True)
    assert "Restart the review" in client.get(review_2021.get_absolute_url()).content.decode()

    again = client.post(
        reverse("reviews:pause_create", args=[slug, review_2021.pk]),
        {"reason": "inquest", **_date("started_on", dt.date(2023, 3, 2))},
    )
    assert "already paused" in again.content.decode()

    end_url = reverse("reviews:pause_end", args=[slug, review_2021.pk, pause.pk])
    early = client.post(end_url, _date("ended_on", dt.date(2023, 2, 1)))
    assert "The date restarted must be on or after the date paused" in early.content.decode()
    assert client.post(end_url, _date("ended_on", dt.date(2023, 3, 20))).status_code == 302
    pause.refresh_from_db()
    assert pause.ended_on == dt.date(2023, 3, 20)
    assert client.get(end_url).status_code == 404  # already restarted
    assert review_2021.accesses.filter(what="changed").count() == 2


def test_an_officer_adds_a_recommendation_linked_to_the_action_plan(client, demo, review_2021):
    sign_in(client, demo.officer)
    council = demo.partnership.organisations.get(name="West Suffolk Council")
    action = (
        review_2021.partnership.plans.first().priorities.get(title__startswith="Violence").objectives.first()
    )
    plan_action = action.actions.first()
    response = client.post(
        reverse("reviews:action_item_create", args=[demo.partnership.slug, review_2021.pk]),
        {
            "recommendation": "Share the learning with every partner's safeguarding lead.",
            "owner": str(council.pk),
            "action": str(plan_action.pk),
            **_date("due_on", dt.date(2023, 9, 30)),
        },
    )
    assert response.status_code == 302
    item = ReviewActionItem.objects.get(review=review_2021)
    assert (item.owner, item.action, item.completed_on) == (council, plan_action, None)
    page = client.get(review_2021.get_absolute_url()).content.decode()
    assert "Share the learning" in page and plan_action.reference in page


def test_a_pause_cannot_be_restarted_for_another_review(client, demo, review_2020, review_2021):
    pause = ReviewPause.objects.create(review=review_2020, reason="other", started_on=dt.date(2023, 3, 1))
    sign_in(client, demo.officer)
    url = reverse("reviews:pause_end", args=[demo.partnership.slug, review_2021.pk, pause.pk])
    assert client.get(url).status_code == 404
