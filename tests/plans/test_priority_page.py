"""A priority's page: its objectives, actions with their latest updates, and its outputs."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cspmonitor.activity.models import Event, Intervention, TrainingSession
from cspmonitor.plans.models import ProgressUpdate
from tests.conftest import sign_in


def _outputs(small_plan):
    council = small_plan.council_action.lead_organisation
    common = {"priority": small_plan.priority, "organisation": council}
    TrainingSession.objects.create(
        **common,
        period_start=dt.date(2030, 5, 1),
        period_end=dt.date(2030, 5, 1),
        topic="Awareness",
        delivered_by="Council officers",
        format="in_person",
        audience="school_staff",
        sessions=2,
        people_reached=20,
    )
    Event.objects.create(
        **common,
        period_start=dt.date(2031, 3, 9),
        period_end=dt.date(2031, 3, 9),
        name="Conference",
        audience="staff",
        format="online",
        attendees=110,
        attendees_at_least=True,
    )
    Intervention.objects.create(
        **common,
        period_start=dt.date(2030, 4, 1),
        period_end=dt.date(2031, 3, 31),
        name="Homes made safer",
        unit="properties",
        count=5,
        area="West Suffolk",
        classification="official-sensitive",
    )


def _page(client, demo, small_plan):
    return client.get(reverse("plans:priority", args=[demo.partnership.slug, small_plan.priority.pk]))


def test_it_shows_objectives_actions_and_each_actions_latest_update(client, demo, small_plan):
    ProgressUpdate.objects.create(
        action=small_plan.council_action,
        period="2030-31 Q1",
        status="on_track",
        rag="green",
        narrative="Early days.",
    )
    ProgressUpdate.objects.create(
        action=small_plan.council_action,
        period="2030-31 Q2",
        status="on_track",
        rag="green",
        narrative="Halfway.",
    )
    sign_in(client, demo.viewer)
    body = _page(client, demo, small_plan).content.decode()
    assert "Test objective" in body
    assert "T-1 Action T-1" in body and "T-2 Action T-2" in body
    assert "Halfway." in body and "Early days." not in body


def test_it_charts_outputs_by_quarter_with_the_same_figures_in_a_table(client, demo, small_plan):
    _outputs(small_plan)
    sign_in(client, demo.officer)
    response = _page(client, demo, small_plan)
    rows = [(q.label, recorded, reached) for q, recorded, reached in response.context["chart_rows"]]
    assert rows[0] == ("2030-31 Q1", 1, 20)
    assert rows[-1] == ("2030-31 Q4", 2, 110)
    assert len(rows) == 4  # the quarters between are shown, even when empty
    chart = client.get(reverse("plans:priority_chart", args=[demo.partnership.slug, small_plan.priority.pk]))
    assert chart["Content-Type"] == "image/svg+xml"


def test_it_writes_over_110_for_attendance_given_as_a_minimum(client, demo, small_plan):
    _outputs(small_plan)
    sign_in(client, demo.viewer)
    assert "Conference" in _page(client, demo, small_plan).content.decode()
    assert Event.objects.get(priority=small_plan.priority).attendance == "over 110"


def test_official_sensitive_outputs_appear_only_for_people_cleared_to_see_them(client, demo, small_plan):
    _outputs(small_plan)
    for persona, shown in [
        ("officer", True),
        ("panel_member", True),
        ("viewer", False),
        ("partner_lead", False),
    ]:
        client.logout()
        sign_in(client, demo.by_name(persona))
        body = _page(client, demo, small_plan).content.decode()
        assert ("Homes made safer" in body) is shown, persona


def test_a_priority_of_another_partnership_is_not_found(client, demo, small_plan):
    sign_in(client, demo.outsider)
    assert _page(client, demo, small_plan).status_code == 404
