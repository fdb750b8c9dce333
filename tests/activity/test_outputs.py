"""The outputs page: every kind, by financial year, as far as each person may see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import sign_in


def url(work, **query):
    base = reverse("activity:outputs", args=[work.partnership.slug])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.parametrize("persona", ["officer", "partner_lead", "panel_member", "viewer"])
def test_it_lists_outputs_by_kind_for_every_member(client, demo, work, persona):
    work.training(topic="Test topic: knife crime")
    sign_in(client, demo.by_name(persona))
    response = client.get(url(work, year="2022-23"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Outputs in 2022-23" in body
    assert "Training and awareness sessions" in body and "Commissioned support services" in body
    assert "Test topic: knife crime" in body


def test_it_hides_official_sensitive_outputs_from_people_not_cleared(client, demo, work):
    work.training(topic="Test topic: sensitive casework", classification="official-sensitive")
    for persona, shown in [
        ("officer", True),
        ("panel_member", True),
        ("partner_lead", False),
        ("viewer", False),
    ]:
        sign_in(client, demo.by_name(persona))
        body = client.get(url(work, year="2022-23")).content.decode()
        assert ("Test topic: sensitive casework" in body) is shown, persona
        client.logout()


def test_it_tags_official_sensitive_rows(client, demo, work):
    work.training(topic="Test topic: sensitive casework", classification="official-sensitive")
    sign_in(client, demo.officer)
    body = client.get(url(work, year="2022-23")).content.decode()
    row = body[body.index("Test topic: sensitive casework") :][:400]
    assert "OFFICIAL-SENSITIVE" in row


def test_it_shows_only_the_year_chosen(client, demo, work):
    work.training(topic="Test topic: last year")
    work.training(
        topic="Test topic: next year", period_start=dt.date(2023, 4, 1), period_end=dt.date(2023, 6, 30)
    )
    sign_in(client, demo.viewer)
    body = client.get(url(work, year="2023-24")).content.decode()
    assert "Test topic: next year" in body and "Test topic: last year" not in body
    assert '<option value="2023-24" selected>' in body


def test_it_shows_the_year_in_view_by_default(client, demo, work):
    work.training(topic="Test topic: late", period_start=dt.date(2031, 4, 1), period_end=dt.date(2031, 5, 1))
    demo.partnership.year_in_view = "2031-32"
    demo.partnership.save()
    sign_in(client, demo.viewer)
    body = client.get(url(work)).content.decode()
    assert "Outputs in 2031-32" in body and "Test topic: late" in body


def test_it_ignores_a_year_it_cannot_read(client, demo, work):
    sign_in(client, demo.viewer)
    assert client.get(url(work, year="last-year")).status_code == 200


def test_it_offers_recording_only_to_people_who_record(client, demo, work):
    police = work.training(topic="Test topic: police")
    council = work.training(work.council, topic="Test topic: council")
    sign_in(client, demo.partner_lead)
    body = client.get(url(work, year="2022-23")).content.decode()
    assert "Record an output" in body
    edit = "activity:output_edit"
    assert reverse(edit, args=[work.partnership.slug, "training", police.pk]) in body
    assert reverse(edit, args=[work.partnership.slug, "training", council.pk]) not in body
    client.logout()
    sign_in(client, demo.viewer)
    body = client.get(url(work, year="2022-23")).content.decode()
    assert "Record an output" not in body
    assert reverse(edit, args=[work.partnership.slug, "training", police.pk]) not in body


def test_an_outsider_gets_404(client, demo, work):
    sign_in(client, demo.outsider)
    assert client.get(url(work)).status_code == 404
