"""An OFFICIAL-SENSITIVE assessment: hidden (404) from members not cleared for it, on its page,
its JSON, its charts, its map layers and the list; each read by a cleared member is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.accounts.models import AccessRecord, Classification
from tests.conftest import sign_in
from tests.personas import sign_in_as


def _urls(assessment) -> dict[str, str]:
    args = [assessment.partnership.slug, assessment.pk]
    return {
        "page": assessment.get_absolute_url(),
        "status": reverse("crime:assessment_status", args=args),
        "json": reverse("crime:assessment_json", args=args),
        "chart": reverse("crime:assessment_chart", args=[*args, "trend"]),
        "lsoas": reverse("crime:assessment_map_layer", args=[*args, "lsoas"]),
        "cells": reverse("crime:assessment_map_layer", args=[*args, "hotspot-cells"]),
    }


@pytest.fixture
def restricted(assessed):
    assessed.classification = Classification.OFFICIAL_SENSITIVE
    assessed.save(update_fields=["classification"])
    return assessed


@pytest.mark.parametrize("persona", ["viewer", "partner_lead", "outsider"])
def test_members_not_cleared_get_nothing_of_a_restricted_assessment(client, demo, restricted, persona):
    sign_in_as(client, demo, persona)
    got = {name: client.get(url).status_code for name, url in _urls(restricted).items()}
    assert got == dict.fromkeys(got, 404)
    listing = client.get(reverse("crime:assessments", args=[demo.partnership.slug]))
    assert restricted.get_absolute_url() not in listing.content.decode()


@pytest.mark.parametrize("persona", ["administrator", "officer", "panel_member"])
def test_cleared_members_read_it_and_each_read_is_logged(client, demo, restricted, persona):
    sign_in_as(client, demo, persona)
    got = {name: client.get(url).status_code for name, url in _urls(restricted).items()}
    assert got == dict.fromkeys(got, 200)
    listing = client.get(reverse("crime:assessments", args=[demo.partnership.slug]))
    assert restricted.get_absolute_url() in listing.content.decode()
    rows = {(row.email, row.what, row.page) for row in AccessRecord.objects.filter(record_id=restricted.pk)}
    email = demo.by_name(persona).email
    assert rows == {
        (email, "viewed", "assessment"),
        (email, "downloaded", "assessment.json"),
        (email, "viewed", "chart trend"),
        (email, "viewed", "map lsoas"),
        (email, "viewed", "map hotspot-cells"),
        (email, "listed", "assessments"),
    }
    assert {row.record for row in AccessRecord.objects.all()} == {str(restricted)}


def test_reads_of_an_official_assessment_are_not_logged(client, demo, assessed):
    sign_in(client, demo.officer)
    for url in _urls(assessed).values():
        assert client.get(url).status_code == 200
    assert not AccessRecord.objects.exists()
