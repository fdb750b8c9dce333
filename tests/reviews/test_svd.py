"""The Serious Violence Duty page: milestones with their statutory dates, and quarterly updates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cspmonitor.reviews.models import SvdMilestone, SvdUpdate
from tests.conftest import sign_in


def _url(demo) -> str:
    return reverse("reviews:svd", args=[demo.partnership.slug])


@pytest.mark.parametrize("persona", ["administrator", "officer", "partner_lead", "panel_member", "viewer"])
def test_every_member_sees_the_milestones_and_updates(client, demo, persona):
    sign_in(client, demo.by_name(persona))
    response = client.get(_url(demo))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Strategic needs assessment" in page
    assert "31 January 2024" in page
    assert "Q3 2022-23 (October to December 2022)" in page
    assert "Q4 2022-23 (January to March 2023)" in page
    # The plan's Serious Violence Duty priority is linked.
    assert 'href="/p/western-suffolk/plan/priorities/' in page


def test_outsiders_do_not_find_it(client, demo):
    sign_in(client, demo.outsider)
    assert client.get(_url(demo)).status_code == 404


def test_milestone_statuses_follow_the_statutory_dates(demo):
    milestones = {m.key: m for m in SvdMilestone.objects.filter(partnership=demo.partnership)}
    assert milestones["arrangements"].status(dt.date(2023, 3, 31)) == "done"
    assert milestones["needs_assessment"].status(dt.date(2023, 3, 31)) == "not due"
    assert milestones["needs_assessment"].status(dt.date(2023, 12, 1)) == "due soon"
    assert milestones["needs_assessment"].status(dt.date(2024, 2, 1)) == "overdue"


def test_an_officer_writes_an_update_and_a_second_for_the_quarter_replaces_it(client, demo):
    sign_in(client, demo.officer)
    url = reverse("reviews:svd_update", args=[demo.partnership.slug])
    assert (
        client.post(url, {"period": "2023-24 Q1", "narrative": "Draft definition agreed."}).status_code == 302
    )
    assert client.post(url, {"period": "2023-24 Q1", "narrative": "Definition agreed."}).status_code == 302
    update = SvdUpdate.objects.get(partnership=demo.partnership, period="2023-24 Q1")
    assert (update.narrative, update.written_by) == ("Definition agreed.", demo.officer)


def test_an_officer_marks_a_milestone_done(client, demo):
    sign_in(client, demo.officer)
    milestone = SvdMilestone.objects.get(partnership=demo.partnership, key="needs_assessment")
    url = reverse("reviews:svd_milestone", args=[demo.partnership.slug, milestone.pk])
    response = client.post(
        url,
        {
            "completed_on_0": "15",
            "completed_on_1": "1",
            "completed_on_2": "2024",
            "evidence": "Agreed by the steering group.",
            "evidence_url": "https://www.example.gov.uk/sna",
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.completed_on == dt.date(2024, 1, 15)
    assert milestone.status() == "done"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("partner_lead", 403), ("panel_member", 403), ("viewer", 403), ("outsider", 404)],
)
def test_only_editors_record_progress(client, demo, persona, status):
    sign_in(client, demo.by_name(persona))
    milestone = SvdMilestone.objects.filter(partnership=demo.partnership).first()
    slug = demo.partnership.slug
    assert client.get(reverse("reviews:svd_update", args=[slug])).status_code == status
    assert client.get(reverse("reviews:svd_milestone", args=[slug, milestone.pk])).status_code == status
