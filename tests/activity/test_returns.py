"""Choosing a return: the organisations a person acts for, and a quarter."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import sign_in


def url(work, query=""):
    return reverse("activity:returns", args=[work.partnership.slug]) + query


def test_a_partner_lead_is_offered_only_their_own_organisation(client, demo, work):
    sign_in(client, demo.partner_lead)
    response = client.get(url(work))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.fields["organisation"].choices == [(work.police.pk, "Suffolk Constabulary")]
    assert ("2022-23-Q2", "Q2 2022-23 (July to September 2022)") in form.fields["quarter"].choices


def test_an_officer_is_offered_every_organisation(client, demo, work):
    sign_in(client, demo.officer)
    choices = client.get(url(work)).context["form"].fields["organisation"].choices
    assert len(choices) == work.partnership.organisations.count()


def test_choosing_goes_to_the_return(client, demo, work):
    sign_in(client, demo.partner_lead)
    response = client.get(url(work, f"?organisation={work.police.pk}&quarter=2022-23-Q2"))
    assert response["Location"] == reverse(
        "activity:return", args=[work.partnership.slug, work.police.pk, "2022-23-Q2"]
    )


def test_a_partner_lead_cannot_choose_another_organisation(client, demo, work):
    sign_in(client, demo.partner_lead)
    response = client.get(url(work, f"?organisation={work.council.pk}&quarter=2022-23-Q2"))
    assert response.status_code == 200
    assert "Select the organisation from the list" in response.content.decode()


@pytest.mark.parametrize("persona,status", [("panel_member", 403), ("viewer", 403), ("outsider", 404)])
def test_people_who_do_not_record_cannot_make_returns(client, demo, work, persona, status):
    sign_in(client, demo.by_name(persona))
    assert client.get(url(work)).status_code == status
