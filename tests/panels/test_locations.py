"""The open cases' locations for the assessment map: only the panels a person sits on."""

from __future__ import annotations

from django.urls import reverse

from cspmonitor.panels.models import PanelAccessLog
from tests.conftest import sign_in


def _cases(client, demo) -> set[str]:
    response = client.get(reverse("panels:locations", args=[demo.partnership.slug]))
    assert response.status_code == 200
    return {feature["properties"]["case"] for feature in response.json()["features"]}


def test_a_member_sees_the_open_cases_locations_of_their_own_panel_only(client, demo, mace, forum_member):
    sign_in(client, demo.panel_member)
    assert _cases(client, demo) == {"WS-MACE-DEMO-03"}  # DEMO-02 is closed
    assert PanelAccessLog.objects.filter(
        panel=mace, page="map locations", email=demo.panel_member.email
    ).exists()
    sign_in(client, forum_member)
    assert _cases(client, demo) == {"WS-ASB-DEMO-02"}
    sign_in(client, demo.officer)
    assert _cases(client, demo) == {"WS-MACE-DEMO-03", "WS-ASB-DEMO-02"}


def test_a_cleared_administrator_not_on_a_panel_sees_none(client, demo):
    sign_in(client, demo.administrator)
    assert _cases(client, demo) == set()
