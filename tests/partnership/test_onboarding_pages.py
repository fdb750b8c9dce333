"""A site administrator starts a partnership in the browser, chosen from the ONS list."""

import pytest
from django.urls import reverse

from cspmonitor.accounts.models import Role
from cspmonitor.partnership.models import Partnership
from tests.conftest import sign_in

NEW = reverse("onboarding:new")


@pytest.fixture
def site_admin(demo):
    """The demo's site administrator: a member of no partnership, who runs the site."""
    from cspmonitor.accounts.models import User
    from cspmonitor.demo import western_suffolk as ws

    admin = User.objects.get(email=ws.SITE_ADMINISTRATOR[0])
    assert admin.is_superuser and not admin.memberships.exists()
    return admin


def test_it_finds_partnerships_by_a_districts_name(client, site_admin):
    sign_in(client, site_admin)
    page = client.get(NEW, {"q": "East Suffolk"}).content.decode()
    assert "2 partnerships found" in page
    assert reverse("onboarding:new_confirm", args=["E22000274"]) in page
    assert "Suffolk Coastal" in page and "Waveney" in page


def test_it_fills_the_details_in_from_the_lookups(client, site_admin):
    sign_in(client, site_admin)
    page = client.get(reverse("onboarding:new_confirm", args=["E22000084"])).content.decode()
    assert "Colchester (E07000071)" in page and "Essex (E10000012)" in page
    assert 'value="essex"' in page and 'value="colchester"' in page


def test_it_creates_the_partnership_and_makes_its_creator_the_administrator(client, site_admin):
    sign_in(client, site_admin)
    url = reverse("onboarding:new_confirm", args=["E22000084"])
    form = {
        "name": "Safer Colchester Partnership",
        "slug": "safer-colchester",
        "districts": "E07000071",
        "police_uk_force": "essex",
        "explicit_lsoas": "",
    }
    response = client.post(url, form)
    partnership = Partnership.objects.get(slug="safer-colchester")
    assert response.status_code == 302 and response["Location"] == partnership.get_absolute_url()
    assert partnership.name == "Safer Colchester Partnership"  # corrected by the administrator
    assert site_admin.membership_in(partnership).role == Role.ADMINISTRATOR
    assert client.get(partnership.get_absolute_url()).status_code == 200


def test_it_refuses_a_district_code_not_in_the_lookup_naming_it(client, site_admin):
    sign_in(client, site_admin)
    url = reverse("onboarding:new_confirm", args=["E22000084"])
    form = {
        "name": "Colchester CSP",
        "slug": "colchester",
        "districts": "E07999999",
        "police_uk_force": "essex",
    }
    page = client.post(url, form).content.decode()
    assert "E07999999 is not an April 2023 district code" in page
    assert not Partnership.objects.filter(slug="colchester").exists()


def test_it_refuses_a_partnership_that_exists_with_the_reason(client, site_admin):
    sign_in(client, site_admin)
    response = client.get(reverse("onboarding:new_confirm", args=["E22000373"]))
    assert response.status_code == 409
    assert "A partnership with the ONS code E22000373 already exists" in response.content.decode()


def test_it_is_only_for_site_administrators(client, demo):
    assert client.get(NEW).status_code == 302  # anonymous: sign in first
    sign_in(client, demo.officer)
    assert client.get(NEW).status_code == 403
    assert client.get(reverse("onboarding:new_confirm", args=["E22000084"])).status_code == 403
