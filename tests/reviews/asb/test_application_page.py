"""The threshold screen: the complaints, the engine's result with its reasons, the clocks, and the
decision form; seen only by cleared roles, changed only by officers and administrators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import sign_in

STATUSES = {
    "administrator": 200,
    "officer": 200,
    "panel_member": 200,
    "partner_lead": 404,
    "viewer": 404,
    "outsider": 404,
}


@pytest.mark.parametrize(("persona", "status"), STATUSES.items())
def test_only_cleared_roles_see_an_application(client, demo, asb, persona, status):
    sign_in(client, demo.by_name(persona))
    assert client.get(asb("WS-ASB-2022-01").get_absolute_url()).status_code == status


def test_a_cleared_role_signed_in_without_the_second_step_is_sent_to_it(client, demo, asb):
    sign_in(client, demo.panel_member, second_factor=False)
    response = client.get(asb("WS-ASB-2022-01").get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_anonymous_visitors_are_sent_to_sign_in(client, demo, asb):
    response = client.get(asb("WS-ASB-2022-01").get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_it_shows_the_complaints_and_why_each_counts(client, demo, asb):
    sign_in(client, demo.officer)
    response = client.get(asb("WS-ASB-2022-01").get_absolute_url())
    result = response.context["result"]
    assert (result.met, result.rule) == (True, "standard")
    body = response.content.decode()
    assert "Threshold met: 3 qualifying complaints" in body
    for explanation in result.explanations:
        assert explanation.replace("'", "&#x27;") in body
    assert "counted once: the behaviour on 26 February 2022 was also reported to Suffolk Constabulary" in body
    assert body.count('govuk-tag--green">Counts<') == 3


def test_it_shows_the_clocks_met_and_late(client, demo, asb):
    sign_in(client, demo.officer)
    response = client.get(asb("WS-ASB-2022-04").get_absolute_url())
    statuses = {clock.stage.key: clock.status for clock in response.context["clocks"]}
    assert statuses == {"acknowledge": "late", "decide": "met", "meet": "met"}
    assert "Acknowledge the application" in response.content.decode()


def test_a_panel_member_reads_but_is_not_offered_the_decision_form(client, demo, asb):
    sign_in(client, demo.panel_member)
    response = client.get(asb("WS-ASB-2022-01").get_absolute_url())
    assert response.context["decision_form"] is None
    assert "Record the decision" not in response.content.decode()
    assert "Add a complaint" not in response.content.decode()


def test_an_officer_is_offered_the_decision_form(client, demo, asb):
    sign_in(client, demo.officer)
    body = client.get(asb("WS-ASB-2022-01").get_absolute_url()).content.decode()
    assert "Record the decision" in body
    assert "Add a complaint" in body
