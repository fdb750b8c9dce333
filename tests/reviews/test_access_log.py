"""The access log of a homicide review: written on every look, read only by administrators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import sign_in


def _url(demo, review) -> str:
    return reverse("reviews:access_log", args=[demo.partnership.slug, review.pk])


def test_an_administrator_reads_who_looked_and_when(client, demo, review_2021):
    sign_in(client, demo.panel_member)
    client.get(reverse("reviews:list", args=[demo.partnership.slug]))
    client.get(review_2021.get_absolute_url())
    client.logout()
    sign_in(client, demo.officer)
    client.get(reverse("reviews:dhr_edit", args=[demo.partnership.slug, review_2021.pk]))
    client.logout()

    sign_in(client, demo.administrator)
    response = client.get(_url(demo, review_2021))
    assert response.status_code == 200
    rows = [(r.email, r.what, r.page) for r in response.context["rows"]]
    assert rows == [
        (demo.officer.email, "viewed", "edit"),
        (demo.panel_member.email, "viewed", "timeline"),
        (demo.panel_member.email, "listed", "list"),
    ]
    page = response.content.decode()
    assert "Viewed list row" in page and "Viewed record" in page


def test_reading_the_log_is_not_itself_logged(client, demo, review_2021):
    sign_in(client, demo.administrator)
    client.get(_url(demo, review_2021))
    assert not review_2021.accesses.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 403), ("panel_member", 403), ("viewer", 404), ("partner_lead", 404), ("outsider", 404)],
)
def test_no_one_else_reads_it(client, demo, review_2021, persona, status):
    sign_in(client, demo.by_name(persona))
    assert client.get(_url(demo, review_2021)).status_code == status


def test_the_review_page_links_to_the_log_for_administrators(client, demo, review_2021):
    sign_in(client, demo.administrator)
    assert _url(demo, review_2021) in client.get(review_2021.get_absolute_url()).content.decode()
