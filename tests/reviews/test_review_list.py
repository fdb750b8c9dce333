"""The statutory reviews list: cleared people see the homicide reviews, worst first; no one else
learns they exist."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.reviews.models import ReviewAccess
from tests.conftest import sign_in


def _url(demo) -> str:
    return reverse("reviews:list", args=[demo.partnership.slug])


@pytest.mark.parametrize("persona", ["administrator", "officer", "panel_member"])
def test_it_shows_cleared_people_the_reviews_overdue_first(client, demo, persona, review_2020, review_2021):
    sign_in(client, demo.by_name(persona))
    response = client.get(_url(demo))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("WS-DHR-2021-01") < page.index("WS-DHR-2020-01")
    assert "Overdue" in page  # the 2021 review, as the demo stands today
    assert "With the Home Office Quality Assurance Panel" in page


@pytest.mark.parametrize("persona", ["viewer", "partner_lead"])
def test_it_shows_people_not_cleared_no_review_not_even_a_count(client, demo, persona):
    sign_in(client, demo.by_name(persona))
    response = client.get(_url(demo))
    assert response.status_code == 200
    page = response.content.decode()
    assert "DHR" not in page
    assert "homicide" not in page.lower()
    assert "Serious Violence Duty" in page
    assert not ReviewAccess.objects.exists()


def test_it_hides_the_partnership_from_outsiders_and_sends_strangers_to_sign_in(client, demo):
    assert client.get(_url(demo)).status_code == 302
    sign_in(client, demo.outsider)
    assert client.get(_url(demo)).status_code == 404


def test_it_logs_each_review_listed(client, demo, review_2020, review_2021):
    sign_in(client, demo.panel_member)
    client.get(_url(demo))
    rows = ReviewAccess.objects.filter(user=demo.panel_member)
    assert sorted((r.review.reference, r.what) for r in rows) == [
        ("WS-DHR-2020-01", "listed"),
        ("WS-DHR-2021-01", "listed"),
    ]


def test_it_shows_an_official_review_to_viewers(client, demo, review_2020):
    review_2020.classification = "official"
    review_2020.save()
    sign_in(client, demo.viewer)
    page = client.get(_url(demo)).content.decode()
    assert "WS-DHR-2020-01" in page
    assert "WS-DHR-2021-01" not in page


def test_it_offers_editors_alone_a_new_review(client, demo):
    sign_in(client, demo.officer)
    assert "Add a domestic homicide review" in client.get(_url(demo)).content.decode()
    client.logout()
    sign_in(client, demo.panel_member)
    assert "Add a domestic homicide review" not in client.get(_url(demo)).content.decode()
