"""The directory of commissioned support services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.activity.models import SupportService
from tests.activity.conftest import QUARTER
from tests.conftest import sign_in


def service(work, name, classification="official"):
    return SupportService.objects.create(
        priority=work.priority,
        organisation=work.council,
        period_start=QUARTER.start,
        period_end=QUARTER.end,
        name=name,
        provider="Test provider",
        service_type="Outreach",
        commissioned_by="Test commissioner",
        area_covered="West Suffolk",
        eligibility="Adults at risk",
        website="https://example.org/service",
        classification=classification,
    )


def url(work):
    return reverse("activity:services", args=[work.partnership.slug])


@pytest.mark.parametrize("persona", ["officer", "partner_lead", "panel_member", "viewer"])
def test_it_lists_services_for_every_member(client, demo, work, persona):
    service(work, "Test outreach service")
    sign_in(client, demo.by_name(persona))
    body = client.get(url(work)).content.decode()
    assert "Commissioned support services" in body
    assert (
        "Test outreach service" in body and "Test provider" in body and "https://example.org/service" in body
    )


def test_it_hides_official_sensitive_services_from_people_not_cleared(client, demo, work):
    service(work, "Test refuge", classification="official-sensitive")
    sign_in(client, demo.viewer)
    assert "Test refuge" not in client.get(url(work)).content.decode()
    client.logout()
    sign_in(client, demo.officer)
    assert "Test refuge" in client.get(url(work)).content.decode()


def test_only_the_recording_organisation_may_change_a_service(client, demo, work):
    council_service = service(work, "Test outreach service")
    change = reverse("activity:output_edit", args=[work.partnership.slug, "services", council_service.pk])
    sign_in(client, demo.partner_lead)
    assert change not in client.get(url(work)).content.decode()
    client.logout()
    sign_in(client, demo.officer)
    assert change in client.get(url(work)).content.decode()


def test_an_outsider_gets_404(client, demo, work):
    sign_in(client, demo.outsider)
    assert client.get(url(work)).status_code == 404
