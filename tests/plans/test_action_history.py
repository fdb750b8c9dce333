"""The change history of an action: who changed what, and when."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import sign_in


def test_the_history_shows_who_changed_an_actions_rag_and_when(client, demo, small_plan):
    action = small_plan.police_action
    sign_in(client, demo.partner_lead)
    client.post(
        reverse("plans:update_create", args=[demo.partnership.slug, action.pk]),
        {
            "period": "2030-31 Q1",
            "status": "at_risk",
            "rag": "red",
            "rag_reason": "Funding withdrawn",
            "narrative": "The project has paused.",
        },
    )
    client.logout()
    sign_in(client, demo.officer)
    response = client.get(reverse("plans:action_history", args=[demo.partnership.slug, action.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    row = body[body.index("<tbody") :]
    assert "Pat Lead" in row
    assert "<strong>RAG rating</strong>: (blank) → Red" in row
    assert "<strong>Status</strong>: Not started → At risk" in row
    when = action.history.latest().history_date
    assert f"{when:%-d %B %Y}" in row


def test_the_history_is_for_officers_and_administrators_only(client, demo, small_plan):
    url = reverse("plans:action_history", args=[demo.partnership.slug, small_plan.police_action.pk])
    for persona, status in [
        ("administrator", 200),
        ("officer", 200),
        ("partner_lead", 403),
        ("panel_member", 403),
        ("viewer", 403),
        ("outsider", 404),
    ]:
        client.logout()
        sign_in(client, demo.by_name(persona))
        assert client.get(url).status_code == status, persona
