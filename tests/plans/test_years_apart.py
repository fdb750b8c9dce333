"""Each year kept apart: what is entered for 2023/24 leaves every 2022/23 figure as reported."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cspmonitor.activity.models import TrainingSession
from cspmonitor.plans.exports import TABLE_SLUGS
from cspmonitor.plans.models import Action, Priority, ProgressUpdate
from cspmonitor.reports import services as reports
from cspmonitor.reports.fingerprint import content_hash
from tests.conftest import sign_in

#: Half way through 2023/24, with its first two quarters' returns in.
TODAY = dt.datetime(2023, 10, 20, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def autumn_2023():
    with time_machine.travel(TODAY, tick=False):
        yield


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


def _year_2022(client, demo) -> dict:
    """Everything the pages, exports and report say about 2022/23."""
    slug = demo.partnership.slug
    dashboard = client.get(reverse("plans:dashboard", args=[slug]), {"year": "2022-23"})
    plan = dashboard.context["plan"]
    changes = client.get(reverse("plans:changes", args=[slug]), {"quarter": "2022-23-Q4"}).context["changes"]
    outputs = client.get(reverse("activity:outputs", args=[slug]), {"year": "2022-23"}).context["groups"]
    document = reports.build(demo.partnership, "annual", "2022-23", "restricted")
    return {
        "rag": [(row.priority.title, row.counts) for row in plan.rows],
        "attention": [(f.action.reference, f.status, f.rag, f.overdue) for f in plan.attention],
        "dashboard": _between(dashboard.content.decode(), 'id="attention"', 'id="export"'),
        "exports": {
            table: client.get(reverse("plans:export", args=[slug, table]), {"year": "2022-23"}).content
            for table in TABLE_SLUGS
        },
        "changes": (
            [a.reference for a in changes.missing],
            [a.reference for a in changes.completed],
            [(c.action.reference, c.before, c.after) for c in changes.rag_changes],
        ),
        "outputs": [(group.slug, [row.output.pk for row in group.rows]) for group in outputs],
        "report": content_hash(document),
    }


def _update(client, demo, reference, period, status, rag, reason=""):
    action = Action.objects.get(reference=reference)
    return client.post(
        reverse("plans:update_create", args=[demo.partnership.slug, action.pk]),
        {"period": period, "status": status, "rag": rag, "rag_reason": reason, "narrative": "Next year."},
    )


def _enter_2023_24(client, demo) -> None:
    """Q1 and Q2 of 2023/24: ratings that differ from the year before, an action carried on and
    finished, a priority retired, and outputs."""
    for reference in ("CE-3", "ASB-1", "VAWG-1"):
        assert (
            _update(client, demo, reference, "2023-24 Q1", "at_risk", "amber", "Staff moved").status_code
            == 302
        )
    assert _update(client, demo, "SVD-2", "2023-24 Q1", "off_track", "red", "No lead").status_code == 302
    # VAWG-5 was amber and at risk at the end of 2022/23; carried on, it finished in Q2.
    Action.objects.filter(reference="VAWG-5").update(extended_to=dt.date(2023, 9, 30))
    assert _update(client, demo, "VAWG-5", "2023-24 Q2", "complete", "green").status_code == 302
    hate = Priority.objects.get(title="Hate crime")
    hate.status, hate.retired_on = Priority.Status.RETIRED, dt.date(2023, 7, 1)
    hate.save()
    police = demo.partnership.organisations.get(name="Suffolk Constabulary")
    TrainingSession.objects.create(
        priority=Priority.objects.get(title="Criminal exploitation"),
        organisation=police,
        period_start=dt.date(2023, 4, 1),
        period_end=dt.date(2023, 6, 30),
        topic="County lines awareness",
        delivered_by="Suffolk Constabulary",
        format="in_person",
        audience="staff",
        sessions=3,
        people_reached=45,
    )


def test_it_keeps_every_2022_23_figure_page_export_and_report_as_reported(client, demo):
    sign_in(client, demo.officer)
    before = _year_2022(client, demo)
    assert before["rag"] and sum(sum(counts) for _title, counts in before["rag"]) == 22
    _enter_2023_24(client, demo)
    assert ProgressUpdate.objects.filter(period__startswith="2023-24").count() == 5
    after = _year_2022(client, demo)
    for key in before:
        assert after[key] == before[key], key


def test_the_next_year_shows_its_own_ratings(client, demo):
    sign_in(client, demo.officer)
    _enter_2023_24(client, demo)
    response = client.get(reverse("plans:dashboard", args=[demo.partnership.slug]), {"year": "2023-24"})
    totals = response.context["plan"].totals  # red, amber, green, not rated
    assert totals[:3] == [1, 3, 1]
    assert {f.action.reference for f in response.context["plan"].attention} >= {"SVD-2", "CE-3"}


def test_it_refuses_an_update_for_a_quarter_after_the_action_ends_naming_the_open_quarters(client, demo):
    sign_in(client, demo.officer)
    response = _update(client, demo, "CE-1", "2023-24 Q1", "on_track", "green")
    assert response.status_code == 200
    error = response.context["form"].errors["period"][0]
    assert "2022-23 Q1 to 2022-23 Q4" in error and "extend the action" in error
    assert not ProgressUpdate.objects.filter(action__reference="CE-1", period="2023-24 Q1").exists()


def test_it_accepts_that_update_once_the_action_is_extended(client, demo):
    sign_in(client, demo.officer)
    Action.objects.filter(reference="CE-1").update(extended_to=dt.date(2024, 3, 31))
    assert _update(client, demo, "CE-1", "2023-24 Q1", "on_track", "green").status_code == 302


def test_it_refuses_an_update_for_a_quarter_before_the_action_starts(client, demo):
    sign_in(client, demo.officer)
    response = _update(client, demo, "FR-1", "2022-23 Q1", "on_track", "green")
    assert "2022-23 Q2 to 2022-23 Q3" in response.context["form"].errors["period"][0]
