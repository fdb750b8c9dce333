"""Adding and changing priorities, objectives and actions (officers and administrators)."""

from __future__ import annotations

from django.urls import reverse

from cspmonitor.plans.models import Action, Priority
from tests.conftest import sign_in


def _action_data(small_plan, **fields):
    return {
        "objective": small_plan.objective.pk,
        "reference": "T-3",
        "title": "Run a campaign",
        "lead_organisation": small_plan.council_action.lead_organisation.pk,
        "owner": "Community Safety Manager",
        "start_date_0": "1",
        "start_date_1": "4",
        "start_date_2": "2030",
        "due_date_0": "31",
        "due_date_1": "3",
        "due_date_2": "2031",
        "status": "not_started",
        "rag": "",
        "rag_reason": "",
    } | fields


def test_an_officer_adds_an_action_to_an_objective(client, demo, small_plan):
    sign_in(client, demo.officer)
    response = client.post(
        reverse("plans:action_create", args=[demo.partnership.slug]), _action_data(small_plan)
    )
    action = Action.objects.get(reference="T-3")
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()


def test_it_refuses_a_due_date_before_the_start(client, demo, small_plan):
    sign_in(client, demo.officer)
    data = _action_data(small_plan, due_date_2="2029")
    response = client.post(reverse("plans:action_create", args=[demo.partnership.slug]), data)
    assert "The due date must be on or after the start date" in response.content.decode()
    assert not Action.objects.filter(reference="T-3").exists()


def test_only_officers_and_administrators_change_the_plan_itself(client, demo, small_plan):
    urls = [
        reverse("plans:action_create", args=[demo.partnership.slug]),
        reverse("plans:action_edit", args=[demo.partnership.slug, small_plan.police_action.pk]),
        reverse("plans:priority_create", args=[demo.partnership.slug]),
        reverse("plans:priority_edit", args=[demo.partnership.slug, small_plan.priority.pk]),
        reverse("plans:objective_create", args=[demo.partnership.slug]),
        reverse("plans:objective_edit", args=[demo.partnership.slug, small_plan.objective.pk]),
    ]
    for persona, status in [
        ("administrator", 200),
        ("officer", 200),
        ("partner_lead", 403),
        ("viewer", 403),
        ("panel_member", 403),
        ("outsider", 404),
    ]:
        client.logout()
        sign_in(client, demo.by_name(persona))
        assert [client.get(url).status_code for url in urls] == [status] * len(urls), persona


def test_a_retired_priority_needs_the_date_it_was_retired(client, demo, small_plan):
    sign_in(client, demo.officer)
    priority = small_plan.priority
    data = {
        "title": priority.title,
        "kind": "priority",
        "description": "",
        "lead_organisation": priority.lead_organisation.pk,
        "adopted_on_0": "1",
        "adopted_on_1": "4",
        "adopted_on_2": "2030",
        "adopted_by": "",
        "evidence": "",
        "evidence_detail": "",
        "status": "retired",
        "order": "0",
    }
    response = client.post(reverse("plans:priority_edit", args=[demo.partnership.slug, priority.pk]), data)
    assert "Enter the date the priority was retired" in response.content.decode()
    data |= {"retired_on_0": "30", "retired_on_1": "9", "retired_on_2": "2030"}
    client.post(reverse("plans:priority_edit", args=[demo.partnership.slug, priority.pk]), data)
    assert Priority.objects.get(pk=priority.pk).status == "retired"
