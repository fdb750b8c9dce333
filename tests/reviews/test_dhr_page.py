"""A homicide review's page: its deadlines and timeline, for the people cleared to see it."""

from __future__ import annotations

import pytest

from cspmonitor.accounts.permissions import Access
from cspmonitor.reviews.models import DomesticHomicideReview, ReviewAccess
from tests.conftest import sign_in


@pytest.mark.parametrize("persona", ["administrator", "officer", "panel_member"])
def test_it_shows_cleared_people_the_review_and_its_timeline(client, demo, persona, review_2021):
    sign_in(client, demo.by_name(persona))
    response = client.get(review_2021.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "WS-DHR-2021-01" in page
    assert "Paused for criminal proceedings" in page
    assert "Restarted after inquest" in page
    assert 'class="app-timeline"' in page
    assert "Complete the overview report" in page
    assert '<time datetime="2021-09">September 2021</time>' in page  # a death is dated to the month


def test_it_shows_the_2020_review_with_the_home_office(client, demo, review_2020):
    sign_in(client, demo.officer)
    page = client.get(review_2020.get_absolute_url()).content.decode()
    assert "With the Home Office Quality Assurance Panel" in page
    assert "Submitted to the Home Office Quality Assurance Panel" in page  # on the timeline
    assert "VAWG-2" in page  # a recommendation carried out through the action plan


@pytest.mark.parametrize("persona", ["viewer", "partner_lead", "outsider"])
def test_it_is_not_found_for_anyone_not_cleared(client, demo, persona, review_2021):
    sign_in(client, demo.by_name(persona))
    assert client.get(review_2021.get_absolute_url()).status_code == 404
    assert not ReviewAccess.objects.exists()


def test_it_is_not_found_for_a_cleared_person_signed_in_without_the_second_factor(demo, review_2021):
    access = Access(membership=demo.officer.membership_in(demo.partnership), verified=False)
    assert not DomesticHomicideReview.objects.visible_to(access).exists()


def test_it_logs_every_look(client, demo, review_2021):
    sign_in(client, demo.panel_member)
    client.get(review_2021.get_absolute_url())
    client.get(review_2021.get_absolute_url())
    rows = ReviewAccess.objects.filter(review=review_2021)
    assert [(r.user, r.what, r.page) for r in rows] == [(demo.panel_member, "viewed", "timeline")] * 2


def test_it_offers_changes_to_editors_but_not_panel_members(client, demo, review_2021):
    sign_in(client, demo.officer)
    assert "Change this review" in client.get(review_2021.get_absolute_url()).content.decode()
    client.logout()
    sign_in(client, demo.panel_member)
    page = client.get(review_2021.get_absolute_url()).content.decode()
    assert "Change this review" not in page
    assert "Access log" not in page
