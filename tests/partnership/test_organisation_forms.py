from __future__ import annotations

from django.urls import reverse

from cspmonitor.partnership.models import Organisation
from tests.conftest import sign_in


def _url(demo, name, *args):
    return reverse(f"partnership:{name}", args=[demo.partnership.slug, *args])


def test_an_officer_adds_a_co_opted_organisation(client, demo):
    sign_in(client, demo.officer)
    response = client.post(
        _url(demo, "organisation_create"),
        {
            "name": "Havebury Housing",
            "type": "social_landlord",
            "membership": "co_opted",
            "website": "https://www.havebury.example",
        },
    )
    assert response.status_code == 302
    added = Organisation.objects.get(partnership=demo.partnership, name="Havebury Housing")
    assert added.get_membership_display() == "Co-opted"
    assert "Havebury Housing was added." in client.get(response["Location"]).content.decode()


def test_bad_input_gets_a_message_per_field_and_saves_nothing(client, demo):
    sign_in(client, demo.officer)
    before = Organisation.objects.count()
    response = client.post(
        _url(demo, "organisation_create"), {"name": "", "type": "bakery", "membership": "", "website": "nope"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    for message in [
        "Enter the organisation&#x27;s name",
        "Select a valid choice. bakery is not one of the available choices.",
        "Select whether it is a responsible authority or co-opted",
        "Enter the website address in the right format",
    ]:
        assert message in body
    assert Organisation.objects.count() == before


def test_it_refuses_a_second_organisation_with_the_same_name(client, demo):
    sign_in(client, demo.officer)
    response = client.post(
        _url(demo, "organisation_create"),
        {"name": "suffolk constabulary", "type": "police", "membership": "responsible"},
    )
    assert "An organisation with this name is already in the partnership" in response.content.decode()


def test_a_partner_lead_renames_their_own_organisation_but_not_another(client, demo):
    sign_in(client, demo.partner_lead)
    police = Organisation.objects.get(partnership=demo.partnership, name="Suffolk Constabulary")
    council = Organisation.objects.get(partnership=demo.partnership, name="West Suffolk Council")
    data = {"name": "Suffolk Police", "type": "police", "membership": "responsible"}
    assert client.post(_url(demo, "organisation_edit", police.pk), data).status_code == 302
    police.refresh_from_db()
    assert police.name == "Suffolk Police"
    data["name"] = "Hijacked"
    assert client.post(_url(demo, "organisation_edit", council.pk), data).status_code == 403
    council.refresh_from_db()
    assert council.name == "West Suffolk Council"


def test_an_organisation_of_another_partnership_cannot_be_reached_through_this_one(client, demo):
    sign_in(client, demo.officer)
    foreign = Organisation.objects.get(name="Elsewhere Council")
    assert client.get(_url(demo, "organisation_edit", foreign.pk)).status_code == 404
