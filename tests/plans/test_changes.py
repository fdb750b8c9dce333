"""What changed this quarter: the view for the partnership meeting."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cspmonitor.activity.models import Referral, TrainingSession
from cspmonitor.plans.models import ProgressUpdate
from tests.conftest import sign_in


def _update(action, period, rag, status="on_track", reason=""):
    return ProgressUpdate.objects.create(
        action=action, period=period, status=status, rag=rag, rag_reason=reason, narrative=f"{period} work."
    )


def _changes(client, demo, quarter):
    return client.get(reverse("plans:changes", args=[demo.partnership.slug]), {"quarter": quarter})


def test_it_shows_rag_ratings_that_changed_since_the_previous_quarter(client, demo, small_plan):
    _update(small_plan.police_action, "2030-31 Q1", "green")
    _update(small_plan.police_action, "2030-31 Q2", "red", "at_risk", "Partner withdrew")
    _update(small_plan.council_action, "2030-31 Q1", "green")
    _update(small_plan.council_action, "2030-31 Q2", "green")
    sign_in(client, demo.viewer)
    changes = _changes(client, demo, "2030-31 Q2").context["changes"]
    assert [(c.action, c.before, c.after) for c in changes.rag_changes] == [
        (small_plan.police_action, "Green", "Red")
    ]
    assert len(changes.updates) == 2 and changes.missing == []


def test_it_lists_running_actions_without_an_update_and_outputs_of_the_quarter(client, demo, small_plan):
    _update(small_plan.police_action, "2030-31 Q3", "green")
    council = small_plan.council_action.lead_organisation
    TrainingSession.objects.create(
        priority=small_plan.priority,
        organisation=council,
        period_start=dt.date(2030, 11, 3),
        period_end=dt.date(2030, 11, 3),
        topic="Spotting exploitation",
        delivered_by="Council officers",
        format="in_person",
        audience="staff",
        sessions=1,
        people_reached=15,
    )
    sign_in(client, demo.viewer)
    response = _changes(client, demo, "2030-31 Q3")
    changes = response.context["changes"]
    assert changes.missing == [small_plan.council_action]
    assert "Spotting exploitation: 15 staff" in response.content.decode()


def test_it_hides_official_sensitive_outputs_from_people_not_cleared(client, demo, small_plan):
    Referral.objects.create(
        priority=small_plan.priority,
        organisation=small_plan.council_action.lead_organisation,
        period_start=dt.date(2030, 4, 1),
        period_end=dt.date(2030, 6, 30),
        route="channel",
        area="West Suffolk",
        count=2,
        classification="official-sensitive",
    )
    for persona, shown in [
        ("officer", True),
        ("panel_member", True),
        ("partner_lead", False),
        ("viewer", False),
    ]:
        client.logout()
        sign_in(client, demo.by_name(persona))
        body = _changes(client, demo, "2030-31 Q1").content.decode()
        assert ("Channel: 2 in West Suffolk" in body) is shown, persona


def test_it_notes_a_priority_adopted_in_the_quarter(client, demo, small_plan):
    small_plan.priority.adopted_on = dt.date(2030, 7, 12)
    small_plan.priority.save()
    sign_in(client, demo.viewer)
    assert _changes(client, demo, "2030-31 Q2").context["changes"].adopted == [small_plan.priority]
