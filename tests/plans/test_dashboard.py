"""The action plan at a glance: actions by priority and RAG, the most urgent first."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cspmonitor.plans.models import ProgressUpdate
from tests.conftest import sign_in


def _rate(action, period, status, rag, reason=""):
    ProgressUpdate.objects.create(
        action=action, period=period, status=status, rag=rag, rag_reason=reason, narrative="An update."
    )
    action.apply_latest_update()


def _dashboard(client, demo, year="2030-31"):
    return client.get(reverse("plans:dashboard", args=[demo.partnership.slug]), {"year": year})


def test_it_counts_each_prioritys_actions_by_rag(client, demo, small_plan):
    _rate(small_plan.police_action, "2030-31 Q1", "at_risk", "red", "Funding withdrawn")
    _rate(small_plan.council_action, "2030-31 Q1", "on_track", "green")
    sign_in(client, demo.viewer)
    response = _dashboard(client, demo)
    row = next(r for r in response.context["plan"].rows if r.priority == small_plan.priority)
    assert row.counts == [1, 0, 1, 0]  # red, amber, green, not rated
    assert response.context["plan"].total == 2


def test_it_lists_overdue_work_first_then_off_track_and_at_risk(client, demo, small_plan):
    late = small_plan.council_action
    late.due_date = dt.date(2020, 1, 1)
    late.start_date = dt.date(2019, 4, 1)
    late.save()
    _rate(small_plan.police_action, "2030-31 Q1", "at_risk", "amber", "Waiting for a trainer")
    sign_in(client, demo.officer)
    response = _dashboard(client, demo, "2019-20")
    attention = response.context["plan"].attention
    assert [found.action for found in attention] == [late]
    body = response.content.decode()
    assert "Overdue" in body and late.title in body


def test_at_risk_actions_need_attention_and_green_ones_do_not(client, demo, small_plan):
    _rate(small_plan.police_action, "2030-31 Q1", "at_risk", "amber", "Waiting for a trainer")
    _rate(small_plan.council_action, "2030-31 Q1", "on_track", "green")
    sign_in(client, demo.officer)
    attention = _dashboard(client, demo).context["plan"].attention
    assert [found.action for found in attention] == [small_plan.police_action]


def test_the_chart_draws_the_same_year_as_an_svg(client, demo, small_plan):
    _rate(small_plan.council_action, "2030-31 Q1", "on_track", "green")
    sign_in(client, demo.viewer)
    response = client.get(reverse("plans:dashboard_chart", args=[demo.partnership.slug]), {"year": "2030-31"})
    assert response["Content-Type"] == "image/svg+xml"
    assert "Test priority" in response.content.decode()


def test_a_year_written_wrongly_falls_back_to_the_year_in_view(client, demo, small_plan):
    _rate(small_plan.council_action, "2030-31 Q2", "on_track", "green")
    sign_in(client, demo.viewer)
    assert _dashboard(client, demo, year="last year").context["year"].label == "2022-23"


def test_outsiders_cannot_see_that_the_plan_exists(client, demo, small_plan):
    sign_in(client, demo.outsider)
    assert _dashboard(client, demo).status_code == 404
