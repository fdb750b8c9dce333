"""Writing a quarterly update on an action (the page partner leads use every quarter)."""

from __future__ import annotations

from django.urls import reverse

from cspmonitor.plans.models import ProgressUpdate
from tests.conftest import sign_in


def _url(partnership, action) -> str:
    return reverse("plans:update_create", args=[partnership.slug, action.pk])


def _post(client, partnership, action, **fields):
    data = {
        "period": "2030-31 Q1",
        "status": "on_track",
        "rag": "green",
        "rag_reason": "",
        "narrative": "Two sessions delivered to staff.",
        "evidence_links": "",
    } | fields
    return client.post(_url(partnership, action), data)


def test_it_lets_a_partner_lead_update_their_own_organisations_action(client, demo, small_plan):
    sign_in(client, demo.partner_lead)
    response = _post(
        client, demo.partnership, small_plan.police_action, rag="amber", rag_reason="Trainer off sick"
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(action=small_plan.police_action)
    assert update.written_by == demo.partner_lead
    assert update.rag == "amber"


def test_it_refuses_a_partner_lead_an_action_another_organisation_leads(client, demo, small_plan):
    sign_in(client, demo.partner_lead)
    assert client.get(_url(demo.partnership, small_plan.council_action)).status_code == 403
    assert _post(client, demo.partnership, small_plan.council_action).status_code == 403
    assert not ProgressUpdate.objects.filter(action__objective=small_plan.objective).exists()


def test_it_refuses_viewers_and_panel_members_and_hides_the_action_from_outsiders(client, demo, small_plan):
    for persona, status in [("viewer", 403), ("panel_member", 403), ("outsider", 404)]:
        client.logout()
        sign_in(client, demo.by_name(persona))
        assert _post(client, demo.partnership, small_plan.council_action).status_code == status, persona
    assert not ProgressUpdate.objects.filter(action__objective=small_plan.objective).exists()


def test_the_latest_quarters_update_sets_the_actions_status_and_rag(client, demo, small_plan):
    sign_in(client, demo.officer)
    action = small_plan.council_action
    _post(
        client,
        demo.partnership,
        action,
        period="2030-31 Q2",
        status="at_risk",
        rag="red",
        rag_reason="No venue",
    )
    _post(client, demo.partnership, action, period="2030-31 Q1", status="on_track", rag="green")
    action.refresh_from_db()
    assert (action.status, action.rag, action.rag_reason) == ("at_risk", "red", "No venue")


def test_a_second_update_for_the_same_quarter_replaces_the_first(client, demo, small_plan):
    sign_in(client, demo.officer)
    action = small_plan.council_action
    _post(client, demo.partnership, action, narrative="First draft")
    _post(client, demo.partnership, action, narrative="Final words", status="complete")
    assert list(action.updates.values_list("narrative", flat=True)) == ["Final words"]
    action.refresh_from_db()
    assert action.status == "complete"


def test_it_asks_for_a_reason_for_an_amber_or_red_rating(client, demo, small_plan):
    sign_in(client, demo.officer)
    response = _post(client, demo.partnership, small_plan.council_action, rag="red", rag_reason="")
    assert response.status_code == 200
    assert "Give the reason for an amber or red rating" in response.content.decode()
    assert not ProgressUpdate.objects.filter(action__objective=small_plan.objective).exists()


def test_it_refuses_a_quarter_outside_the_plans_years_and_a_link_that_is_not_a_web_address(
    client, demo, small_plan
):
    sign_in(client, demo.officer)
    response = _post(
        client,
        demo.partnership,
        small_plan.council_action,
        period="2040-41 Q1",
        evidence_links="minutes.docx",
    )
    body = response.content.decode()
    assert "Select a quarter within the plan" in body
    assert "must start with https://" in body
    assert not ProgressUpdate.objects.filter(action__objective=small_plan.objective).exists()
