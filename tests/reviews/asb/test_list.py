"""The ASB Case Reviews list: cleared roles see the applications, overdue first; others see none."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cspmonitor.partnership.models import Area
from cspmonitor.reviews.asb.models import CaseReviewApplication
from tests.conftest import sign_in


def _url(demo) -> str:
    return reverse("asb:list", args=[demo.partnership.slug])


@pytest.mark.parametrize("persona", ["administrator", "officer", "panel_member"])
def test_it_lists_every_application_to_cleared_roles(client, demo, persona):
    sign_in(client, demo.by_name(persona))
    body = client.get(_url(demo)).content.decode()
    for n in range(1, 7):
        assert f"WS-ASB-2022-0{n}" in body


@pytest.mark.parametrize("persona", ["viewer", "partner_lead"])
def test_it_shows_no_application_to_members_not_cleared(client, demo, persona):
    sign_in(client, demo.by_name(persona))
    response = client.get(_url(demo))
    assert response.status_code == 200
    body = response.content.decode()
    assert "WS-ASB" not in body
    assert "OFFICIAL-SENSITIVE casework" in body
    assert reverse("asb:figures", args=[demo.partnership.slug]) in body


def test_it_is_not_found_for_an_outsider(client, demo):
    sign_in(client, demo.outsider)
    assert client.get(_url(demo)).status_code == 404


def test_it_puts_an_overdue_application_first(client, demo):
    today = dt.date.today()
    CaseReviewApplication.objects.create(
        partnership=demo.partnership,
        reference="WS-ASB-OVERDUE",
        received_on=today - dt.timedelta(days=60),
        received_via="email",
        made_by="victim",
        area=Area.objects.get(partnership=demo.partnership, name="Babergh"),
    )
    sign_in(client, demo.officer)
    body = client.get(_url(demo)).content.decode()
    assert body.index("WS-ASB-OVERDUE") < body.index("WS-ASB-2022-01")
    assert "Overdue" in body


def test_only_editors_are_offered_to_record_an_application(client, demo):
    sign_in(client, demo.officer)
    assert "Record an application" in client.get(_url(demo)).content.decode()
    sign_in(client, demo.panel_member)
    assert "Record an application" not in client.get(_url(demo)).content.decode()
